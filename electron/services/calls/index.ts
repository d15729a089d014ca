import type { DeskHandlers } from '../../../common/desk-api/index.js';
import { DeskError } from '../../../common/desk-api/index.js';
import type { CallsDeps } from './deps.js';

export type { CallsDeps, CallsDb, CallLogOutboxItem } from './deps.js';

const notYet = (what: string) => async (): Promise<never> => {
  throw new DeskError('internal', `아직 구현되지 않았습니다: calls.${what}`);
};

/** The `calls` namespace of the DeskApi: consultation records, drafts, callbacks, CTI, stats, export. */
export function createCallsHandlers(_deps: CallsDeps): DeskHandlers['calls'] {
  return {
    list: notYet('list'),
    get: notYet('get'),
    save: notYet('save'),
    getDraft: notYet('getDraft'),
    listDrafts: notYet('listDrafts'),
    saveDraft: notYet('saveDraft'),
    discardDraft: notYet('discardDraft'),
    history: notYet('history'),
    callbacks: notYet('callbacks'),
    completeCallback: notYet('completeCallback'),
    missedCalls: notYet('missedCalls'),
    stats: notYet('stats'),
    export: notYet('export'),
  };
}
