import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/001-initial.js';
import * as heldUntil from './migrations/002-held-until.js';
import * as oneOpenConversation from './migrations/003-one-open-conversation.js';
import * as outboundClaims from './migrations/004-outbound-claims.js';
import * as privacy from './migrations/005-privacy.js';
import * as teamOperations from './migrations/006-team-operations.js';
import * as crisisSignal from './migrations/007-crisis-signal.js';
import * as subscriptionsBroadcasts from './migrations/008-subscriptions-broadcasts.js';
import * as feedAppend from './migrations/009-feed-append.js';

/** The one migration history of both engines; append, never edit a released step. */
const MIGRATIONS: Record<string, Migration> = {
  '001-initial': initial,
  '002-held-until': heldUntil,
  '003-one-open-conversation': oneOpenConversation,
  '004-outbound-claims': outboundClaims,
  '005-privacy': privacy,
  '006-team-operations': teamOperations,
  '007-crisis-signal': crisisSignal,
  '008-subscriptions-broadcasts': subscriptionsBroadcasts,
  '009-feed-append': feedAppend,
};

class InCodeMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/**
 * Migrates to the latest step, or up to and including `target` (tests build an older schema
 * with it to check that a later step copes with the data it finds).
 */
// The migrator works on any schema, hence Kysely<any> below.
export async function migrateToLatest(
  db: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  target?: keyof typeof MIGRATIONS & string,
  /**
   * PostgreSQL schema the tables live in. Kysely looks for its migration tables in every schema
   * unless told which one: another schema's tables (a second deployment, a test) would make it
   * skip creating its own and fail with "relation kysely_migration_lock does not exist".
   */
  pgSchema?: string,
): Promise<void> {
  const migrator = new Migrator({ db, provider: new InCodeMigrations(), ...(pgSchema ? { migrationTableSchema: pgSchema } : {}) });
  const { error, results } = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${cause}`);
  }
}
