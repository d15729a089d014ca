import type { Kysely, Transaction } from 'kysely';
import { Programme, type ProgrammeInput } from '../../common/domain/index.js';
import { parseStored, toJson } from './json.js';
import type { Database } from './schema.js';
import type { WriteTx } from './store.js';

export async function allProgrammes(db: Kysely<Database>): Promise<Programme[]> {
  const rows = await db.selectFrom('programmes').select('data').orderBy('id').execute();
  return rows.map((r) => parseStored(Programme, r.data, 'programmes'));
}

export async function getProgramme(db: Kysely<Database> | Transaction<Database>, id: string): Promise<Programme | null> {
  const row = await db.selectFrom('programmes').select('data').where('id', '=', id).executeTakeFirst();
  return row ? parseStored(Programme, row.data, 'programmes') : null;
}

/** Inserts or replaces one programme with the next version, feed entry and audit row. */
export async function saveProgramme(
  tx: WriteTx,
  id: string,
  input: ProgrammeInput,
  previous: Programme | null,
  auditAction = previous ? 'update' : 'create',
): Promise<Programme> {
  const programme: Programme = { ...input, id, updatedAt: tx.now, version: previous ? previous.version + 1 : 1 };
  const row = { id, field: programme.field, updated_at: tx.now, version: programme.version, data: toJson(programme) };
  if (previous) await tx.trx.updateTable('programmes').set(row).where('id', '=', id).execute();
  else await tx.trx.insertInto('programmes').values(row).execute();
  await tx.change('programme', id, programme);
  await tx.audit(auditAction, 'programme', id, programme.name);
  return programme;
}
