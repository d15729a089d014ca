import type { Programme } from '../../../common/domain/index.js';
import { DeskError, type DeskHandlers } from '../../../common/desk-api/index.js';
import { ProgrammeSearchIndex } from '../../../common/search/index.js';
import type { EventHub } from '../events/event-hub.js';
import { readProgramme, readProgrammes } from '../replica/read.js';
import { putProgramme } from '../replica/write.js';
import type { RestClient } from '../rest/index.js';
import { onlineCall } from '../rest/online-call.js';
import type { SessionService } from '../session/session-service.js';
import type { Store } from '../store/index.js';

const RECENTS_KEPT = 30;

/**
 * The programme lookup works offline: the replica's catalogue is held in memory with a search
 * index that sync keeps current (`applyProgrammes`).
 */
export async function createProgrammeService(deps: { store: Store; rest: RestClient; session: SessionService; events: EventHub; now: () => Date }) {
  const { store } = deps;
  const byId = new Map<string, Programme>();
  for (const p of await readProgrammes(store)) byId.set(p.id, p);
  let index = new ProgrammeSearchIndex([...byId.values()]);

  async function favourites(): Promise<string[]> {
    return (await store.all<{ programme_id: string }>('SELECT programme_id FROM favourites ORDER BY added_at DESC, programme_id')).map((r) => r.programme_id);
  }

  const handlers: DeskHandlers['programmes'] = {
    search: async ({ q, limit, ...filters }) => {
      const hits = index.search(q, filters, Math.max(limit, 1000));
      const items = hits.slice(0, limit).flatMap((hit) => {
        const programme = byId.get(hit.id);
        return programme ? [{ hit, programme }] : [];
      });
      return { items, total: hits.length };
    },
    get: async ({ id }) => byId.get(id) ?? (await readProgramme(store, id)),
    favourites,
    toggleFavourite: async ({ id }) => {
      await store.transaction(async (tx) => {
        const del = await tx.run('DELETE FROM favourites WHERE programme_id = ?', [id]);
        if (del.changes === 0) await tx.run('INSERT INTO favourites (programme_id, added_at) VALUES (?, ?)', [id, deps.now().toISOString()]);
      });
      return favourites();
    },
    recents: async () =>
      (await store.all<{ programme_id: string }>('SELECT programme_id FROM recents ORDER BY used_at DESC LIMIT ?', [RECENTS_KEPT])).map((r) => r.programme_id),
    markUsed: async ({ id }) => {
      await store.transaction(async (tx) => {
        await tx.run('INSERT INTO recents (programme_id, used_at) VALUES (?, ?) ON CONFLICT (programme_id) DO UPDATE SET used_at = excluded.used_at', [
          id, deps.now().toISOString(),
        ]);
        await tx.run('DELETE FROM recents WHERE programme_id NOT IN (SELECT programme_id FROM recents ORDER BY used_at DESC LIMIT ?)', [RECENTS_KEPT]);
      });
      return { ok: true as const };
    },
    update: async ({ id, input, baseVersion }) => {
      const me = deps.session.requireCounsellor();
      if (me.role !== 'admin') throw new DeskError('forbidden', '프로그램 정보는 관리자만 고칠 수 있습니다.');
      // An admin edit of the shared catalogue is made online, so that a conflict is seen at once.
      const saved = (await onlineCall(deps.session, '저장', () => deps.rest.putProgramme(id, input, baseVersion), {
        conflict: () => '다른 관리자가 먼저 고쳤습니다. 새로 불러온 뒤 다시 고치세요.',
      })).data;
      await store.transaction((tx) => putProgramme(tx, saved));
      applyProgrammes([saved]);
      return saved;
    },
  };

  /** Sync brought these programmes: keep the in-memory catalogue and index current. */
  function applyProgrammes(programmes: Programme[]): void {
    if (programmes.length === 0) return;
    if (programmes.length > 200) {
      // A bulk load (first sync) is cheaper as one rebuild than as many upserts.
      for (const p of programmes) byId.set(p.id, p);
      index = new ProgrammeSearchIndex([...byId.values()]);
    } else {
      for (const p of programmes) {
        const known = byId.get(p.id);
        if (known && known.version > p.version) continue;
        byId.set(p.id, p);
        index.upsert(p);
      }
    }
    deps.events.emit('programmes:onChange', { ids: programmes.map((p) => p.id) });
  }

  return { handlers, applyProgrammes };
}
export type ProgrammeService = Awaited<ReturnType<typeof createProgrammeService>>;
