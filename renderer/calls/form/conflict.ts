import type { CallLogView } from '../../../common/desk-api/index.js';
import type { CallLogInput } from '../../../common/domain/index.js';

/** What the counsellor was saving, and the version another counsellor saved first. */
export interface Conflict {
  id: string;
  mine: CallLogInput;
  theirs: CallLogView;
}

/** The record fields a counsellor can choose between (bookkeeping fields are never shown). */
export const CONFLICT_FIELDS = [
  'channel', 'startedAt', 'durationSec', 'callerName', 'callerPhone', 'dong', 'field', 'subTopic', 'need', 'programmeIds',
  'action', 'agency', 'crisis', 'callbackAt', 'notes',
] as const satisfies ReadonlyArray<keyof CallLogInput>;
export type ConflictField = (typeof CONFLICT_FIELDS)[number];

/** Per differing field, whose value to keep. */
export type ConflictPick = Partial<Record<ConflictField, 'mine' | 'theirs'>>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields where the two versions differ, in form order. */
export function differingFields(c: Conflict): ConflictField[] {
  return CONFLICT_FIELDS.filter((f) => !same(c.mine[f], c.theirs[f]));
}

/** Mine, with their value wherever the pick says theirs (a field not picked keeps mine). */
export function mergeConflict(c: Conflict, pick: ConflictPick): CallLogInput {
  const merged: Record<string, unknown> = { ...c.mine };
  for (const f of differingFields(c)) if (pick[f] === 'theirs') merged[f] = c.theirs[f];
  return merged as CallLogInput;
}
