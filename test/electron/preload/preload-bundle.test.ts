import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { resolveConfig } from 'electron-vite';
import { build, type InlineConfig } from 'vite';
import { PROJECT_ROOT } from '../../harness/renderer-build.js';

/**
 * The sandboxed preload may require 'electron' and nothing else: build it with the project's
 * electron-vite config and run the bundle where any other require throws.
 */
describe('the built preload', () => {
  let outDir: string;
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'bokji-preload-'));
    const resolved = await resolveConfig({ root: PROJECT_ROOT, logLevel: 'error', build: { outDir } }, 'build', 'production');
    const preload = resolved.config?.preload as InlineConfig | undefined;
    if (!preload) throw new Error('electron.vite.config.ts has no preload section');
    await build({ ...preload, logLevel: 'error' });
  }, 120_000);
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('is one CommonJS file that needs only electron, and exposes window.desk in the sandbox', async () => {
    const files = (await readdir(outDir, { recursive: true })).filter((f) => f.endsWith('.cjs') || f.endsWith('.js'));
    expect(files).toHaveLength(1);
    const code = await readFile(join(outDir, files[0]!), 'utf8');
    const required: string[] = [];
    const exposed: Array<[string, unknown]> = [];
    const invoked: Array<[string, unknown]> = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
      ipcRenderer: {
        invoke: async (channel: string, arg: unknown) => {
          invoked.push([channel, arg]);
          return { ok: true, value: { pinned: true, host: 'electron' } };
        },
        on: () => {},
        removeListener: () => {},
      },
    };
    const sandboxRequire = (id: string): unknown => {
      required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`module not found in the preload sandbox: ${id}`);
    };
    const module = { exports: {} };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console, Promise, Object, Error, TypeError });
    expect(required).toEqual(['electron']);
    expect(exposed.map(([k]) => k)).toEqual(['desk']);
    const desk = exposed[0]![1] as { window: { getState(): Promise<unknown> } };
    await expect(desk.window.getState()).resolves.toEqual({ pinned: true, host: 'electron' });
    expect(invoked).toEqual([['window:getState', undefined]]);
  });
});
