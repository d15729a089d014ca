/**
 * Issue 4 benchmark: (1) the first sync of a large change feed (10,000 programmes, 5,000
 * conversations with 100,000 messages, 20,000 call logs) into a fresh replica, as a ratio against
 * a bulk insert of the very same rows into the same SQLite schema in one transaction; (2) how long
 * a citizen's message takes from the webhook to the desk's local store, with 200 citizens writing.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { type Change, FIELDS } from '../common/domain/index.js';
import { createDeskServices } from '../electron/services/create-desk-services.js';
import type { DeskServices } from '../electron/services/host.js';
import { applyChanges } from '../electron/services/replica/apply-changes.js';
import { openStore } from '../electron/services/store/index.js';
import { percentile, signKakaoBody } from '../server/simulator/index.js';
import { LOCAL_WEBHOOK_SECRET, freePort, startCentralService } from '../test/harness/central-service.js';

const PROGRAMMES = 10_000;
const CONVERSATIONS = 5_000;
const MESSAGES = 100_000;
const CALL_LOGS = 20_000;
const CITIZENS = 200;
const MESSAGES_PER_CITIZEN = 3;

const plainSecrets = { kind: 'plain' as const, encrypt: async (s: string) => s, decrypt: async (s: string) => s };
const noWindow = { setAlwaysOnTop: () => undefined, setUnreadBadge: () => undefined, notify: () => undefined };

function feed(counsellorId: string): Change[] {
  const t = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  const changes: Change[] = [];
  let seq = 0;
  for (let i = 0; i < PROGRAMMES; i += 1) {
    changes.push({
      seq: ++seq, entity: 'programme', id: `BENCH${i}`,
      data: {
        id: `BENCH${i}`, name: `벤치 복지 프로그램 ${i} 생계 지원`, summary: '저소득 가구의 생계를 돕는 벤치마크용 프로그램입니다.'.repeat(3),
        field: FIELDS[i % FIELDS.length]!, lifeStages: ['청년'], households: ['저소득'], themes: ['생활지원'], target: '기준 중위소득 50% 이하',
        criteria: '소득 인정액 기준', benefits: '월 최대 50만원', howToApply: '주민센터 방문 신청', contact: '120', legalBasis: '국민기초생활 보장법',
        provider: 'district', agency: '구청', onlineApplication: i % 2 === 0, sourceUrl: null, sourceUpdatedAt: null, updatedAt: t(i), version: 1,
      },
    });
  }
  const conversationIds: string[] = [];
  for (let i = 0; i < CONVERSATIONS; i += 1) {
    const id = randomUUID();
    conversationIds.push(id);
    changes.push({
      seq: ++seq, entity: 'conversation', id,
      data: {
        id, channel: 'kakao', citizenKey: `bench-citizen-${i}`, citizenName: `시민${i}`, citizenPhone: `010${String(10_000_000 + i)}`,
        status: i % 4 === 0 ? 'closed' : 'open', assigneeId: i % 3 === 0 ? counsellorId : null, unreadCount: i % 5, lastMessageAt: t(i),
        lastMessagePreview: '문의드립니다', waitingSince: null, heldUntil: null, afterHoursNoticeAt: null, field: null, summary: null, crisis: null, crisisAnsweredAt: null, satisfaction: null,
        closedAt: null, createdAt: t(i), updatedAt: t(i), version: 1,
      },
    });
  }
  for (let i = 0; i < MESSAGES; i += 1) {
    const id = randomUUID();
    changes.push({
      seq: ++seq, entity: 'message', id,
      data: {
        id, conversationId: conversationIds[i % CONVERSATIONS]!, direction: i % 2 === 0 ? 'inbound' : 'outbound', kind: 'text',
        body: `기초생활수급 신청 방법을 알고 싶습니다 (${i})`, imageUrl: null, programmeId: null, authorId: i % 2 === 0 ? null : counsellorId,
        delivery: i % 2 === 0 ? null : 'delivered', deliveryError: null, createdAt: t(i),
      },
    });
  }
  for (let i = 0; i < CALL_LOGS; i += 1) {
    const id = randomUUID();
    changes.push({
      seq: ++seq, entity: 'callLog', id,
      data: {
        id, counsellorId, createdAt: t(i), updatedAt: t(i), version: 1, conversationId: null, channel: 'phone', startedAt: t(i), durationSec: 180,
        callerName: null, callerPhone: `010${String(20_000_000 + i)}`, dong: '역삼동', field: FIELDS[i % FIELDS.length]!, subTopic: null,
        need: '긴급 생계비 문의', programmeIds: [], action: 'info', agency: null, crisis: false, callbackAt: null, callbackDoneAt: null,
        callbackRecordId: null, notes: '', ctiCallId: null,
      },
    });
  }
  return changes;
}

function sqliteRun(file: string, work: (db: sqlite3.Database) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (err) => {
      if (err) return reject(err);
      work(db).then(() => db.close(() => resolve()), (e: unknown) => db.close(() => reject(e)));
    });
  });
}

/** Appends the feed to the server's `changes` table directly (the API would take minutes). */
async function seedServerFeed(serverFile: string, changes: Change[]): Promise<void> {
  await sqliteRun(serverFile, (db) => new Promise<void>((resolve, reject) => {
    db.serialize(() => {
      db.get('SELECT coalesce(max(seq), 0) AS top FROM changes', (err, row: { top: number }) => {
        if (err) return reject(err);
        db.run('BEGIN');
        const stmt = db.prepare('INSERT INTO changes (seq, entity, record_id, data, created_at) VALUES (?, ?, ?, ?, ?)');
        const now = new Date().toISOString();
        for (const ch of changes) stmt.run(row.top + ch.seq, ch.entity, ch.id, JSON.stringify(ch.data), now);
        stmt.finalize();
        db.run('COMMIT', (e) => (e ? reject(e) : resolve()));
      });
    });
  }));
}

