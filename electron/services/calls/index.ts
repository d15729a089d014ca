import type { DeskHandlers } from '../../../common/desk-api/index.js';
import type { CallsDeps } from './deps.js';
import { createCallsService } from './service.js';

export type { CallsDeps, CallLogOutboxItem } from './deps.js';
export { createCallsService, type CallsService } from './service.js';
export { measuredDuration, prefillDraft } from './incoming.js';

/**
 * The `calls` namespace of the DeskApi alone. Prefer createCallsService: it also gives the sync
 * engine `onCtiCall` (incoming-call pop-up) and the callback reminder timer (`start`/`close`).
 */
export function createCallsHandlers(deps: CallsDeps): DeskHandlers['calls'] {
  return createCallsService(deps).handlers;
}
