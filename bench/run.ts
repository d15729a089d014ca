/**
 * `npm run bench`: every benchmark of the project, one after another, each printing its figures
 * as ratios against a baseline measured side by side in the same run. Never part of `npm test`.
 * `npm run bench -- search sync` runs only the named modules.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BENCHES: Array<{ name: string; file: string; what: string }> = [
  { name: 'search', file: 'programme-search.ts', what: 'programme search latency and recall (issue 5)' },
  { name: 'server', file: 'server.ts', what: 'REST throughput on SQLite and PostgreSQL (issue 3)' },
  { name: 'kakao', file: 'kakao-channel.ts', what: 'Kakao webhook intake and outbound delivery (issue 3)' },
  { name: 'sync', file: 'sync.ts', what: 'initial sync and webhook-to-replica latency (issue 4)' },
  { name: 'calls', file: 'calls.ts', what: 'consultation log stats, caller history, search and export (issue 7)' },
  { name: 'inbox', file: 'inbox-render.ts', what: 'inbox first paint in Chromium, 100 vs 10,000 conversations (issues 6, 17)' },
  { name: 'scale', file: 'scale.ts', what: 'engine limit vs message-create and webhook on 1 and 2 instances (issue 11)' },
  { name: 'broadcast', file: 'broadcast.ts', what: '구독 소식: a notice to 10,000 subscribers against sequential POSTs (issue 14)' },
];

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
let failed = 0;
for (const bench of BENCHES) {
  if (only.length > 0 && !only.includes(bench.name)) continue;
  const file = join(here, bench.file);
  console.log(`\n=== ${bench.name}: ${bench.what} ===`);
  if (!existsSync(file)) {
    console.log(`(not present: bench/${bench.file})`);
    continue;
  }
  const started = Date.now();
  try {
    const mod = (await import(pathToFileURL(file).href)) as { run?: () => Promise<void> };
    if (typeof mod.run !== 'function') throw new Error(`bench/${bench.file} exports no run()`);
    await mod.run();
    console.log(`(${bench.name} took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (err) {
    failed += 1;
    console.error(`${bench.name} failed:`, err);
  }
}
process.exit(failed > 0 ? 1 : 0);
