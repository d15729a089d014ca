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

  it('a query of only a word that means little here ("지원") still finds the programmes holding it', () => {
    // In a real catalogue 지원 is in most names: too common to be a term of its own.
    const many = new ProgrammeSearchIndex(Array.from({ length: 40 }, (_, i) => programme({ name: `${'가나다라마바사아자차'[i % 10]}${i}형 생활 지원` })));
    expect(many.search('지원', {}, 5)).toHaveLength(5);
  });

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

describe('sentences, situations, mixed 초성, spellings and shorthand (issue 16)', () => {
  const medical = programme({ name: '재난적의료비 지원 사업', summary: '과도한 의료비 부담 가구에 의료비를 지원', lifeStages: ['노년'], households: ['저소득'], themes: ['신체건강'] });
  const livelihood = programme({ name: '긴급복지 생계지원', summary: '위기 가구 생계비 지원', households: ['저소득'] });
  const eduEmergency = programme({ name: '긴급복지 교육지원', summary: '위기 가구 학생 교육비', households: ['저소득'] });
  const livingBenefit = programme({ name: '생계급여(맞춤형 급여)', summary: '기초생활수급자 생계비', households: ['저소득'] });
  const elderCare = programme({ name: '노인맞춤돌봄서비스', summary: '혼자 사는 어르신 안부 확인', lifeStages: ['노년'] });
  const youth = programme({ name: '서민금융 활성화 지원(햇살론youth 보증사업)', summary: '청년 대출 보증' });
  const school = programme({ name: 'WEE 클래스 상담지원', summary: '학교 안 상담' });
  const jobs = programme({ name: '국민취업지원제도', summary: '취업 지원과 구직촉진수당' });
  const idx = new ProgrammeSearchIndex([...all, medical, livelihood, eduEmergency, livingBenefit, elderCare, youth, school, jobs]);
  const top = (q: string, k = 3) => ids(idx.search(q, {}, k));

  it('reads a whole chat message: greetings and fillers go, the situation stays', () => {
    const q = '안녕하세요 제가 혼자 사는 70대인데 요즘 병원비가 너무 많이 나와서 도움 받을 수 있는 게 있을까요?';
    const a = analyseQuery(q);
    expect(a.sentence).toBe(true);
    const kept = a.words.map((w) => w.key);
    for (const filler of ['안녕하세요', '제가', '요즘', '너무', '많이', '도움', '받을', '있을까요']) expect(kept).not.toContain(filler);
    expect(kept).toContain('병원비가');
    // Facets: the need (병원비), who is asking (혼자 사는, 70대).
    expect(a.facets.some((f) => f.means.includes('재난적의료비'))).toBe(true);
    expect(a.facets.some((f) => f.lifeStages.includes('노년'))).toBe(true);
    expect(top(q, 1)).toEqual([medical.id]);
  });

  it('does not read a thesaurus phrase across a word boundary ("혼자 살게" holds no 자살)', () => {
    const a = analyseQuery('보육원에서 나와서 혼자 살게 된 스무살입니다');
    expect(a.words.flatMap((w) => w.means)).not.toContain('정신건강');
    expect(a.words.flatMap((w) => w.means)).toContain('자립준비청년');
  });

  it('lets one name word explain one need: 실직 and 생활비 are not both covered by "긴급복지"', () => {
    expect(top('회사에서 갑자기 잘려서 당장 생활비가 없어요ㅠㅠ', 2)).toContain(livelihood.id);
    expect(top('회사에서 갑자기 잘려서 당장 생활비가 없어요ㅠㅠ', 3)).toContain(jobs.id);
  });

  it('mixes 초성 with words', () => {
    expect(top('ㄱㅊㅇㄱ 신청', 1)).toEqual([pension.id]);
    expect(top('긴급복지 ㅅㄱ', 1)).toEqual([livelihood.id]);
    expect(top('ㄱㅊ수급 생계', 1)).toEqual([livingBenefit.id]);
    expect(top('장애인ㅇㄱ', 1)).toEqual([disability.id]);
    // The 초성 part is highlighted in the name.
    const [hit] = idx.search('긴급복지 ㅅㄱ', {}, 1);
    expect(hit!.nameMatches.map(([s, e]) => livelihood.name.slice(s, e)).join('|')).toContain('생계');
  });

  it('keeps 초성 typed alone as the keyboard letters after normalisation', () => {
    expect(analyseQuery('ㅎㅂㅁ 양육비').words[0]!.pattern).toBe('ㅎㅂㅁ');
  });

  it('matches English and romanised spellings both ways', () => {
    expect(top('energy voucher', 1)).toEqual([energy.id]);
    expect(top('에너지 voucher', 1)).toEqual([energy.id]);
    expect(top('햇살론 유스', 1)).toEqual([youth.id]);
    expect(top('위클래스', 1)).toEqual([school.id]);
  });

  it('spells out counsellor abbreviations', () => {
    expect(top('노맞돌', 1)).toEqual([elderCare.id]);
    expect(top('국취제', 1)).toEqual([jobs.id]);
    expect(top('긴복 교육', 1)).toEqual([eduEmergency.id]);
  });
});

