/**
 * Programme search over the national catalogue (central + every local government, ~4,650):
 * p50/p99 latency and recall@5 of ProgrammeSearchIndex beside plain MiniSearch (default options)
 * and Fuse.js (default options) on the same labelled queries. Ratios are against plain
 * MiniSearch, measured in the same run.
 */
import { loadavg } from 'node:os';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { Programme, ProgrammeFilters } from '../common/domain/index.js';
import { ProgrammeSearchIndex } from '../common/search/index.js';
import { buildNationalCatalogue } from '../scripts/build-catalogue.js';
import { HELD_OUT_ROUND_17, HELD_OUT_ROUND_18 } from '../test/common/search/held-out-queries.js';
import { LABELLED_QUERIES, type LabelledQuery, type QueryCategory } from '../test/common/search/queries.js';

type Query = Omit<LabelledQuery, 'heldOut'>;

interface Engine {
  name: string;
  buildMs: number;
  search(q: string, filters: ProgrammeFilters): string[];
}

const TOP = 5;

function passes(p: Programme, f: ProgrammeFilters): boolean {
  return (!f.field || p.field === f.field) && (!f.life || p.lifeStages.includes(f.life)) &&
    (!f.household || p.households.includes(f.household)) && (!f.theme || p.themes.includes(f.theme)) &&
    (!f.provider || p.provider === f.provider);
}

/** Wall-clock and CPU time of one call: on a shared 2-core machine CPU time is the steadier figure. */
function timed<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = fn();
  const ms = performance.now() - t;
  const used = process.cpuUsage(c);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

