import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { Programme } from '../../common/domain/index.js';
import {
  buildDemoCatalogue, buildNationalCatalogue, DEMO_CATALOGUE_PATH, openDataDir, repoRoot, writeDemoCatalogue,
} from '../../scripts/build-catalogue.js';

/** Reads the real 복지로 files (BOKJI_OPEN_DATA_DIR or the vendored copy in resources/open-data/bokjiro). */
describe('build-catalogue on the real open data', () => {
  const demo = buildDemoCatalogue();

  it('finds the open data relative to the repository root', () => {
    expect(path.isAbsolute(openDataDir())).toBe(true);
    expect(openDataDir()).toBe(path.resolve(repoRoot, process.env.BOKJI_OPEN_DATA_DIR ?? 'resources/open-data/bokjiro'));
  });

  it('builds the demo catalogue: central + Seoul city-wide + 금천구, nothing skipped', () => {
    const count = (provider: string) => demo.programmes.filter((p) => p.provider === provider).length;
    expect(demo.programmes.length).toBeGreaterThanOrEqual(400);
    expect(count('central')).toBeGreaterThanOrEqual(365);
    expect(count('seoul')).toBe(49);
    expect(count('district')).toBe(6);
    expect(demo.programmes.filter((p) => p.provider === 'district').every((p) => p.agency === '서울특별시 금천구')).toBe(true);
    expect(demo.skipped).toEqual([]);
    // Every note names its row and says what was changed.
    for (const n of demo.notes) expect(n.row).toBeGreaterThan(0);
  });

  it('keeps 복지로 ids and links, and every entry is a valid Programme of version 1', () => {
    const parsed = z.array(Programme).parse(demo.programmes);
    expect(new Set(parsed.map((p) => p.id)).size).toBe(parsed.length);
    for (const p of parsed) {
      expect(p.id).toMatch(/^WLF\d{8}$/);
      expect(p.sourceUrl).toContain(`wlfareInfoId=${p.id}`);
      expect(p.version).toBe(1);
    }
  });

  it('uses every counselling field and normalises "임신 · 출산" to the vocabulary', () => {
    const fields = new Set(demo.programmes.map((p) => p.field));
    expect(fields.size).toBe(5);
    expect(demo.programmes.some((p) => p.lifeStages.includes('임신·출산'))).toBe(true);
    // The local file's themes column says 서민금융 on most rows; derived themes must not.
    const local = demo.programmes.filter((p) => p.provider !== 'central');
    expect(local.filter((p) => p.themes.includes('서민금융')).length).toBeLessThan(local.length / 4);
  });

  it('matches the committed resources/catalogue/demo-programmes.json (regenerate with npm run import:catalogue)', () => {
    const committed = z.array(Programme).parse(JSON.parse(readFileSync(DEMO_CATALOGUE_PATH, 'utf8')));
    expect(committed).toEqual(demo.programmes);
  });

  it('writes the catalogue as a JSON array that reads back equal', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bokji-catalogue-'));
    try {
      const file = path.join(dir, 'demo.json');
      writeDemoCatalogue(demo.programmes.slice(0, 3), file);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(demo.programmes.slice(0, 3));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('credits the source next to the catalogue', () => {
    expect(readFileSync(path.join(repoRoot, 'resources/catalogue/ATTRIBUTION.md'), 'utf8')).toContain('출처: 한국사회보장정보원 복지서비스정보, 공공데이터포털');
  });

  it('imports the whole national file (the benchmark workload)', () => {
    const national = buildNationalCatalogue();
    expect(national.programmes.length).toBeGreaterThanOrEqual(4600);
    expect(national.skipped).toEqual([]);
  });
});
