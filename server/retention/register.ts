import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Destruction } from '../../common/rest/access-log.js';
import { num } from '../db/json.js';
import type { Database } from '../db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

/** The register is read whole by an admin; the newest thousand rows cover years of nightly runs. */
const REGISTER_LIMIT = 1000;

/** Rows of the 파기 대장 (destruction register), newest first. */
export async function listDestructions(q: Q): Promise<z.infer<typeof Destruction>[]> {
  const rows = await q.selectFrom('destructions').selectAll().orderBy('at', 'desc').limit(REGISTER_LIMIT).execute();
  return rows.map((r) => ({ id: r.id, at: r.at, class: r.class, count: num(r.count), periodFrom: r.period_from, periodTo: r.period_to, rule: r.rule }));
}
