import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { ServerConfig } from '../config.js';
import type { Store, WriteTx } from '../db/store.js';

/** Records destroyed per transaction: short transactions, the feed lock is not held for long. */
const BATCH = 200;
const YEAR_MS = 365.25 * 86_400_000;

export interface DestructionRun {
  class: 'call_logs' | 'conversations' | 'access_log';
  count: number;
}

const cutoff = (now: Date, years: number) => new Date(now.getTime() - years * YEAR_MS).toISOString();

/** Writes one row of the 파기 대장 (destruction register). */
async function register(tx: WriteTx, cls: DestructionRun['class'], count: number, periodFrom: string | null, periodTo: string, rule: string) {
  await tx.trx.insertInto('destructions').values({ id: randomUUID(), at: tx.now, class: cls, count, period_from: periodFrom, period_to: periodTo, rule }).execute();
  await tx.audit('destroy', cls, '-', `${count} destroyed: ${rule}`);
}

/** Removes the feed copies and stored idempotent responses of destroyed records, then tells replicas (data null). */
async function eraseCopies(tx: WriteTx, entity: 'callLog' | 'conversation' | 'message', ids: string[]) {
  if (ids.length === 0) return;
  await tx.trx.deleteFrom('changes').where('entity', '=', entity).where('record_id', 'in', ids).execute();
  // Call logs and messages are created with their client UUID as Idempotency-Key.
  await tx.trx.deleteFrom('idempotency_keys').where('key', 'in', ids).execute();
  for (const id of ids) await tx.change(entity, id, null);
}

/**
 * Destroys what has outlived its retention period (개인정보 보호법 제21조; 고시 제8조 for the access
 * log): call logs and closed conversations (with their messages) whose last activity is older
 * than the configured years, and access-log entries older than theirs. Each destruction removes
 * the rows, their copies in the change feed and in stored idempotent responses, puts a null into
 * the feed so that every desk removes its replica copy, and writes the register. The access log
 * is destroyed on its own clock, never together with the records it describes.
 */
export async function destroyExpired(store: Store, config: ServerConfig, now = new Date()): Promise<DestructionRun[]> {
  const runs: DestructionRun[] = [];
  const years = config.retentionYears;

  const logsBefore = cutoff(now, years.callLogs);
  let logs = 0;
  let oldestLog: string | null = null;
  for (;;) {
    const rows = await store.db.selectFrom('call_logs').select(['id', 'started_at']).where('updated_at', '<', logsBefore).orderBy('updated_at').limit(BATCH).execute();
    if (rows.length === 0) break;
    oldestLog ??= rows.reduce((m, r) => (r.started_at < m ? r.started_at : m), rows[0]!.started_at);
    const ids = rows.map((r) => r.id);
    await store.write(null, async (tx) => {
      await tx.trx.deleteFrom('call_log_revisions').where('call_log_id', 'in', ids).execute();
      await tx.trx.deleteFrom('call_logs').where('id', 'in', ids).execute();
      await eraseCopies(tx, 'callLog', ids);
    });
    logs += ids.length;
  }

  const conversationsBefore = cutoff(now, years.conversations);
  let conversations = 0;
  let oldestConversation: string | null = null;
  for (;;) {
    const rows = await store.db
      .selectFrom('conversations')
      .select(['id', 'created_at'])
      .where('status', '=', 'closed')
      .where('updated_at', '<', conversationsBefore)
      .orderBy('updated_at')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    oldestConversation ??= rows.reduce((m, r) => (r.created_at < m ? r.created_at : m), rows[0]!.created_at);
    const ids = rows.map((r) => r.id);
    await store.write(null, async (tx) => {
      const messageIds = (await tx.trx.selectFrom('messages').select('id').where('conversation_id', 'in', ids).execute()).map((m) => m.id);
      await tx.trx.deleteFrom('inbound_events').where('conversation_id', 'in', ids).execute();
      for (let i = 0; i < messageIds.length; i += BATCH) await tx.trx.deleteFrom('messages').where('id', 'in', messageIds.slice(i, i + BATCH)).execute();
      // Call logs keep their own retention; a surviving one just loses the link.
      await tx.trx.deleteFrom('conversations').where('id', 'in', ids).execute();
      for (let i = 0; i < messageIds.length; i += BATCH) await eraseCopies(tx, 'message', messageIds.slice(i, i + BATCH));
      await eraseCopies(tx, 'conversation', ids);
    });
    conversations += ids.length;
  }

  const accessBefore = cutoff(now, Math.max(1, years.accessLog));
  const oldestAccess = await store.db.selectFrom('access_log').select('at').where('at', '<', accessBefore).orderBy('seq').limit(1).executeTakeFirst();
  let access = 0;
  if (oldestAccess) {
    // From the front of the chain only: the oldest kept entry becomes the anchor verify starts from.
    const result = await store.db.deleteFrom('access_log').where('at', '<', accessBefore).executeTakeFirst();
    access = Number(result.numDeletedRows);
  }

  await store.write(null, async (tx) => {
    if (logs > 0) {
      await register(tx, 'call_logs', logs, oldestLog, logsBefore, `BOKJI_RETENTION_YEARS_CALL_LOGS=${years.callLogs}: 마지막 수정 후 ${years.callLogs}년 지난 상담 기록`);
    }
    if (conversations > 0) {
      await register(tx, 'conversations', conversations, oldestConversation, conversationsBefore,
        `BOKJI_RETENTION_YEARS_CONVERSATIONS=${years.conversations}: 종료 후 ${years.conversations}년 지난 상담(대화·메시지 포함)`);
    }
    if (access > 0) {
      await register(tx, 'access_log', access, oldestAccess?.at ?? null, accessBefore, `BOKJI_RETENTION_YEARS_ACCESS_LOG=${years.accessLog}: ${years.accessLog}년 지난 접속기록`);
    }
  }, { lockFeedFirst: false });
  if (logs > 0) runs.push({ class: 'call_logs', count: logs });
  if (conversations > 0) runs.push({ class: 'conversations', count: conversations });
  if (access > 0) runs.push({ class: 'access_log', count: access });
  return runs;
}

/** Runs destroyExpired once soon after start and then daily, until stop(). */
export function startRetention(store: Store, config: ServerConfig, log: FastifyBaseLogger, intervalMs = 86_400_000): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running.then(() =>
      destroyExpired(store, config).then(
        (runs) => runs.length > 0 && log.info({ runs }, 'retention: expired records destroyed'),
        (err: unknown) => log.warn({ err }, 'retention run failed'),
      ),
    );
  };
  const first = setTimeout(run, 60_000);
  first.unref();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
