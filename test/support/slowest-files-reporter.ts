import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the ten slowest test files after a run (CI's log shows where suite time goes, so it can
 * stay under its budget as the suite grows), then one plain closing line of counts that any log
 * reader understands.
 */
export default class SlowestFilesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows = testModules.map((m) => {
      const d = m.diagnostic();
      return { file: m.relativeModuleId, project: m.project.name, ms: d.duration + d.collectDuration + d.setupDuration + d.environmentSetupDuration };
    }).sort((a, b) => b.ms - a.ms);
    const out: string[] = ['', 'Slowest test files:'];
    for (const r of rows.slice(0, 10)) out.push(`  ${(r.ms / 1000).toFixed(1).padStart(7)} s  [${r.project}] ${r.file}`);
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
    }
    out.push('', `vitest: ${passed} passed, ${failed} failed, ${skipped} skipped`, '');
    process.stdout.write(out.join('\n'));
  }
}
