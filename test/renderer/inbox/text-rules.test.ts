import { cannedTrigger, composerWarnings, fillTemplate, matchCanned, programmeCardText } from '../../../renderer/inbox/composer-text.js';
import { safeWebUrl, splitLinks } from '../../../renderer/inbox/links.js';
import { buildMessageRows } from '../../../renderer/inbox/message-rows.js';
import { canned, message } from '../app/fixtures.js';

describe('composer text rules', () => {
  it('fills the two template variables and leaves other braces alone', () => {
    expect(fillTemplate('{{citizenName}}님, {{ counsellorName }}입니다 {{other}}', { citizenName: '홍길동', counsellorName: '김상담' })).toBe(
      '홍길동님, 김상담입니다 {{other}}',
    );
  });

  it('finds the /word before the caret only at a word start', () => {
    expect(cannedTrigger('/인사', 3)).toEqual({ start: 0, query: '인사' });
    expect(cannedTrigger('안녕 /마', 5)).toEqual({ start: 3, query: '마' });
    expect(cannedTrigger('http://x', 8)).toBeNull();
    expect(cannedTrigger('1/2', 3)).toBeNull();
    expect(matchCanned([canned('인사', 'a', '/인사'), canned('마무리', 'b')], '마').map((r) => r.title)).toEqual(['마무리']);
  });

  it('warns about resident numbers, cards and mobile numbers but not about office numbers', () => {
    expect(composerWarnings('주민센터 02-2148-1234 또는 129로 문의하세요')).toEqual([]);
    expect(composerWarnings('제 번호는 010-1234-5678').map((s) => s.kind)).toEqual(['phone']);
    expect(composerWarnings('900101-1234567').map((s) => s.kind)).toEqual(['resident_number']);
  });
});

describe('links and day separators', () => {
  it('accepts only http and https', () => {
    expect(safeWebUrl('https://www.bokjiro.go.kr/x')).toBe('https://www.bokjiro.go.kr/x');
    expect(safeWebUrl('javascript:alert(1)')).toBeNull();
    expect(safeWebUrl('data:text/html,<script>')).toBeNull();
    expect(safeWebUrl('file:///etc/passwd')).toBeNull();
  });

  it('splits web links out of text, without trailing punctuation', () => {
    expect(splitLinks('보세요: https://a.kr/b. 끝')).toEqual([
      { kind: 'text', text: '보세요: ' },
      { kind: 'link', text: 'https://a.kr/b', href: 'https://a.kr/b' },
      { kind: 'text', text: '. 끝' },
    ]);
    expect(splitLinks('javascript:alert(1)')).toEqual([{ kind: 'text', text: 'javascript:alert(1)' }]);
  });

  it('starts a new day at midnight Seoul time, not UTC', () => {
    const c = '00000000-0000-4000-8000-00000000aaaa';
    const rows = buildMessageRows(
      [
        message(c, { createdAt: '2026-11-27T14:59:00Z' }), // 23:59 KST on the 27th
        message(c, { createdAt: '2026-11-27T15:00:00Z' }), // 00:00 KST on the 28th
      ],
      null,
    );
    expect(rows.map((r) => r.kind)).toEqual(['day', 'message', 'day', 'message']);
  });
});

describe('programme card text (issue 10 item 20)', () => {
  const programme = {
    id: 'WLF00001164', name: '주거급여', summary: '저소득 가구에 임차료를 지원합니다.', target: '', criteria: '',
    benefits: '지원 형태: 현금지급\n지원 주기: 월', howToApply: '신청 방법: 주민센터 방문', contact: '국토교통부1599-0001',
    legalBasis: '', agency: '국토교통부', provider: 'central' as const, sourceUrl: 'https://www.bokjiro.go.kr/ssis-tbu/x',
    onlineApplication: false, sourceUpdatedAt: null, field: '저소득층 지원' as const, lifeStages: [], households: [], themes: [],
    version: 1, updatedAt: '2026-11-27T05:00:00.000Z',
  };
  it('does not stack labels, spaces an office from its number and leaves the link to the card button', () => {
    const text = programmeCardText(programme as never);
    expect(text).toContain('지원 형태: 현금지급');
    expect(text).not.toContain('지원 내용: 지원 형태');
    expect(text).not.toContain('신청 방법: 신청 방법');
    expect(text).toContain('문의: 국토교통부 1599-0001');
    expect(text).not.toContain('https://');
  });
});
