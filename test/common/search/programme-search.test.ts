import type { Programme } from '../../../common/domain/index.js';
import { ProgrammeSearchIndex, analyseQuery } from '../../../common/search/index.js';

let n = 0;
function programme(over: Partial<Programme> & { name: string }): Programme {
  n += 1;
  return {
    id: `WLF${String(n).padStart(8, '0')}`, summary: '', field: '복지일반', lifeStages: [], households: [], themes: [],
    target: '', criteria: '', benefits: '', howToApply: '', contact: '', legalBasis: '', provider: 'central', agency: '',
    onlineApplication: false, sourceUrl: null, sourceUpdatedAt: null, updatedAt: '2026-01-01T00:00:00.000Z', version: 1,
    ...over,
  };
}

const pension = programme({ name: '기초연금', summary: '65세 이상 어르신에게 매월 연금을 지급합니다.', lifeStages: ['노년'], households: ['저소득'] });
const disability = programme({ name: '장애인연금', summary: '중증장애인의 생활 안정', households: ['장애인'], field: '장애인 복지' });
const housing = programme({ name: '주거급여(맞춤형 급여)', summary: '저소득 가구에 임차료를 지원합니다.', themes: ['주거'], households: ['저소득'], field: '저소득층 지원' });
const energy = programme({ name: '에너지바우처', summary: '난방비와 냉방비를 바우처로 지원', themes: ['에너지'], provider: 'central' });
const seoulCare = programme({ name: '서울형 아이돌봄비 지원사업', summary: '아이 돌봄 비용 지원', provider: 'seoul', themes: ['보육'] });
const care = programme({ name: '아이돌봄 서비스', summary: '기초연금과 무관한 아이 돌봄', themes: ['보육'] });
const all = [pension, disability, housing, energy, seoulCare, care];
const ids = (hits: Array<{ id: string }>) => hits.map((h) => h.id);

describe('ProgrammeSearchIndex', () => {
  const index = new ProgrammeSearchIndex(all);

  it('counts its programmes', () => {
    expect(index.size).toBe(6);
  });

  it('ranks a name match above a summary match', () => {
    const hits = index.search('기초연금', {}, 5);
    expect(hits[0]!.id).toBe(pension.id);
    // "아이돌봄 서비스" mentions 기초연금 only in its summary: found, but below.
    expect(ids(hits)).toContain(care.id);
    expect(ids(hits).indexOf(care.id)).toBeGreaterThan(0);
  });

  it('highlights the matched part of the name, in the name\'s own offsets', () => {
    const [hit] = index.search('돌봄', {}, 1);
    const p = all.find((x) => x.id === hit!.id)!;
    expect(hit!.nameMatches.length).toBeGreaterThan(0);
    for (const [s, e] of hit!.nameMatches) expect(p.name.slice(s, e)).toBe('돌봄');
  });

  it('ignores spacing', () => {
    expect(index.search('기초 연금', {}, 1)[0]!.id).toBe(pension.id);
    expect(index.search('아이 돌봄 서비스', {}, 1)[0]!.id).toBe(care.id);
  });

  it('answers 초성 queries and highlights the syllables they stand for', () => {
    const [hit] = index.search('ㅇㄴㅈㅂㅇㅊ', {}, 5);
    expect(hit!.id).toBe(energy.id);
    expect(hit!.nameMatches).toEqual([[0, 6]]);
  });

  it('tolerates a one-자모 typo', () => {
    expect(index.search('기초연긍', {}, 1)[0]!.id).toBe(pension.id);
    expect(index.search('에너지바우쳐', {}, 1)[0]!.id).toBe(energy.id);
  });

  it('understands colloquial words through the thesaurus', () => {
    expect(index.search('월세가 밀렸어요', {}, 1)[0]!.id).toBe(housing.id);
    expect(index.search('난방비', {}, 1)[0]!.id).toBe(energy.id);
    expect(analyseQuery('집세').words[0]!.means).toContain('주거급여');
  });

  it('filters by field, life stage, household, theme and provider', () => {
    expect(ids(index.search('연금', { household: '장애인' }, 5))).toEqual([disability.id]);
    expect(ids(index.search('연금', { life: '노년' }, 5))).toEqual([pension.id]);
    expect(ids(index.search('돌봄', { provider: 'seoul' }, 5))).toEqual([seoulCare.id]);
    expect(ids(index.search('', { theme: '보육' }, 10)).sort()).toEqual([care.id, seoulCare.id].sort());
    expect(ids(index.search('', { field: '저소득층 지원' }, 10))).toEqual([housing.id]);
  });

  it('lists everything in name order for an empty query, within the limit', () => {
    const hits = index.search('   ', {}, 3);
    expect(hits).toHaveLength(3);
    expect(hits.every((h) => h.score === 0 && h.nameMatches.length === 0)).toBe(true);
    expect(index.search('', {}, 0)).toEqual([]);
  });

  it('finds nothing for a query unrelated to any programme', () => {
    expect(index.search('zzqx', {}, 5)).toEqual([]);
  });

  it('sees an upsert and a removal at once', () => {
    const local = new ProgrammeSearchIndex(all);
    const renamed = { ...energy, name: '난방 이용권', version: 2 };
    local.upsert(renamed);
    expect(local.size).toBe(6);
    expect(local.search('난방 이용권', {}, 1)[0]!.id).toBe(energy.id);
    expect(ids(local.search('ㅇㄴㅈㅂㅇㅊ', {}, 5))).not.toContain(energy.id);
    local.remove(energy.id);
    local.remove('WLF-does-not-exist');
    expect(local.size).toBe(5);
    expect(ids(local.search('에너지', {}, 5))).not.toContain(energy.id);
    const added = programme({ name: '청년도약계좌' });
    local.upsert(added);
    expect(local.search('ㅊㄴㄷㅇㄱㅈ', {}, 1)[0]!.id).toBe(added.id);
  });

  it('keeps the last version when the constructor gets the same id twice', () => {
    const twice = new ProgrammeSearchIndex([pension, { ...pension, name: '새 기초연금' }]);
    expect(twice.size).toBe(1);
    // Spans skip the space between the words.
    expect(twice.search('새 기초연금', {}, 1)[0]!.nameMatches).toEqual([[0, 1], [2, 6]]);
  });

  it('searches former names (aliases)', () => {
    const renamed = programme({ name: '정신건강 심리상담 바우처사업', aliases: ['전국민 마음투자 지원사업'] });
    const local = new ProgrammeSearchIndex([...all, renamed]);
    expect(local.search('마음투자', {}, 1)[0]!.id).toBe(renamed.id);
  });
});
