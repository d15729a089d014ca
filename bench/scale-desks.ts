/**
 * The simulated desks of `npm run bench -- scale` (b), run as a child process of bench/scale.ts
 * (IPC): a DeskStart message starts them, a settle message waits until every desk holds the
 * expected number of bench messages (or the time is up) and answers with a DeskReport.
 */
import { createParser } from 'eventsource-parser';

/** The webhook texts of the bench: `${prefix}${n}@${send time, ms since epoch in base 36} …`. */
export const BENCH_EVENT_PREFIX = 'bench-evt-';

export interface DeskStart {
  cursor: string;
  desks: { url: string; token: string }[];
}

export interface DeskReport {
  /** Send → applied in a desk's store, ms, one per (desk, message). */
  latencies: number[];
  pulls: number;
  carried: number;
  pullErrors: number;
  streamErrors: number;
}

/**
 * A desk as electron/services/sync does it: an SSE stream whose `change` events carry small
 * changes (applied when they follow the cursor) or else request a pull;
 * at most one pull in flight and one queued; a pull pages through /sync/pull (1,000 a page) until
 * hasMore is false and applies every change to its store (here a map).
 */
type Change = { seq: number; entity: string; id: string; data: { body?: string } | null };

class SimulatedDesk {
  private pulling: Promise<void> | null = null;
  private again = false;
  private readonly store = new Map<string, unknown>();
  received = 0;
  pulls = 0;
  /** Events whose carried changes were applied without a pull. */
  carried = 0;
  pullErrors = 0;
  streamErrors = 0;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private cursor: string,
    private readonly latencies: number[],
  ) {}

  async hold(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const res = await fetch(`${this.url}/api/v1/events`, { headers: { authorization: `Bearer ${this.token}`, accept: 'text/event-stream' }, signal });
        if (!res.ok || !res.body) throw new Error(`SSE ${res.status}`);
        const parser = createParser({ onEvent: (e) => { if (e.event === 'change') this.onChange(e.data); } });
        const decoder = new TextDecoder();
        const reader = res.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(decoder.decode(value, { stream: true }));
        }
      } catch {
        if (signal.aborted) return;
        this.streamErrors++;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  /** As live-events.ts: changes carried in the event apply at once when they follow the cursor; otherwise a pull. */
  private onChange(data: string): void {
    let poke: { seq: number; after?: number; changes?: Change[] };
    try {
      poke = JSON.parse(data) as typeof poke;
    } catch {
      this.requestPull();
      return;
    }
    // As applyPage with `overlapping`: a cursor within (after, seq] takes the rest of the page.
    const at = Number(this.cursor);
    if (poke.changes && poke.after !== undefined && !this.pulling && at >= poke.after && at <= poke.seq) {
      this.carried++;
      this.apply(poke.changes.filter((c) => c.seq > at));
      this.cursor = String(poke.seq);
      return;
    }
    this.requestPull();
  }

  private apply(changes: Change[]): void {
    const now = Date.now();
    for (const c of changes) {
      const key = `${c.entity}/${c.id}`;
      const body = c.entity === 'message' ? c.data?.body : undefined;
      if (body?.startsWith(BENCH_EVENT_PREFIX) && !this.store.has(key)) {
        const sent = parseInt(body.slice(body.indexOf('@') + 1).split(' ')[0]!, 36);
        this.latencies.push(now - sent);
        this.received++;
      }
      this.store.set(key, c.data);
    }
  }

  private requestPull(): void {
    if (this.pulling) {
      this.again = true;
      return;
    }
    this.pulling = this.runPulls().finally(() => {
      this.pulling = null;
    });
  }

  private async runPulls(): Promise<void> {
    do {
      this.again = false;
      try {
        for (;;) {
          this.pulls++;
          const res = await fetch(`${this.url}/api/v1/sync/pull?cursor=${this.cursor}&limit=1000`, { headers: { authorization: `Bearer ${this.token}` } });
          if (!res.ok) throw new Error(`pull ${res.status}`);
          const page = (await res.json()) as { changes: Change[]; cursor: string; hasMore: boolean };
          this.apply(page.changes);
          this.cursor = page.cursor;
          if (!page.hasMore) break;
        }
      } catch {
        this.pullErrors++;
        await new Promise((r) => setTimeout(r, 250));
        this.again = true;
      }
    } while (this.again);
  }
}

if (process.send) {
  const latencies: number[] = [];
  const stop = new AbortController();
  let fleet: SimulatedDesk[] = [];
  process.on('message', (m: DeskStart | { settle: { expectedPerDesk: number; withinMs: number } }) => {
    if ('desks' in m) {
      fleet = m.desks.map((d) => new SimulatedDesk(d.url, d.token, m.cursor, latencies));
      for (const d of fleet) void d.hold(stop.signal);
      return;
    }
    void (async () => {
      const until = Date.now() + m.settle.withinMs;
      while (fleet.some((d) => d.received < m.settle.expectedPerDesk) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      stop.abort();
      const report: DeskReport = {
        latencies,
        pulls: fleet.reduce((s, d) => s + d.pulls, 0),
        carried: fleet.reduce((s, d) => s + d.carried, 0),
        pullErrors: fleet.reduce((s, d) => s + d.pullErrors, 0),
        streamErrors: fleet.reduce((s, d) => s + d.streamErrors, 0),
      };
      process.send!(report, () => process.exit(0));
    })();
  });
}