describe('chat messages: fillers in phrases, denial, who the message is about, several needs (issue 16)', () => {
  it('keeps a filler that is part of a known phrase ("당장", "돈이 없어요") and drops a denied word ("수급자는 아니에요")', () => {
    const a = analyseQuery('갑자기 쓰러져서 수술비가 수백만원 나왔어요 당장 낼 돈이 없어요');
    expect(a.words.find((w) => w.key === '당장')?.means).toContain('긴급복지');
    expect(a.words.find((w) => w.key === '없어요')?.means).toContain('생계지원');
    const denied = analyseQuery('신장 투석을 받고 있는데 병원비가 너무 부담돼요. 수급자는 아니에요');
    expect(denied.words.map((w) => w.key)).not.toContain('수급자는');
    expect(denied.facets.some((f) => f.households.includes('저소득'))).toBe(false);
  });

  it('reads who the message is about: a told age, a family member, a parent told of with honorifics', () => {
    const stages = (q: string) => analyseQuery(q).facets.filter((f) => f.means.length === 0).flatMap((f) => f.lifeStages);
    expect(stages('아이가 다섯 살인데 어린이집 비용이 궁금해요 지원 있나요')).toContain('영유아');
    expect(stages('우리 애가 7살이고 이번에 학교에 들어가요 돌봄 알려주세요')).toContain('아동');
    expect(stages('시어머니가 치매 초기 진단을 받으셨는데 낮 동안 돌봐주는 곳이 필요해요')).toContain('노년');
    expect(stages('엄마가 기초연금 받으시는데 말벗도 없고 식사도 잘 못 챙기세요')).toContain('노년');
    // "혼자 살기 힘들어요" tells no age ("살" alone is no 살 of an age).
    expect(stages('혼자 살기 힘들어요 생활비 지원 받을 수 있나요 알려주세요')).toEqual([]);
  });

  it('puts the vocabulary of a need as it applies to who asks first (일자리 → 장애인일자리 / 노인일자리)', () => {
    const first = (q: string) => analyseQuery(q).words.find((w) => w.key.startsWith('일자리'))?.means[0];
    expect(first('시각장애인인데 일을 하고 싶어요 장애인도 일자리 구할 수 있게 도와주나요?')).toBe('장애인일자리');
    expect(first('저는 70대인데 아직 건강해서 일자리 구할 수 있을까요 궁금합니다')).toBe('노인일자리');
    expect(first('요즘 일자리 구하기가 너무 힘들어요 도와주세요 부탁드려요')).toBe('일자리');
  });

  it('gives each need of a message a place in the first five, not only the need every 긴급복지 name covers', () => {
    const emergencies = ['생계지원', '교육지원', '주거지원', '의료지원', '연료비 및 전기요금', '장제비지원', '해산비지원']
      .map((s) => programme({ name: `긴급복지 ${s}`, summary: '위기상황에 처한 가구를 긴급하게 지원', households: ['저소득'] }));
    const jobs = programme({ name: '국민취업지원제도', summary: '취업지원서비스와 생계지원' });
    const idx = new ProgrammeSearchIndex([...emergencies, jobs, ...all]);
    const top5 = ids(idx.search('회사에서 갑자기 잘려서 당장 생활비가 없어요ㅠㅠ', {}, 5));
    expect(top5[0]).toBe(emergencies[0]!.id);
    expect(top5).toContain(jobs.id);
  });

  it('lets at most two local near-duplicates of a name into the top, never moving a central programme', () => {
    const locals = ['가나군', '다라시', '마바구', '사아군'].map((r) => programme({ name: `${r} 장애인 휠체어 수리비 지원`, provider: 'district', households: ['장애인'] }));
    const central = programme({ name: '장애인보조기기 수리 지원', summary: '휠체어 등 보장구 수리비 지원', households: ['장애인'] });
    const other = programme({ name: '서울시 장애인 전동보장구 수리비', summary: '전동휠체어 수리비', provider: 'seoul', households: ['장애인'] });
    const idx = new ProgrammeSearchIndex([...locals, central, other]);
    const top4 = ids(idx.search('휠체어 수리비', {}, 4));
    expect(top4.filter((id) => locals.some((p) => p.id === id))).toHaveLength(2);
    expect(top4).toContain(central.id);
    expect(top4).toContain(other.id);
  });
});
