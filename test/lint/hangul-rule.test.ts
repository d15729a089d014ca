import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The i18n convention's lint rule (README, i18n), checked against the project's real eslint.config.js. */
const eslint = new ESLint({ cwd: process.cwd() });

async function koreanTextReports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const component = (body: string) => `import { useTranslation } from 'react-i18next';
export function X({ n }: { n: number }) {
  const { t } = useTranslation('calls');
  return ${body};
}
`;

describe('no Korean text in renderer components (README, i18n)', () => {
  it.each([
    ['JSX text', '<button>저장</button>'],
    ['a JSX attribute', '<input aria-label="전화번호" />'],
    ['a string in an expression', "<p>{n > 0 ? t('save') : '없음'}</p>"],
    ['a template literal', '<p>{`${n}건`}</p>'],
    ['초성 (compatibility jamo)', '<input placeholder="ㄱㅊㅇㄱ" />'],
  ])('reports %s', async (_what, jsx) => {
    const reports = await koreanTextReports('renderer/calls/X.tsx', component(jsx));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/defineStrings/);
  });

  it('reports Korean outside JSX in a component file too', async () => {
    expect(await koreanTextReports('renderer/admin/X.tsx', `export const NOTICE = '다른 관리자가 먼저 수정했습니다.';\n`)).toHaveLength(1);
  });

  it.each([
    ['strings through t()', "<button aria-label={t('save')}>{t('save')}</button>"],
    ['English and symbols', '<p>{`${n} · —`} Ctrl+S</p>'],
  ])('allows %s', async (_what, jsx) => {
    expect(await koreanTextReports('renderer/calls/X.tsx', component(jsx))).toEqual([]);
  });

  it.each([
    ['a feature\'s strings', 'renderer/calls/i18n.ts'],
    ['a .ts module (text sent to citizens)', 'renderer/inbox/composer-text.ts'],
    ['code outside the renderer', 'server/routes/x.ts'],
  ])('leaves %s alone', async (_what, file) => {
    expect(await koreanTextReports(file, `export const s = { save: '저장' };\n`)).toEqual([]);
  });
});
