import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { Conversation, type LifeStage } from '../../common/domain/index.js';
import {
  CONSENT_STATEMENT, CONSENT_STATEMENT_VERSION, DEMO_TOPICS, RECONFIRM_AFTER_DAYS, maskCitizenKey, narrowingMatches,
  type ConsentAction, ConsentEntry, type ConsentMethod, type Dong, Subscriber, type SubscriberStatus,
  type SubscriberListItem, type SubscriberListQuery, type SubscriptionTopic,
} from '../../common/subscriptions/index.js';
import { parseStored, toJson } from '../db/json.js';
import type { Database } from '../db/schema.js';
import type { Store, WriteTx } from '../db/store.js';
import { problems } from '../http/problem.js';

type Q = Kysely<Database> | Transaction<Database>;

const DAY_MS = 86_400_000;

export async function listTopics(q: Q): Promise<SubscriptionTopic[]> {
  const rows = await q.selectFrom('subscription_topics').select(['id', 'name', 'description']).where('active', '=', 1).orderBy('position').orderBy('id').execute();
  return rows;
}

/** Refuses topic ids that are not (or no longer) offered: a subscription or a notice may name only listed topics. */
export async function requireKnownTopics(q: Q, topics: readonly string[]): Promise<void> {
  const known = new Set((await listTopics(q)).map((t) => t.id));
  const unknown = topics.filter((t) => !known.has(t));
  if (unknown.length > 0) {
    throw problems.badRequest(`없는 구독 주제입니다: ${unknown.join(', ')} (GET /subscription-topics 로 확인하세요)`, unknown.map(() => ({ path: 'body.topics', message: 'unknown topic' })));
  }
}

/** BOKJI_DEMO=1: 임대주택, 공공일자리, 복지 소식, 구정 소식 (only those missing). */
export async function seedDemoTopics(store: Store): Promise<void> {
  await store.write(null, async (tx) => {
    for (const [position, t] of DEMO_TOPICS.entries()) {
      const exists = await tx.trx.selectFrom('subscription_topics').select('id').where('id', '=', t.id).executeTakeFirst();
      if (!exists) await tx.trx.insertInto('subscription_topics').values({ ...t, position, active: 1, updated_at: tx.now }).execute();
    }
  }, { lockFeedFirst: false });
}

export async function putTopic(tx: WriteTx, topic: SubscriptionTopic): Promise<SubscriptionTopic> {
  const exists = await tx.trx.selectFrom('subscription_topics').select('position').where('id', '=', topic.id).executeTakeFirst();
  if (exists) {
    await tx.trx.updateTable('subscription_topics').set({ name: topic.name, description: topic.description, active: 1, updated_at: tx.now }).where('id', '=', topic.id).execute();
  } else {
    const max = await tx.trx.selectFrom('subscription_topics').select((eb) => eb.fn.max('position').as('m')).executeTakeFirst();
    await tx.trx.insertInto('subscription_topics').values({ ...topic, position: Number(max?.m ?? -1) + 1, active: 1, updated_at: tx.now }).execute();
  }
  await tx.audit('put', 'subscriptionTopic', topic.id, topic.name);
  return topic;
}

interface SubscriberRow {
  citizen_key: string;
  status: string;
  topics: string;
  dongs: string;
  life_stages: string;
  consented_at: string | null;
  reconfirm_due_at: string | null;
}

export async function consentHistory(q: Q, citizenKey: string): Promise<ConsentEntry[]> {
  const rows = await q.selectFrom('consent_ledger').select('data').where('citizen_key', '=', citizenKey).orderBy('at').orderBy('id').execute();
  return rows.map((r) => parseStored(ConsentEntry, r.data, 'consent_ledger'));
}

function subscriberOf(citizenKey: string, row: SubscriberRow | undefined, history: ConsentEntry[]): Subscriber {
  if (!row) return { citizenKey, status: 'none', topics: [], dongs: [], lifeStages: [], consentedAt: null, reconfirmDueAt: null, history };
  return {
    citizenKey,
    status: row.status as SubscriberStatus,
    topics: parseStored(Subscriber.shape.topics, row.topics, 'subscribers', citizenKey),
    dongs: parseStored(Subscriber.shape.dongs, row.dongs, 'subscribers', citizenKey),
    lifeStages: parseStored(Subscriber.shape.lifeStages, row.life_stages, 'subscribers', citizenKey),
    consentedAt: row.consented_at,
    reconfirmDueAt: row.reconfirm_due_at,
    history,
  };
}

export async function getSubscriber(q: Q, citizenKey: string): Promise<Subscriber> {
  const row = await q
    .selectFrom('subscribers')
    .select(['citizen_key', 'status', 'topics', 'dongs', 'life_stages', 'consented_at', 'reconfirm_due_at'])
    .where('citizen_key', '=', citizenKey)
    .executeTakeFirst();
  return subscriberOf(citizenKey, row, await consentHistory(q, citizenKey));
}

