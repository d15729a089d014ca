import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Programme } from '../../../common/domain/index.js';
import { analyseQuery, WELFARE_THESAURUS } from '../../../common/search/index.js';
import { compactKey } from '../../../common/text/index.js';

const catalogue = z.array(Programme).parse(
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../resources/catalogue/demo-programmes.json'), 'utf8')),
);

describe('welfare thesaurus', () => {
  it('has dozens of entries', () => {
    expect(WELFARE_THESAURUS.length).toBeGreaterThanOrEqual(40);
  });

  it('maps every entry to words the catalogue actually uses (no dead entries)', () => {
    const text = catalogue.map((p) => compactKey([p.name, p.summary, p.agency, ...(p.aliases ?? [])].join(' '))).join('|');
    for (const e of WELFARE_THESAURUS) {
      expect(e.means.some((m) => text.includes(compactKey(m))), `${e.says[0]} -> ${e.means.join(', ')}`).toBe(true);
    }
  });

  it('never maps to programme ids', () => {
    for (const e of WELFARE_THESAURUS) for (const m of e.means) expect(m).not.toMatch(/^WLF\d+$/);
  });

  it('covers the ways people ask named in the brief', () => {
    const means = (q: string) => analyseQuery(q).words.flatMap((w) => w.means);
    for (const q of ['월세', '집세', '방세']) expect(means(q)).toContain('주거급여');
    for (const q of ['난방비', '가스비', '전기세']) expect(means(q)).toContain('에너지바우처');
    for (const q of ['병원비', '치료비', '수술비']) expect(means(q)).toEqual(expect.arrayContaining(['의료급여', '재난적의료비']));
    for (const q of ['기저귀', '분유', '아기용품']) expect(means(q)).toContain('조제분유');
    for (const q of ['생활비', '먹고살기 힘들다']) expect(means(q)).toEqual(expect.arrayContaining(['생계급여', '긴급복지']));
    for (const q of ['일자리', '알바']) expect(means(q)).toEqual(expect.arrayContaining(['노인일자리', '국민취업지원제도']));
  });

  it('weighs a phrase once however many words it spans, and general distress below a named need', () => {
    const words = analyseQuery('집세 낼 돈이 없어요').words;
    const weight = (k: string) => words.find((w) => w.key === k)!.weight;
    expect(weight('집세')).toBe(1);
    // "돈이 없" spans two words at the weight of one weak entry.
    expect(weight('돈이') + weight('없어요')).toBeCloseTo(0.6);
  });
});
