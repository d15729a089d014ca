import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import {
  AssignmentSettings, DEFAULT_ASSIGNMENT_SETTINGS, DEFAULT_SERVICE_LEVEL_TARGETS, SatisfactionSettings,
  ServiceLevelTargets, type TeamSettings,
} from '../../common/domain/index.js';
import { storedJson, toJson } from '../db/json.js';
import type { Database } from '../db/schema.js';
import type { WriteTx } from '../db/store.js';

type Q = Kysely<Database> | Transaction<Database>;

/** Each settings document, its schema and the value it has until an admin changes it. */
const DOCUMENTS = {
  assignment: { schema: AssignmentSettings, fallback: DEFAULT_ASSIGNMENT_SETTINGS },
  serviceLevels: { schema: ServiceLevelTargets, fallback: DEFAULT_SERVICE_LEVEL_TARGETS },
  // The satisfaction question is asked unless an admin switches it off.
  satisfaction: { schema: SatisfactionSettings, fallback: { enabled: true } },
} as const;
export type TeamSettingsKey = keyof typeof DOCUMENTS;
type Doc<K extends TeamSettingsKey> = z.infer<(typeof DOCUMENTS)[K]['schema']>;

export async function getTeamSetting<K extends TeamSettingsKey>(q: Q, key: K): Promise<Doc<K>> {
  const row = await q.selectFrom('team_settings').select('data').where('key', '=', key).executeTakeFirst();
  const { schema, fallback } = DOCUMENTS[key];
  if (!row) return fallback as Doc<K>;
  // A document written by an older version that no longer parses falls back to the default.
  const parsed = schema.safeParse(storedJson(row.data, 'team_settings', key));
  return (parsed.success ? parsed.data : fallback) as Doc<K>;
}

export async function getTeamSettings(q: Q): Promise<TeamSettings> {
  return {
    assignment: await getTeamSetting(q, 'assignment'),
    serviceLevels: await getTeamSetting(q, 'serviceLevels'),
    satisfaction: await getTeamSetting(q, 'satisfaction'),
  };
}

/** Writes one settings document (audited); returns it. */
export async function putTeamSetting<K extends TeamSettingsKey>(tx: WriteTx, key: K, value: Doc<K>): Promise<Doc<K>> {
  const existing = await tx.trx.selectFrom('team_settings').select('version').where('key', '=', key).executeTakeFirst();
  const data = toJson(value);
  if (existing) {
    await tx.trx.updateTable('team_settings').set({ data, version: existing.version + 1, updated_at: tx.now }).where('key', '=', key).execute();
  } else {
    await tx.trx.insertInto('team_settings').values({ key, data, version: 1, updated_at: tx.now }).execute();
  }
  await tx.audit('update', 'teamSettings', key, data);
  return value;
}
