import type { CallLogRevision, Counsellor } from '../../../common/domain/index.js';
import type { DeskEventSink } from '../../../common/desk-api/index.js';
import type { WindowControl } from '../host.js';
import type { Store, StoreTx } from '../store/index.js';

/** One request for the outbox (table `outbox`): delivered in order per lane, retried with backoff. */
export interface CallLogOutboxItem {
  /** 'callLog.put' = PUT /api/v1/call-logs/{recordId} with the payload as body. */
  op: 'callLog.put';
  recordId: string;
  /** Delivery order: every write of one record shares a lane. */
  lane: string;
  /** The CallLogInput sent as the request body. */
  payload: unknown;
  /** The client UUID for a create; a fresh UUID for each later edit (a reused key with another body is 422). */
  idempotencyKey: string;
  /** If-Match; null for a create. */
  baseVersion: number | null;
  counsellorId: string;
}

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
