import { Change } from '../../common/domain/index.js';
import { checkStored, storedJson, num } from '../db/json.js';
import type { Store } from '../db/store.js';

/** Serialised feed entries kept (an entry never changes once committed; it can only be deleted). */
const ENTRY_CACHE_MAX = 20_000;
/** Pages kept for desks asking for the same cursor; a page is reused only while the feed has not grown. */
const PAGE_CACHE_MAX = 64;
/** And never for longer than this, so that a page misses another instance's commit only briefly. */
const PAGE_TTL_MS = 1000;

export interface FeedPage {
  /** The PullResponse as JSON text. */
  json: string;
  /** Its `changes` array as JSON text (what an SSE event carries, routes/sync.ts). */
  changesJson: string;
  /** The UTF-8 size of its biggest change (an SSE event carries only small ones). */
  largestChangeBytes: number;
  hasMore: boolean;
  count: number;
  firstSeq: number | null;
  lastSeq: number | null;
}

/**
 * The pages of /sync/pull, serialised once for all desks. Hundreds of desks pull the same
 * entries after every poke; validating (the response schema strips what it does not know) and
 * stringifying each entry once per desk was most of the server's work under load. Each entry is
 * serialised once (keyed by seq and checked against the row: committed entries are immutable, a
 * destroyed record's entries are deleted and a null entry appended), and a page asked for again at the same cursor is reused
 * while no write was notified since (the notifier's generation), for at most PAGE_TTL_MS.
 */
export class FeedPages {
  private readonly entries = new Map<number, { entity: string; id: string; data: string; json: string; bytes: number }>();
  private readonly pages = new Map<string, { generation: number; at: number; page: FeedPage }>();

  constructor(private readonly store: Store, private readonly now: () => number = () => performance.now()) {}

  /** Reads under way, by key and generation: the streams poked by one commit all ask at once. */
  private readonly reading = new Map<string, Promise<FeedPage>>();

  async page(cursor: number, limit: number): Promise<FeedPage> {
    const key = `${cursor}:${limit}`;
    const generation = this.store.notifier.generation;
    const hit = this.pages.get(key);
    if (hit && hit.generation === generation && this.now() - hit.at < PAGE_TTL_MS) return hit.page;
    // A hundred SSE streams told of the same commit ask for the same page in the same tick: one
    // read serves them all, instead of a hundred queueing for the readers' pool.
    const flightKey = `${key}:${generation}`;
    const inFlight = this.reading.get(flightKey);
    if (inFlight) return inFlight;
    const read = this.read(key, cursor, limit, generation).finally(() => this.reading.delete(flightKey));
    this.reading.set(flightKey, read);
    return read;
  }

  private async read(key: string, cursor: number, limit: number, generation: number): Promise<FeedPage> {
    const at = this.now();
    const rows = await this.store.db
      .selectFrom('changes')
      .select(['seq', 'entity', 'record_id', 'data'])
      .where('seq', '>', cursor)
      .orderBy('seq')
      .limit(limit + 1)
      .execute();
    const pageRows = rows.slice(0, limit);
    const entries = pageRows.map((r) => this.entry(num(r.seq), r.entity, r.record_id, r.data));
    const parts = entries.map((e) => e.json);
    const lastSeq = pageRows.length > 0 ? num(pageRows.at(-1)!.seq) : null;
    const changesJson = `[${parts.join(',')}]`;
    const hasMore = rows.length > limit;
    const page: FeedPage = {
      json: `{"changes":${changesJson},"cursor":${JSON.stringify(String(lastSeq ?? cursor))},"hasMore":${hasMore}}`,
      changesJson,
      largestChangeBytes: entries.reduce((m, e) => Math.max(m, e.bytes), 0),
      hasMore,
      count: pageRows.length,
      firstSeq: pageRows.length > 0 ? num(pageRows[0]!.seq) : null,
      lastSeq,
    };
    if (this.pages.size >= PAGE_CACHE_MAX) this.pages.delete(this.pages.keys().next().value!);
    this.pages.set(key, { generation, at, page });
    return page;
  }

  private entry(seq: number, entity: string, id: string, data: string): { json: string; bytes: number } {
    // Checked against the row, not just its seq: should a seq ever be handed out again after its
    // row was deleted (a destroyed record's copy at the head of the feed), the old text must not
    // be served for the new row.
    const cached = this.entries.get(seq);
    if (cached && cached.entity === entity && cached.id === id && cached.data === data) return cached;
    // The same validation the response schema did: unknown fields are stripped, a bad row is an
    // error naming its seq. The one schema check of a feed entry (the pull route sends this text).
    const change = checkStored(Change, { seq, entity, id, data: storedJson(data, 'changes', String(seq)) }, 'changes', String(seq));
    const json = JSON.stringify(change);
    if (this.entries.size >= ENTRY_CACHE_MAX) this.entries.delete(this.entries.keys().next().value!);
    const entry = { entity, id, data, json, bytes: Buffer.byteLength(json, 'utf8') };
    this.entries.set(seq, entry);
    return entry;
  }
}
