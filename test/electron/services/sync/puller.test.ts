import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Change } from '../../../../common/domain/index.js';
import { openStore, type Store } from '../../../../electron/services/store/index.js';
import { applyPage } from '../../../../electron/services/sync/puller.js';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bokji-puller-'));
  store = await openStore(join(dir, 'desk.sqlite'));
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const now = () => new Date('2026-12-02T10:00:00Z');
const gone = (seq: number): Change => ({ seq, entity: 'cannedReply', id: crypto.randomUUID(), data: null });
const cursor = async () => (await store.get<{ cursor: string; initial_done: number }>('SELECT cursor, initial_done FROM sync_state WHERE id = 1'))!;

describe('applyPage (the one step of a pull and of a carried SSE page)', () => {
  it('applies a page only at its cursor: never twice, never over a gap, and carried pages not before the first sync', async () => {
    // Before the first sync is done a carried page is left to the pull.
    expect(await applyPage(store, '0', { changes: [gone(1)], cursor: '1', hasMore: false }, { now, onlyAfterInitial: true })).toBeNull();
    expect(await cursor()).toEqual({ cursor: '0', initial_done: 0 });
    // The pull's page: applied, the first sync done.
    expect(await applyPage(store, '0', { changes: [gone(1), gone(2)], cursor: '2', hasMore: false }, { now })).toMatchObject({ initial: true });
    expect(await cursor()).toEqual({ cursor: '2', initial_done: 1 });
    const carried = { changes: [gone(3)], cursor: '3', hasMore: false };
    expect(await applyPage(store, '2', carried, { now, onlyAfterInitial: true })).toMatchObject({ initial: false });
    // The same page again, and one that starts after a seq the desk does not have: not applied.
    expect(await applyPage(store, '2', carried, { now, onlyAfterInitial: true })).toBeNull();
    expect(await applyPage(store, '4', { changes: [gone(5)], cursor: '5', hasMore: false }, { now, onlyAfterInitial: true })).toBeNull();
    expect(await cursor()).toEqual({ cursor: '3', initial_done: 1 });
  });

  it('a carried page over a cursor that a pull moved past its start applies only the changes after that cursor', async () => {
    await applyPage(store, '0', { changes: [gone(1), gone(2), gone(3)], cursor: '3', hasMore: false }, { now });
    const callLog = (seq: number): Change => ({ seq, entity: 'callLog', id: `call-${seq}`, data: null });
    // 2 and 3 (canned replies) are the desk's already; 4 and 5 (call logs) are new.
    const done = await applyPage(store, '1', { changes: [gone(2), gone(3), callLog(4), callLog(5)], cursor: '5', hasMore: false }, { now, onlyAfterInitial: true, overlapping: true });
    expect(done?.effects.cannedChanged).toBe(false);
    expect([...done!.effects.callLogIds]).toEqual(['call-4', 'call-5']);
    expect(await cursor()).toEqual({ cursor: '5', initial_done: 1 });
    // A page the cursor is already past: applied as nothing, the cursor stays (no pull needed).
    const old = await applyPage(store, '2', { changes: [gone(3), gone(4)], cursor: '4', hasMore: false }, { now, overlapping: true });
    expect(old?.effects.cannedChanged).toBe(false);
    expect(await cursor()).toEqual({ cursor: '5', initial_done: 1 });
    // A page that starts after the cursor is a gap, overlapping or not; without overlapping only `from` will do.
    expect(await applyPage(store, '6', { changes: [gone(7)], cursor: '7', hasMore: false }, { now, overlapping: true })).toBeNull();
    expect(await applyPage(store, '4', { changes: [gone(5), gone(6)], cursor: '6', hasMore: false }, { now })).toBeNull();
    expect(await cursor()).toEqual({ cursor: '5', initial_done: 1 });
  });
});