function engines(programmes: Programme[]): Engine[] {
  const byId = new Map(programmes.map((p) => [p.id, p]));
  // Baselines get the same filters, applied to their ranked hits.
  const filterTop = (ids: string[], f: ProgrammeFilters) => {
    const out: string[] = [];
    for (const id of ids) {
      if (passes(byId.get(id)!, f)) out.push(id);
      if (out.length === TOP) break;
    }
    return out;
  };

  const ours = timed(() => new ProgrammeSearchIndex(programmes));
  const mini = timed(() => {
    const m = new MiniSearch<Programme>({ fields: ['name', 'summary'] });
    m.addAll(programmes);
    return m;
  });
  const fuse = timed(() => new Fuse(programmes, { keys: ['name', 'summary'] }));
  return [
    { name: 'ProgrammeSearchIndex', buildMs: ours.ms, search: (q, f) => ours.value.search(q, f, TOP).map((h) => h.id) },
    { name: 'MiniSearch (default)', buildMs: mini.ms, search: (q, f) => filterTop(mini.value.search(q).map((r) => String(r.id)), f) },
    { name: 'Fuse.js (default)', buildMs: fuse.ms, search: (q, f) => filterTop(fuse.value.search(q).map((r) => r.item.id), f) },
  ];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Figures {
  p50: number;
  p99: number;
  cpuP50: number;
  cpuP99: number;
  /** p99 over queries of each query's median time across rounds: what a query costs, without the machine's preemptions. */
  medP99: number;
  recall: number;
  byCategory: Map<QueryCategory, number>;
}

function measure(engine: Engine, rounds: number, warmup: number, queries: readonly Query[] = LABELLED_QUERIES): Figures {
  // Warm-up queries so that JIT compilation is not counted as query time.
  for (const lq of queries.slice(0, warmup)) engine.search(lq.q, lq.filters ?? {});
  const times: number[] = [];
  const cpu: number[] = [];
  const perQuery = queries.map(() => [] as number[]);
  const perCat = new Map<QueryCategory, { sum: number; n: number }>();
  let sum = 0;
  for (let r = 0; r < rounds; r++) {
    for (const [i, lq] of queries.entries()) {
      const { value: top, ms, cpuMs } = timed(() => engine.search(lq.q, lq.filters ?? {}));
      times.push(ms);
      perQuery[i]!.push(ms);
      cpu.push(cpuMs);
      if (r > 0) continue;
      const found = lq.expected.filter((id) => top.includes(id)).length / lq.expected.length;
      sum += found;
      const c = perCat.get(lq.category) ?? { sum: 0, n: 0 };
      perCat.set(lq.category, { sum: c.sum + found, n: c.n + 1 });
    }
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const medians = perQuery.map((t) => percentile(t.sort((a, b) => a - b), 50)).sort((a, b) => a - b);
  return {
    medP99: percentile(medians, 99),
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    cpuP50: percentile(cpu, 50),
    cpuP99: percentile(cpu, 99),
    recall: sum / queries.length,
    byCategory: new Map([...perCat].map(([k, v]) => [k, v.sum / v.n])),
  };
}

export async function run(): Promise<void> {
  const { programmes, skipped } = buildNationalCatalogue();
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`programme search: national catalogue ${programmes.length} programmes (${skipped.length} skipped), ${LABELLED_QUERIES.length} labelled queries (${LABELLED_QUERIES.filter((q) => q.heldOut).length} held out), top ${TOP}`);
  console.log(`load average at start: ${load()} (1, 5, 15 min)`);
  const list = engines(programmes);
  // Fuse.js scans every document per query (~0.3 s each here): one round is enough to rank it.
  const plan = [{ rounds: 10, warmup: LABELLED_QUERIES.length }, { rounds: 10, warmup: LABELLED_QUERIES.length }, { rounds: 1, warmup: 10 }];
  const figures = list.map((e, i) => ({ e, f: measure(e, plan[i]!.rounds, plan[i]!.warmup) }));
  const base = figures[1]!.f;
  const fmt = (n: number, d = 2) => n.toFixed(d);
  console.log(
    `${'engine'.padEnd(22)} ${'build ms'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'p50 ×MS'.padStart(8)} ${'p99 ×MS'.padStart(8)} ` +
      `${'cpu p50'.padStart(8)} ${'cpu p99'.padStart(8)} ${'med p99'.padStart(8)} ${'recall@5'.padStart(9)} ${'×MS'.padStart(6)}`,
  );
  for (const { e, f } of figures) {
    console.log(
      `${e.name.padEnd(22)} ${fmt(e.buildMs, 0).padStart(9)} ${fmt(f.p50, 3).padStart(8)} ${fmt(f.p99, 3).padStart(8)} ` +
        `${fmt(f.p50 / base.p50).padStart(8)} ${fmt(f.p99 / base.p99).padStart(8)} ${fmt(f.cpuP50, 3).padStart(8)} ${fmt(f.cpuP99, 3).padStart(8)} ${fmt(f.medP99, 3).padStart(8)} ` +
        `${fmt(f.recall, 3).padStart(9)} ${fmt(f.recall / base.recall).padStart(6)}`,
    );
  }
  console.log('(ms per query; ×MS = ratio to plain MiniSearch in this run; cpu = process CPU time, steadier on a busy machine;');
  console.log(' med p99 = p99 over the queries of each query\'s median over the rounds, which leaves out preemption and GC spikes)');
  console.log(`load average at end: ${load()}`);
  const cats = [...figures[0]!.f.byCategory.keys()];
  console.log(`recall@5 by category: ${'engine'.padEnd(22)} ${cats.map((c) => c.padStart(10)).join(' ')}`);
  for (const { e, f } of figures) {
    console.log(`${''.padEnd(22)}${e.name.padEnd(22)} ${cats.map((c) => fmt(f.byCategory.get(c) ?? 0, 3).padStart(10)).join(' ')}`);
  }
  // The held-out rounds (never tuned on; round 18 never read query by query), on the national catalogue.
  for (const [round, queries] of [['17', HELD_OUT_ROUND_17], ['18', HELD_OUT_ROUND_18]] as const) {
    const held = list.map((e) => ({ e, f: measure(e, 1, 0, queries) }));
    const heldCats = [...held[0]!.f.byCategory.keys()];
    console.log(`held-out round ${round} (${queries.length} queries), recall@5 on the national catalogue: ${'overall'.padStart(10)} ${heldCats.map((c) => c.padStart(10)).join(' ')}`);
    for (const { e, f } of held) {
      console.log(`${''.padEnd(22)}${e.name.padEnd(22)} ${fmt(f.recall, 3).padStart(10)} ${heldCats.map((c) => fmt(f.byCategory.get(c) ?? 0, 3).padStart(10)).join(' ')}`);
    }
  }
}
