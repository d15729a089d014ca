import { randomUUID } from 'node:crypto';
import { CONSENT_STATEMENT_VERSION, RECONFIRM_ANSWER_DAYS, type ConsentEntry } from '../../common/subscriptions/index.js';
import type { Store, WriteTx } from '../db/store.js';
import { RECONFIRM_DIALOG_TTL_MS, postChannelAnswer } from './kakao-dialog.js';
import { appendLedger, applyConsent, getSubscriber, listTopics, topicNames, topicPhrase } from './store.js';

export interface ReconfirmLogger {
  warn(obj: object, msg?: string): void;
}

const DAY_MS = 86_400_000;

/** The citizen's latest conversation: where the channel's question goes (KakaoTalk needs one). */
async function latestConversationId(tx: WriteTx, citizenKey: string): Promise<string | null> {
  const row = await tx.trx.selectFrom('conversations').select('id').where('citizen_key', '=', citizenKey).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Consent is re-confirmed every 2 years: when a subscription's reconfirm_due_at has come, the
 * channel asks (a yes in KakaoTalk renews it, see kakao-dialog.ts); without an answer within 30
 * days the subscription lapses and the citizen is told. Each step is ledgered. Returns what it did.
 */
export async function runReconfirmation(store: Store, now: Date): Promise<{ asked: number; lapsed: number }> {
  const iso = now.toISOString();
  const due = await store.db
    .selectFrom('subscribers')
    .select('citizen_key')
    .where('status', '=', 'active')
    .where('reconfirm_due_at', '<=', iso)
    .where('reconfirm_asked_at', 'is', null)
    .limit(200)
    .execute();
  let asked = 0;
  for (const { citizen_key: key } of due) {
    const done = await store.write(null, async (tx) => {
      const s = await getSubscriber(tx.trx, key);
      if (s.status !== 'active' || !s.reconfirmDueAt || s.reconfirmDueAt > iso) return false;
      const names = topicNames(await listTopics(tx.trx), s.topics);
    const phrase = topicPhrase(await listTopics(tx.trx), s.topics);
      await tx.trx.updateTable('subscribers').set({ reconfirm_asked_at: iso, updated_at: tx.now }).where('citizen_key', '=', key).execute();
      const entry: ConsentEntry = {
        id: randomUUID(), at: tx.now, channel: 'kakao', method: 'chat', action: 'reconfirm-asked', statementVersion: CONSENT_STATEMENT_VERSION,
        statement: null, topics: s.topics, dongs: s.dongs, lifeStages: s.lifeStages, actorId: null, actorName: null,
      };
      await appendLedger(tx, key, entry);
      const row = { state: 'reconfirm', topics: JSON.stringify(s.topics), expires_at: new Date(now.getTime() + RECONFIRM_DIALOG_TTL_MS).toISOString(), updated_at: tx.now };
      await tx.trx.deleteFrom('subscription_dialogs').where('citizen_key', '=', key).execute();
      await tx.trx.insertInto('subscription_dialogs').values({ citizen_key: key, ...row }).execute();
      const conversationId = await latestConversationId(tx, key);
      if (conversationId) {
        await postChannelAnswer(tx, conversationId, {
          reply: `[구독 소식 재동의 요청] 2년 전 동의하신 ${phrase}을 계속 받으시겠어요? 계속 받으시려면 "네"를, 그만 받으시려면 "수신거부"를 보내 주세요. ${RECONFIRM_ANSWER_DAYS}일 안에 답이 없으면 구독이 해지됩니다.`,
          note: `구독 재동의 요청 (${names})`,
        }, null);
      }
      await tx.audit('subscription-reconfirm-asked', 'subscriber', key, names);
      return true;
    });
    if (done) asked++;
  }

  const cutoff = new Date(now.getTime() - RECONFIRM_ANSWER_DAYS * DAY_MS).toISOString();
  const unanswered = await store.db
    .selectFrom('subscribers')
    .select('citizen_key')
    .where('status', '=', 'active')
    .where('reconfirm_asked_at', '<=', cutoff)
    .limit(200)
    .execute();
  let lapsed = 0;
  for (const { citizen_key: key } of unanswered) {
    const done = await store.write(null, async (tx) => {
      const row = await tx.trx.selectFrom('subscribers').select(['status', 'reconfirm_asked_at']).where('citizen_key', '=', key).executeTakeFirst();
      if (!row || row.status !== 'active' || !row.reconfirm_asked_at || row.reconfirm_asked_at > cutoff) return false;
      const { before } = await applyConsent(tx, key, { topics: [], method: 'chat', channel: 'kakao', statement: '재동의 응답 없음 (no answer within 30 days)', actor: null, action: 'lapse' });
      await tx.trx.deleteFrom('subscription_dialogs').where('citizen_key', '=', key).execute();
      const names = topicNames(await listTopics(tx.trx), before);
    const phrase = topicPhrase(await listTopics(tx.trx), before);
      const conversationId = await latestConversationId(tx, key);
      if (conversationId) {
        await postChannelAnswer(tx, conversationId, {
          reply: `재동의 답이 없어 ${phrase} 구독이 해지되었습니다. 다시 받으시려면 언제든 "구독"이라고 보내 주세요.`,
          note: `재동의 응답 없음: ${names} 구독 만료`,
        }, null);
      }
      return true;
    });
    if (done) lapsed++;
  }
  return { asked, lapsed };
}

/** Runs the re-confirmation every intervalMs until stop(). */
export function startReconfirmation(store: Store, log: ReconfirmLogger, intervalMs: number, onMessage: () => void): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      try {
        const { asked, lapsed } = await runReconfirmation(store, new Date());
        if (asked + lapsed > 0) onMessage();
      } catch (err) {
        log.warn({ err }, 'subscription re-confirmation failed');
      }
    });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
