import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BRIDGE_SCRIPT = '__harness/desk-bridge.js';

/** What the served page is built from; any change to these rebuilds the cache. */
const INPUT_DIRS = ['renderer', 'common'];
const INPUT_FILES = [
  'electron.vite.config.ts',
  'electron/main/security/csp.ts',
  'test/harness/browser-desk.ts',
  'test/harness/ws-protocol.ts',
  'test/harness/renderer-build.ts',
  'package-lock.json',
];

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) files.push(...(await listFiles(full)));
    else if (e.isFile()) files.push(full);
  }
  return files;
}

/** A content hash of the renderer's inputs (content, not mtimes: a fresh checkout must hit the cache). */
export async function rendererFingerprint(root = PROJECT_ROOT): Promise<string> {
  const files = [
    ...(await Promise.all(INPUT_DIRS.map((d) => listFiles(join(root, d))))).flat(),
    ...INPUT_FILES.map((f) => join(root, f)).filter((f) => existsSync(f)),
  ].sort();
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(relative(root, f));
    hash.update('\0');
    hash.update(await readFile(f));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

const inFlight = new Map<string, Promise<string>>();

/**
 * Builds the renderer with the project's own Vite config (rendererConfig of electron.vite.config.ts)
 * plus the harness's window.desk bridge script, into .tmp/renderer-web/<fingerprint>, and returns
 * that folder. Reused while the inputs are unchanged. Each build goes to a private folder that is
 * renamed into place, so concurrent test processes never see half a build.
 */
export async function buildRendererForWeb(options: { cacheDir?: string; log?: (m: string) => void } = {}): Promise<string> {
  const cacheDir = options.cacheDir ?? join(PROJECT_ROOT, '.tmp', 'renderer-web');
  const key = await rendererFingerprint();
  const target = join(cacheDir, key);
  if (existsSync(join(target, 'index.html')) && existsSync(join(target, BRIDGE_SCRIPT))) return target;
  let running = inFlight.get(target);
  if (!running) {
    running = build(cacheDir, target, options.log ?? ((m) => console.log(m))).finally(() => inFlight.delete(target));
    inFlight.set(target, running);
  }
  return running;
}

async function build(cacheDir: string, target: string, log: (m: string) => void): Promise<string> {
  const { build: viteBuild } = await import('vite');
  const { rendererConfig } = await import('../../electron.vite.config.js');
  await mkdir(cacheDir, { recursive: true });
  const staging = `${target}.staging-${process.pid}-${Date.now()}`;
  log(`[harness] building the renderer into ${relative(PROJECT_ROOT, target)} …`);
  try {
    await viteBuild({
      ...rendererConfig,
      configFile: false,
      logLevel: 'error',
      build: { ...rendererConfig.build, outDir: staging, emptyOutDir: true },
    });
    await viteBuild({
      configFile: false,
      logLevel: 'error',
      root: PROJECT_ROOT,
      build: {
        outDir: join(staging, dirname(BRIDGE_SCRIPT)),
        emptyOutDir: false,
        minify: false,
        sourcemap: false,
        lib: { entry: join(PROJECT_ROOT, 'test/harness/browser-desk.ts'), formats: ['iife'], name: 'BokjiDeskBridge', fileName: () => 'desk-bridge.js' },
      },
    });
    try {
      await rename(staging, target);
    } catch (err) {
      // Another process finished the same build first: theirs is as good as ours.
      if (!existsSync(join(target, 'index.html'))) throw err;
      await rm(staging, { recursive: true, force: true });
    }
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  await pruneOldBuilds(cacheDir, target);
  return target;
}

/**
 * Keeps the cache from growing without end (each build is several MB and every renderer edit
 * makes one): keeps the newest few, and anything from the last hours that a long-running
 * `dev:web` may still be serving.
 */
async function pruneOldBuilds(cacheDir: string, keep: string): Promise<void> {
  const KEEP_NEWEST = 3;
  const recent = Date.now() - 6 * 3600 * 1000;
  const builds = [];
  for (const name of await readdir(cacheDir).catch(() => [])) {
    const full = join(cacheDir, name);
    const info = await stat(full).catch(() => null);
    if (!info || full === keep) continue;
    // A build interrupted (Ctrl+C) leaves its staging folder; no build takes an hour.
    if (name.includes('.staging-')) {
      if (info.mtimeMs < Date.now() - 3600 * 1000) await rm(full, { recursive: true, force: true }).catch(() => {});
      continue;
    }
    builds.push({ full, mtime: info.mtimeMs });
  }
  builds.sort((a, b) => b.mtime - a.mtime);
  for (const b of builds.slice(KEEP_NEWEST)) {
    if (b.mtime < recent) await rm(b.full, { recursive: true, force: true }).catch(() => {});
  }
}