async function counsellorIdOf(url: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'counsellor1', password }) });
  return ((await res.json()) as { counsellor: { id: string } }).counsellor.id;
}

async function deskOn(url: string, password: string, dataDir: string, pullLimit: number): Promise<DeskServices> {
  const desk = await createDeskServices({
    dataDir, serverUrl: url, secretStore: plainSecrets, windowControl: noWindow, host: 'web', demoHint: null, tuning: { pullLimit },
  });
  await desk.handlers.session.login({ serverUrl: url, username: 'counsellor1', password });
  return desk;
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

async function initialSync(): Promise<void> {
  const serverDir = await mkdtemp(join(tmpdir(), 'bokji-bench-server-'));
  const work = await mkdtemp(join(tmpdir(), 'bokji-bench-desk-'));
  const port = await freePort();
  try {
    let server = await startCentralService({ dataDir: serverDir, port, env: { BOKJI_RATE_LIMIT_PER_MIN: '1000000' } });
    const counsellorId = await counsellorIdOf(server.url, server.demoPassword);
    await server.stop();
    const changes = feed(counsellorId);
    await seedServerFeed(join(serverDir, 'bokji.sqlite'), changes);
    server = await startCentralService({ dataDir: serverDir, port, env: { BOKJI_RATE_LIMIT_PER_MIN: '1000000' } });

    // Baseline: the same rows, already parsed, into the same schema in one transaction.
    const baseStore = await openStore(join(work, 'baseline.sqlite'));
    let t = performance.now();
    await baseStore.transaction((tx) => applyChanges(tx, changes, undefined, { detectNew: false }));
    const bulkMs = performance.now() - t;
    await baseStore.close();

    const desk = await deskOn(server.url, server.demoPassword, join(work, 'desk'), 5000);
    t = performance.now();
    const status = await desk.handlers.sync.syncNow(undefined);
    const syncMs = performance.now() - t;
    const list = await desk.handlers.inbox.list({ view: 'all', q: '' });
    await desk.close();
    await server.stop();
    console.log(`initial sync: ${changes.length.toLocaleString()} changes (${PROGRAMMES} programmes, ${CONVERSATIONS} conversations, ${MESSAGES} messages, ${CALL_LOGS} call logs)`);
    console.log(`  bulk insert into SQLite (baseline): ${ms(bulkMs)}`);
    console.log(`  first sync over HTTP into a fresh replica: ${ms(syncMs)}  -> ratio ${(syncMs / bulkMs).toFixed(2)}x the bulk insert`);
    console.log(`  replica after sync: state ${status.state}, ${list.length} open conversations listed`);
  } finally {
    await rm(serverDir, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
}

async function webhookLatency(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'bokji-bench-latency-'));
  const server = await startCentralService({ env: { BOKJI_RATE_LIMIT_PER_MIN: '1000000' } });
  try {
    const desk = await deskOn(server.url, server.demoPassword, join(work, 'desk'), 1000);
    await desk.handlers.sync.syncNow(undefined);
    const sentAt = new Map<string, number>();
    const arrivedAt = new Map<string, number>();
    const deskDb = new sqlite3.Database(join(work, 'desk', 'desk.sqlite'), sqlite3.OPEN_READONLY);
    let checking = false;
    let recheck = false;
    const check = () => {
      if (checking) {
        recheck = true;
        return;
      }
      checking = true;
      const seen = performance.now();
      deskDb.all("SELECT body FROM messages WHERE body LIKE 'bench-latency %'", (err, rows: { body: string }[]) => {
        if (!err) for (const r of rows) if (!arrivedAt.has(r.body)) arrivedAt.set(r.body, seen);
        checking = false;
        if (recheck) {
          recheck = false;
          check();
        }
      });
    };
    desk.onEvent((name) => {
      if (name === 'inbox:onChange') check();
    });
    const secret = LOCAL_WEBHOOK_SECRET;
    const url = `${server.url}/api/v1/channels/kakao/webhook`;
    const total = CITIZENS * MESSAGES_PER_CITIZEN;
    const send = async (n: number) => {
      const citizen = n % CITIZENS;
      const body = `bench-latency ${n}`;
      const raw = JSON.stringify({ serial_number: `bench-${randomUUID()}`, event: 'message', user_key: `bench-user-${citizen}`, message_type: 'TX', message: body, time: new Date().toISOString() });
      sentAt.set(body, performance.now());
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(raw, secret) }, body: raw });
      if (!res.ok) throw new Error(`webhook ${res.status}: ${await res.text()}`);
    };
    // 200 citizens writing at about 50 messages a second in total, 8 requests in flight.
    const t0 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < total) {
        const n = next++;
        const due = t0 + n * 20;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        await send(n);
      }
    }));
    const deadline = Date.now() + 30_000;
    while (arrivedAt.size < total && Date.now() < deadline) {
      check();
      await new Promise((r) => setTimeout(r, 50));
    }
    const latencies = [...sentAt].flatMap(([body, at]) => (arrivedAt.has(body) ? [arrivedAt.get(body)! - at] : [])).sort((a, b) => a - b);
    // Baseline beside it: one webhook request's own round trip (what the server takes to accept a message).
    const rtt: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const t = performance.now();
      await send(total + i);
      rtt.push(performance.now() - t);
    }
    rtt.sort((a, b) => a - b);
    await new Promise<void>((r) => deskDb.close(() => r()));
    await desk.close();
    console.log(`webhook -> desk local store, ${CITIZENS} citizens, ${total} messages: arrived ${latencies.length}/${total}`);
    console.log(`  latency p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1) ?? 0)}`);
    console.log(`  webhook round trip alone (baseline): p50 ${ms(percentile(rtt, 50))}, p99 ${ms(percentile(rtt, 99))}` +
      `  -> p50 ratio ${(percentile(latencies, 50) / Math.max(percentile(rtt, 50), 0.001)).toFixed(1)}x`);
  } finally {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  await initialSync();
  await webhookLatency();
}
