import type { CallLogRevision, Counsellor } from '../../../common/domain/index.js';
import type { DeskEventSink } from '../../../common/desk-api/index.js';
import type { WindowControl } from '../host.js';
import type { OutboxItemInput } from '../outbox/outbox-store.js';
import type { Store, StoreTx } from '../store/index.js';

/**
 * One call-log request for the outbox: PUT /api/v1/call-logs/{recordId} with the CallLogInput as
 * body; a create uses the record's UUID as idempotency key, each later edit a fresh one plus If-Match.
 */
export type CallLogOutboxItem = Omit<OutboxItemInput, 'op'> & { op: 'callLog.put' };

export interface CallsDeps {
  store: Store;
  /**
   * Adds a request to the outbox inside the caller's transaction, so that the local write and its
   * delivery commit together (or not at all).
   */
  enqueue(tx: StoreTx, item: CallLogOutboxItem): Promise<void>;
  /** Nudges the outbox after a commit (deliver now rather than at the next tick). Optional. */
  kick?(): void;
  /** The signed-in counsellor, or null when signed out. */
  counsellor(): Counsellor | null;
  now(): Date;
  emit: DeskEventSink['emit'];
  notify: WindowControl['notify'];
  /** GET /call-logs/{id}/history; resolves null when the server cannot be reached (then local history is shown). */
  fetchRevisions?(id: string): Promise<CallLogRevision[] | null>;
}
