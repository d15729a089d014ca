import { createTheme, type CSSVariablesResolver } from '@mantine/core';

const FONT = "'Pretendard Variable', Pretendard, -apple-system, BlinkMacSystemFont, 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif";

/**
 * Calm and high-contrast: counsellors read this screen all day. One blue-indigo accent, body
 * text near black, and "dimmed" text dark enough for WCAG AA (Mantine's default grey is not).
 */
export const deskTheme = createTheme({
  fontFamily: FONT,
  headings: { fontFamily: FONT, fontWeight: '700' },
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 5 },
  black: '#14171a',
  defaultRadius: 'sm',
  focusRing: 'always',
  fontSmoothing: true,
  cursorType: 'pointer',
});

export const deskCssVariables: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': theme.colors.gray[7] ?? '#495057',
    '--mantine-color-placeholder': theme.colors.gray[7] ?? '#495057',
    '--mantine-color-body': '#fbfbfc',
  },
  dark: {},
});
