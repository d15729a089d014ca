import {
  bokjiroUrl, deriveField, importCentral, importLocal, kstDateToInstant, mergeImports, parseLifeStages, parseThemes,
} from '../../../scripts/catalogue/index.js';
import { Programme } from '../../../common/domain/index.js';

const HEADER = '서비스아이디,서비스명,서비스URL,서비스요약,사이트,대표문의,소관부처명,소관조직명,기준연도,최종수정일';
const csv = (...rows: string[]) => `\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`;

const tagged = (rows: object[]) => JSON.stringify(rows);
const taggedRow = (over: Record<string, unknown> = {}) => ({
  servId: 'WLF00000100', name: '테스트 서비스', description: '설명', agency: '보건복지부', hashtags: [],
  sprtCycNm: '월', srvPvsnNm: '현금지급', onapPsbltYn: 'N', lifeArray: '', trgterIndvdlArray: '', intrsThemaArray: '', ...over,
});

describe('importCentral', () => {
  it('reads a BOM/CRLF CSV with quoted commas and line breaks, and reports broken rows by record number', () => {
    const r = importCentral({
      csv: csv(
        'WLF00000001,"아이돌봄 서비스","https://www.bokjiro.go.kr/x?wlfareInfoId=WLF00000001","맞벌이, 한부모 가정의\n아이 돌봄",아이돌봄https://idolbom.go.kr/,1577-8136,여성가족부,가족문화과,2025,2025-03-31',
        'WLF00000002,짧은 행,https://x',
        ',이름만 있음,,,,,보건복지부,,2025,2025-01-01',
        'WLF00000001,중복,,,,,보건복지부,,2025,2025-01-01',
      ),
      tagged: null,
      csvName: 'c.csv',
      exportDate: '2025-07-22',
    });
    expect(r.programmes).toHaveLength(1);
    const p = r.programmes[0]!;
    expect(p.summary).toBe('맞벌이, 한부모 가정의\n아이 돌봄');
    // 여성가족부 became 성평등가족부 in the 2025 reorganisation.
    expect(p.agency).toBe('성평등가족부 가족문화과');
    expect(p.howToApply).toContain('아이돌봄 https://idolbom.go.kr/');
    expect(p.sourceUpdatedAt).toBe('2025-03-30T15:00:00.000Z');
    expect(p.updatedAt).toBe(p.sourceUpdatedAt);
    expect(p.provider).toBe('central');
    expect(r.skipped.map((s) => [s.source, s.row])).toEqual([['c.csv', 3], ['c.csv', 4], ['c.csv', 5]]);
    expect(r.skipped[0]!.reason).toMatch(/열 개수/);
    expect(r.skipped[1]!.reason).toMatch(/서비스아이디가 비어/);
    expect(r.skipped[2]!.reason).toMatch(/duplicate id/);
  });

  it('refuses a CSV without the expected columns, saying which are missing', () => {
    const r = importCentral({ csv: 'id,name\n1,a\n', tagged: null, exportDate: '2025-07-22' });
    expect(r.programmes).toEqual([]);
    expect(r.skipped[0]!.reason).toMatch(/서비스아이디/);
  });

  it('merges the tagged list by servId: its name and tags win, the CSV name stays as an alias', () => {
    const r = importCentral({
      csv: csv('WLF00000100,옛 이름,,요약,,129,보건복지부,과,2025,2025-01-02'),
      tagged: tagged([
        taggedRow({ name: '새 이름', lifeArray: '청년, 임신 · 출산', trgterIndvdlArray: '저소득', intrsThemaArray: '임신·출산,주거,없는주제', onapPsbltYn: 'Y' }),
        taggedRow({ servId: 'WLF00000101', name: '태그에만 있는 서비스' }),
        { name: 'servId 없음' },
      ]),
      taggedName: 't.json',
      exportDate: '2025-07-22',
    });
    const byId = new Map(r.programmes.map((p) => [p.id, p]));
    const merged = byId.get('WLF00000100')!;
    expect(merged.name).toBe('새 이름');
    expect(merged.aliases).toEqual(['옛 이름']);
    expect(merged.lifeStages).toEqual(['청년', '임신·출산']);
    expect(merged.households).toEqual(['저소득']);
    expect(merged.themes).toEqual(['임신·출산', '주거']);
    expect(merged.onlineApplication).toBe(true);
    expect(merged.contact).toBe('129');
    // Only in the tagged list: kept, dated by the export, linked to 복지로.
    const only = byId.get('WLF00000101')!;
    expect(only.sourceUpdatedAt).toBeNull();
    expect(only.updatedAt).toBe('2025-07-21T15:00:00.000Z');
    expect(only.sourceUrl).toBe(bokjiroUrl('WLF00000101', 'central'));
    expect(r.skipped).toEqual([{ source: 't.json', row: 3, reason: expect.stringMatching(/servId/) }]);
    expect(r.notes.some((n) => n.reason.includes('없는주제'))).toBe(true);
  });

  it('reports unreadable JSON instead of throwing', () => {
    const r = importCentral({ csv: null, tagged: '{not json', exportDate: '2025-07-22' });
    expect(r.programmes).toEqual([]);
    expect(r.skipped[0]!.reason).toMatch(/JSON/);
  });
});

