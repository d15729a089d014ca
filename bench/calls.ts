/**
 * Consultation log (issue 7): the desk's calls services over a replica of 20,000 call logs, each
 * figure a ratio against the plain SQL that answers the same question in the same store, run side
 * by side. Shows what the JSON parse + shared filter predicate (which keeps list, stats and export
 * counts identical) costs over raw SQL. Text search goes through the folded-text index
 * (calls_search, kept by triggers) and the list reads only the rows of the page it shows.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CALL_ACTIONS, CALL_CHANNELS, FIELDS, type CallLog, type Counsellor } from '../common/domain/index.js';
import { createCallsService } from '../electron/services/calls/index.js';
import { ensureSearchIndex } from '../electron/services/calls/search-index.js';
import { openStore } from '../electron/services/store/index.js';

const N = 20_000;
const ME: Counsellor = { id: randomUUID(), username: 'bench', displayName: '벤치', role: 'counsellor', active: true, presence: 'offline', presenceSince: null };

async function time(fn: () => Promise<unknown>, rounds = 5): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bokji-bench-calls-'));
  const store = await openStore(join(dir, 'desk.sqlite'));
  try {
    const start = Date.parse('2026-01-01T00:00:00Z');
    await store.transaction(async (tx) => {
      for (let i = 0; i < N; i++) {
        const at = new Date(start + i * 17 * 60_000).toISOString();
        const log: CallLog = {
          id: randomUUID(), conversationId: null, channel: CALL_CHANNELS[i % 3]!, startedAt: at, durationSec: 60 + (i % 600),
          callerName: i % 4 ? `시민${i}` : null, callerPhone: `010${String(10_000_000 + (i % 5000)).slice(0, 8)}`, dong: '독산1동',
          field: FIELDS[i % FIELDS.length]!, subTopic: null, need: i % 7 ? '주거급여 신청 문의' : '긴급복지 생계지원', programmeIds: [],
          action: CALL_ACTIONS[i % CALL_ACTIONS.length]!, agency: null, crisis: i % 50 === 0, callbackAt: null, callbackDoneAt: null,
          callbackRecordId: null, notes: '', ctiCallId: null, counsellorId: ME.id, createdAt: at, updatedAt: at, version: 1,
        };
        await tx.run(
          `INSERT INTO call_logs (id, data, version, started_at, caller_phone, counsellor_id, field, channel, action)
           VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)`,
          [log.id, JSON.stringify(log), log.startedAt, log.callerPhone, log.counsellorId, log.field, log.channel, log.action],
        );
      }
    });
    const calls = createCallsService({
      store, counsellor: () => ME, now: () => new Date(), emit: () => {}, notify: () => {},
    });
    const range = { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' };
    const phone = '01010001234';
    const cases: Array<{ name: string; ours: () => Promise<unknown>; baseline: () => Promise<unknown> }> = [
      {
        name: `stats month x field (${N} records)`,
        ours: () => calls.handlers.stats({ ...range, groupBy: 'month', dimension: 'field' }),
        baseline: () => store.all("SELECT substr(datetime(started_at, '+9 hours'), 1, 7) AS m, field, count(*) FROM call_logs GROUP BY m, field"),
      },
      {
        name: 'caller history by phone',
        ours: () => calls.handlers.history({ phone }),
        baseline: () => store.all('SELECT data FROM call_logs WHERE caller_phone = ?', [phone]),
      },
      {
        name: 'list, text search "긴급", 500 rows',
        ours: () => calls.handlers.list({ q: '긴급', limit: 500 }),
        baseline: () => store.all("SELECT data FROM call_logs WHERE data LIKE '%긴급%' ORDER BY started_at DESC LIMIT 500"),
      },
      {
        name: 'list, text "긴급 복지" (spacing-insensitive)',
        ours: () => calls.handlers.list({ q: '긴급 복지', limit: 500 }),
        baseline: () => store.all("SELECT data FROM call_logs WHERE data LIKE '%긴급복지%' ORDER BY started_at DESC LIMIT 500"),
      },
      {
        name: 'list, newest 500, no filter',
        ours: () => calls.handlers.list({ limit: 500 }),
        baseline: () => store.all('SELECT data FROM call_logs ORDER BY started_at DESC LIMIT 500'),
      },
      {
        name: 'search index rebuild (once per start)',
        ours: () => ensureSearchIndex(store),
        baseline: () => store.all('SELECT data FROM call_logs'),
      },
      {
        name: 'export XLSX, one month (~2,600 rows)',
        ours: () => calls.handlers.export({ format: 'xlsx', filter: { from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' }, reason: { kind: 'statistics', text: '' } }),
        baseline: () => store.all('SELECT data FROM call_logs WHERE started_at >= ? AND started_at < ?', ['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']),
      },
    ];
    console.log('case'.padEnd(44), 'ours ms'.padStart(9), 'SQL ms'.padStart(9), 'ratio'.padStart(8));
    for (const c of cases) {
      const baseline = await time(c.baseline);
      const ours = await time(c.ours);
      console.log(c.name.padEnd(44), ours.toFixed(1).padStart(9), baseline.toFixed(1).padStart(9), `${(ours / baseline).toFixed(1)}x`.padStart(8));
    }
    await calls.close();
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
