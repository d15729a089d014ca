import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../server/db/store.js';

/**
 * Two deployments (or test files) on one PostgreSQL database, each in its own schema: the second
 * must create its own migration tables instead of mistaking the first one's for its own.
 */
const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schemas = [0, 1].map(() => `t_${randomBytes(6).toString('hex')}`);

afterAll(async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
  await client.end();
});

describe('PostgreSQL schemas side by side', () => {
  it('migrates a second schema while the first one holds migration tables', async () => {
    const first = await openStore({ engine: 'postgres', url, schema: schemas[0]! });
    try {
      const second = await openStore({ engine: 'postgres', url, schema: schemas[1]! });
      await second.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ table_schema: string }>(
        `select table_schema from information_schema.tables where table_name = 'kysely_migration_lock' and table_schema = any($1)`,
        [schemas],
      );
      await client.end();
      expect(rows.map((r) => r.table_schema).sort()).toEqual([...schemas].sort());
    } finally {
      await first.close();
    }
  });
});