const localFile = (rows: object[]) => JSON.stringify({ source: 't', fetchedAt: '2026-07-27', count: rows.length, rows });
const localRow = (over: Record<string, unknown> = {}) => ({
  id: 'WLF00002819', name: '출생축하금 지원', summary: '- 출산 장려\n- 1회 지원', sido: '서울특별시', sigungu: '금천구',
  dept: '서울특별시 금천구 복지가족국 가족정책과', applyMethod: '방문, 인터넷', provision: '현금지급', cycle: '1회성',
  lifecycle: '영유아', themes: '서민금융', link: '', views: 1, updated: '20250807', ...over,
});

describe('importLocal', () => {
  it('derives themes from the text and ignores the unreliable themes column', () => {
    const r = importLocal(localFile([localRow()]));
    const p = r.programmes[0]!;
    expect(p.themes).not.toContain('서민금융');
    expect(p.themes).toContain('임신·출산');
    expect(p.summary).toBe('• 출산 장려\n• 1회 지원');
    expect(p.provider).toBe('district');
    expect(p.agency).toBe('서울특별시 금천구');
    expect(p.onlineApplication).toBe(true);
    expect(p.sourceUrl).toBe(bokjiroUrl('WLF00002819', 'local'));
    expect(p.sourceUpdatedAt).toBe('2025-08-06T15:00:00.000Z');
    expect(() => Programme.parse(p)).not.toThrow();
  });

  it('normalises spaced life-cycle tags and marks city-wide rows as 서울시', () => {
    const r = importLocal(localFile([localRow({ id: 'WLF00000001', sigungu: '', lifecycle: ' 임신 · 출산, 청년' })]));
    expect(r.programmes[0]!.lifeStages).toEqual(['임신·출산', '청년']);
    expect(r.programmes[0]!.provider).toBe('seoul');
  });

  it('derives 가구상황 from the text (the file has none)', () => {
    const r = importLocal(localFile([localRow({ name: '저소득 한부모가족 명절 격려금', summary: '' })]));
    expect(r.programmes[0]!.households).toEqual(['저소득', '한부모·조손']);
  });

  it('skips rows without a name, duplicates and unusable dates, saying why', () => {
    const r = importLocal(localFile([
      localRow(), localRow({ name: '  ' , id: 'WLF00000009' }), localRow(), { name: 'id 없음' }, localRow({ id: 'WLF00000010', updated: 'soon' }),
    ]));
    expect(r.programmes).toHaveLength(2);
    expect(r.skipped.map((s) => s.row)).toEqual([2, 3, 4]);
    // A row with a bad date falls back to the file's fetch date rather than being lost.
    expect(r.programmes[1]!.updatedAt).toBe('2026-07-26T15:00:00.000Z');
  });

  it('takes only the regions asked for', () => {
    const r = importLocal(localFile([localRow(), localRow({ id: 'WLF00000002', sido: '부산광역시', sigungu: '' })]), {
      include: ({ sido }) => sido === '부산광역시',
    });
    expect(r.programmes.map((p) => p.id)).toEqual(['WLF00000002']);
  });

  it('rejects a file without rows with a clear reason', () => {
    expect(importLocal('{"count": 1}').skipped[0]!.reason).toMatch(/rows/);
  });
});

