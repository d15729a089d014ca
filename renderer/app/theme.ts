import { Modal, createTheme, type CSSVariablesResolver } from '@mantine/core';

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
  components: {
    // Every dialog's ✕ has a name (axe: buttons must have discernible text); a dialog may name it itself.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': '닫기' } } }),
  },
});

/**
 * Text shades that keep WCAG AA (4.5:1) on every background the desk uses them on: white, the
 * selected row (#e7ebfa), the chat (#f5f6f8), notes (#fff9db) and Mantine's light badge tints.
 * Mantine's defaults for these (teal 9, orange 9, red 8, yellow 9, green and blue 6–8) fall short
 * there (axe-core found 3.6–4.3:1), so the shades the screens use and every light variant's text
 * (badges, light buttons) are darker, in one place.
 */
const AA_TEXT: Record<string, string> = { teal: '#066649', orange: '#a63c06', red: '#b02525', yellow: '#7a4100', green: '#1e6b30', blue: '#1864ab', grape: '#862e9c', indigo: '#2c3e9c', gray: '#495057', cyan: '#0b5c6b', violet: '#5f3dc4', pink: '#a61e4d', lime: '#3f6212', dark: '#25262b' };

export const deskCssVariables: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': theme.colors.gray[7] ?? '#495057',
    '--mantine-color-placeholder': theme.colors.gray[7] ?? '#495057',
    '--mantine-color-body': '#fbfbfc',
    ...Object.fromEntries(Object.entries(AA_TEXT).map(([c, hex]) => [`--mantine-color-${c}-light-color`, hex])),
    ...Object.fromEntries(Object.entries(AA_TEXT).map(([c, hex]) => [`--mantine-color-${c}-outline`, hex])),
    '--mantine-color-teal-9': AA_TEXT.teal!,
    '--mantine-color-orange-9': AA_TEXT.orange!,
    '--mantine-color-red-8': '#c92a2a',
    '--mantine-color-red-9': AA_TEXT.red!,
    '--mantine-color-yellow-9': AA_TEXT.yellow!,
    '--mantine-color-green-7': AA_TEXT.green!,
    '--mantine-color-green-8': AA_TEXT.green!,
    '--mantine-color-green-9': AA_TEXT.green!,
    '--mantine-color-blue-6': '#1971c2',
    '--mantine-color-blue-7': AA_TEXT.blue!,
  },
  dark: {},
});
