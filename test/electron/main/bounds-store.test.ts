import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMPTY_BOUNDS_STATE } from '../../../electron/main/window/bounds.js';
import { BoundsStore } from '../../../electron/main/window/bounds-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bokji-bounds-'));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const state = (x: number) => ({ version: 1 as const, byDisplay: { 'd1': { x, y: 0, width: 400, height: 700 } }, lastDisplay: 'd1' });

describe('BoundsStore', () => {
  it('coalesces a burst of moves into one write of the last position, and reads it back', async () => {
    const file = join(dir, 'window-state.json');
    const store = new BoundsStore(file, 60_000);
    await store.load();
    for (let x = 0; x < 50; x++) store.update(state(x));
    await expect(readFile(file, 'utf8')).rejects.toThrow();
    await store.flush();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(state(49));
    const again = new BoundsStore(file);
    expect(await again.load()).toEqual(state(49));
  });

  it('starts from nothing when the file is damaged', async () => {
    const file = join(dir, 'window-state.json');
    await writeFile(file, '{"version":1,"byDisplay":{"d1":{"x":"left"}}');
    expect(await new BoundsStore(file).load()).toEqual(EMPTY_BOUNDS_STATE);
    await writeFile(file, 'not json');
    expect(await new BoundsStore(file).load()).toEqual(EMPTY_BOUNDS_STATE);
  });
});