describe('mergeImports', () => {
  it('keeps the central entry when a local row repeats its id, and says so', () => {
    const central = importCentral({ csv: null, tagged: tagged([taggedRow({ servId: 'WLF00002819' })]), exportDate: '2025-07-22' });
    const local = importLocal(localFile([localRow()]));
    const m = mergeImports(central, local);
    expect(m.programmes).toHaveLength(1);
    expect(m.programmes[0]!.provider).toBe('central');
    expect(m.skipped[0]!.reason).toMatch(/중앙부처/);
  });
});

describe('vocabulary and field derivation', () => {
  it('maps every spacing variant of a tag to the vocabulary value', () => {
    expect(parseLifeStages('임신 · 출산,임신·출산, 임신ㆍ출산').values).toEqual(['임신·출산']);
    expect(parseThemes(['문화 · 여가', '없음']).unknown).toEqual(['없음']);
  });

  const base = { summary: '', agency: '', lifeStages: [], households: [], themes: [] } as const;
  it.each([
    ['장애인연금', { ...base }, '장애인 복지'],
    ['생계급여(맞춤형 급여)', { ...base }, '저소득층 지원'],
    // A 기초생활보장 benefit for a birth is 저소득층 지원 even though it is tagged 임신·출산.
    ['해산급여', { ...base, lifeStages: ['임신·출산'], themes: ['임신·출산'] }, '저소득층 지원'],
    ['암환자의료비지원', { ...base }, '보건의료'],
    ['한부모가족 아동양육비 지원', { ...base }, '여성과 가족'],
    ['통신중계서비스 제공', { ...base }, '복지일반'],
    // Tags alone decide when the name says nothing.
    ['희망 나눔', { ...base, households: ['저소득'] }, '저소득층 지원'],
    ['마을 사업', { ...base, themes: ['정신건강'] }, '보건의료'],
    // The agency counts: a ministry whose remit is family.
    ['센터 운영', { ...base, agency: '성평등가족부' }, '여성과 가족'],
    // Ties go to the more specific field: 장애 in the name beats 의료.
    ['의료급여 장애인보조기기 지원', { ...base }, '장애인 복지'],
    // "사회활동지원" is not 장애인활동지원.
    ['노인일자리 및 사회활동 지원사업', { ...base, lifeStages: ['노년'], themes: ['일자리'] }, '복지일반'],
    // Tagged for many groups: no group decides the field.
    ['통합문화이용권', { ...base, households: ['장애인', '저소득', '한부모·조손'], themes: ['문화·여가'] }, '복지일반'],
    ['마을 건강 사업', { ...base, themes: ['신체건강', '정신건강', '생활지원', '일자리', '문화·여가'] }, '보건의료'],
  ] as const)('%s -> %s', (name, evidence, field) => {
    expect(deriveField({ name, ...evidence, lifeStages: [...evidence.lifeStages], households: [...evidence.households], themes: [...evidence.themes] })).toBe(field);
  });

  it('turns KST calendar dates into UTC instants', () => {
    expect(kstDateToInstant('20250807')).toBe('2025-08-06T15:00:00.000Z');
    expect(kstDateToInstant('2025-13-01')).toBeNull();
    expect(kstDateToInstant('')).toBeNull();
  });
});
