import type { CallLogRevision, Counsellor } from '../../../common/domain/index.js';
import type { DeskEventSink } from '../../../common/desk-api/index.js';
import type { WindowControl } from '../host.js';
import type { OutboxItemInput } from '../outbox/outbox-payloads.js';
import type { Store } from '../store/index.js';

/**
 * One call-log request for the outbox: PUT /api/v1/call-logs/{recordId} with the CallLogInput as
 * body; a create uses the record's UUID as idempotency key, each later edit a fresh one plus If-Match.
 */
export type CallLogOutboxItem = Omit<OutboxItemInput, 'op'> & { op: 'callLog.put' };

export interface CallsDeps {
  store: Store;
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