const maskName = (name: string | null) => (name ? `${name.slice(0, 1)}${'*'.repeat(Math.max(1, name.length - 1))}` : null);

/** Each citizen's name from their conversations, the latest one that has a name winning. */
async function citizenNames(q: Q, citizenKeys: readonly string[]): Promise<Map<string, string | null>> {
  const names = new Map<string, string | null>();
  if (citizenKeys.length === 0) return names;
  const rows = await q.selectFrom('conversations').select(['citizen_key', 'data', 'created_at']).where('citizen_key', 'in', [...citizenKeys]).orderBy('created_at').execute();
  for (const r of rows) names.set(r.citizen_key, parseStored(Conversation, r.data, 'conversations').citizenName ?? names.get(r.citizen_key) ?? null);
  return names;
}

export interface SubscriberList {
  items: z.infer<typeof SubscriberListItem>[];
  nextCursor: string | null;
  total: number;
}

/**
 * The supervisor's subscriber list, masked, ordered by key; the cursor is an offset. The 동 filter
 * reads the stored JSON, so it runs here rather than in SQL.
 */
export async function listSubscribers(q: Q, query: z.infer<typeof SubscriberListQuery>): Promise<SubscriberList> {
  const { topic, dong, status, cursor, limit } = query;
  let qb = q
    .selectFrom('subscribers')
    .select(['citizen_key', 'status', 'topics', 'dongs', 'life_stages', 'consented_at', 'reconfirm_due_at'])
    .orderBy('citizen_key');
  if (status) qb = qb.where('status', '=', status);
  if (topic) qb = qb.where('citizen_key', 'in', q.selectFrom('subscriber_topics').select('citizen_key').where('topic_id', '=', topic));
  const all = (await qb.execute()).filter((r) => !dong || narrowingMatches(parseStored(Subscriber.shape.dongs, r.dongs, 'subscribers', r.citizen_key), [dong]));
  const start = cursor ? Number(cursor) : 0;
  const page = all.slice(start, start + limit);
  const names = await citizenNames(q, page.map((r) => r.citizen_key));
  const items = [];
  for (const r of page) {
    items.push({
      citizenKeyMasked: maskCitizenKey(r.citizen_key),
      citizenName: maskName(names.get(r.citizen_key) ?? null),
      status: r.status as SubscriberStatus,
      topics: parseStored(Subscriber.shape.topics, r.topics, 'subscribers', r.citizen_key),
      dongs: parseStored(Subscriber.shape.dongs, r.dongs, 'subscribers', r.citizen_key),
      lifeStages: parseStored(Subscriber.shape.lifeStages, r.life_stages, 'subscribers', r.citizen_key),
      consentedAt: r.consented_at,
      reconfirmDueAt: r.reconfirm_due_at,
      history: await consentHistory(q, r.citizen_key),
    });
  }
  return { items, nextCursor: start + limit < all.length ? String(start + limit) : null, total: all.length };
}

/** The version the ledger records for a statement: ours, or a hash of the text actually read. */
export function statementVersionOf(statement: string): { version: string; statement: string | null } {
  const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (normalise(statement) === normalise(CONSENT_STATEMENT)) return { version: CONSENT_STATEMENT_VERSION, statement: null };
  return { version: `custom:${createHash('sha256').update(statement).digest('hex').slice(0, 12)}`, statement };
}

export interface ConsentChange {
  topics: string[];
  dongs?: Dong[];
  lifeStages?: LifeStage[];
  method: ConsentMethod;
  channel: 'kakao' | 'desk';
  statement: string;
  actor: { id: string; name: string } | null;
  /** Re-confirmation keeps the topics and restarts the 2-year clock. */
  action?: ConsentAction;
}

export interface ConsentResult {
  subscriber: Subscriber;
  /** Topics before the change, to word the answer ("… 구독을 해지했습니다"). */
  before: string[];
  action: ConsentAction;
}

/**
 * Sets a citizen's subscription to exactly `topics` (empty: unsubscribed) and appends the
 * ledger entry, in the caller's transaction. The ledger is append-only: it is the proof of
 * consent (who, when, how, which text) and of every withdrawal.
 */
export async function applyConsent(tx: WriteTx, citizenKey: string, change: ConsentChange): Promise<ConsentResult> {
  const previous = await getSubscriber(tx.trx, citizenKey);
  const topics = [...new Set(change.topics)];
  const dongs = change.dongs ?? (topics.length > 0 ? previous.dongs : []);
  const lifeStages = change.lifeStages ?? (topics.length > 0 ? previous.lifeStages : []);
  const wasActive = previous.status === 'active' && previous.topics.length > 0;
  const action: ConsentAction = change.action ?? (topics.length === 0 ? 'unsubscribe' : wasActive ? 'change' : 'subscribe');
  const status: SubscriberStatus = topics.length === 0 ? (action === 'lapse' ? 'lapsed' : 'unsubscribed') : 'active';
  const consentedAt = topics.length === 0 ? previous.consentedAt : action === 'change' ? previous.consentedAt ?? tx.now : tx.now;
  const reconfirmDueAt = topics.length === 0 || !consentedAt ? null : new Date(Date.parse(consentedAt) + RECONFIRM_AFTER_DAYS * DAY_MS).toISOString();
  const row = {
    status,
    topics: toJson(topics),
    dongs: toJson(dongs),
    life_stages: toJson(lifeStages),
    consented_at: consentedAt,
    reconfirm_due_at: reconfirmDueAt,
    reconfirm_asked_at: null,
    updated_at: tx.now,
  };
  const exists = await tx.trx.selectFrom('subscribers').select('version').where('citizen_key', '=', citizenKey).executeTakeFirst();
  if (exists) await tx.trx.updateTable('subscribers').set({ ...row, version: exists.version + 1 }).where('citizen_key', '=', citizenKey).execute();
  else await tx.trx.insertInto('subscribers').values({ citizen_key: citizenKey, ...row, version: 1 }).execute();
  await tx.trx.deleteFrom('subscriber_topics').where('citizen_key', '=', citizenKey).execute();
  if (topics.length > 0) await tx.trx.insertInto('subscriber_topics').values(topics.map((t) => ({ topic_id: t, citizen_key: citizenKey }))).execute();
  const { version, statement } = statementVersionOf(change.statement);
  const entry: ConsentEntry = {
    id: randomUUID(),
    at: tx.now,
    channel: change.channel,
    method: change.method,
    action,
    statementVersion: version,
    statement,
    topics,
    dongs,
    lifeStages,
    actorId: change.actor?.id ?? null,
    actorName: change.actor?.name ?? null,
  };
  await appendLedger(tx, citizenKey, entry);
  await tx.audit(`subscription-${action}`, 'subscriber', citizenKey, `${change.method}: ${topics.join(',') || '(none)'}`);
  return { subscriber: { ...subscriberOf(citizenKey, { citizen_key: citizenKey, ...row }, []), history: [...previous.history, entry] }, before: previous.topics, action };
}

export async function appendLedger(tx: WriteTx, citizenKey: string, entry: ConsentEntry): Promise<void> {
  await tx.trx.insertInto('consent_ledger').values({ id: entry.id, citizen_key: citizenKey, at: entry.at, action: entry.action, data: toJson(entry) }).execute();
}

export interface AudienceFilter {
  topics: readonly string[];
  dongs: readonly string[];
  lifeStages: readonly string[];
}

/** Active subscribers a notice reaches now: one of its topics, and their 동/생애주기 narrowing lets it through. */
export async function audienceOf(q: Q, filter: AudienceFilter): Promise<string[]> {
  if (filter.topics.length === 0) return [];
  const rows = await q
    .selectFrom('subscriber_topics')
    .innerJoin('subscribers', 'subscribers.citizen_key', 'subscriber_topics.citizen_key')
    .select(['subscribers.citizen_key as citizenKey', 'subscribers.dongs as dongs', 'subscribers.life_stages as lifeStages'])
    .distinct()
    .where('subscriber_topics.topic_id', 'in', [...filter.topics])
    .where('subscribers.status', '=', 'active')
    .orderBy('subscribers.citizen_key')
    .execute();
  return rows
    .filter((r) => narrowingMatches(parseStored(Subscriber.shape.dongs, r.dongs, 'subscribers', r.citizenKey), filter.dongs) && narrowingMatches(parseStored(Subscriber.shape.lifeStages, r.lifeStages, 'subscribers', r.citizenKey), filter.lifeStages))
    .map((r) => r.citizenKey);
}

/** Of these citizens, those still subscribed to one of the topics (checked right before each send). */
export async function stillSubscribed(q: Q, citizenKeys: readonly string[], topics: readonly string[]): Promise<Set<string>> {
  if (citizenKeys.length === 0 || topics.length === 0) return new Set();
  const rows = await q
    .selectFrom('subscriber_topics')
    .innerJoin('subscribers', 'subscribers.citizen_key', 'subscriber_topics.citizen_key')
    .select('subscriber_topics.citizen_key as k')
    .where('subscriber_topics.citizen_key', 'in', [...citizenKeys])
    .where('subscriber_topics.topic_id', 'in', [...topics])
    .where('subscribers.status', '=', 'active')
    .execute();
  return new Set(rows.map((r) => r.k));
}

export function topicNames(topics: readonly SubscriptionTopic[], ids: readonly string[]): string {
  return ids.map((id) => topics.find((t) => t.id === id)?.name ?? id).join(', ');
}

/** "임대주택, 구정 소식" -> "임대주택 소식, 구정 소식": the noun the answers use ("… 구독을 해지했습니다"). */
export function topicPhrase(topics: readonly SubscriptionTopic[], ids: readonly string[]): string {
  return ids
    .map((id) => topics.find((t) => t.id === id)?.name ?? id)
    .map((n) => (n.endsWith('소식') ? n : `${n} 소식`))
    .join(', ');
}
