import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** DESIGN.md §1: who may import whom. Enforced here, not by hope. */
const forbid = (group, message) => ['error', { patterns: [{ group, message }] }];
const ours = {
  electronDirs: ['**/electron/**'],
  renderer: ['**/renderer/**'],
  server: ['**/server/**'],
};

/** Hangul syllables and compatibility jamo (초성 such as ㄱㅊㅇㄱ): text a counsellor reads. */
const HANGUL = '[\\uAC00-\\uD7A3\\u3131-\\u318E]';

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'coverage/**', '.tmp/**', '.data/**', 'resources/**/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Advisory React Compiler diagnostics: shown, but they do not fail the build.
      'react-hooks/refs': 'warn',
      'react-hooks/set-state-in-effect': 'warn',
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': forbid(
        [...ours.electronDirs, ...ours.server, 'electron', 'node:*', 'sqlite3', 'pg', 'fastify'],
        'renderer/ may import common/ only (DESIGN.md §1); reach the desktop through window.desk.',
      ),
    },
  },
  {
    // One KST helper for the renderer: every screen reads and writes Seoul time through renderer/app/time.ts.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/app/time.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          {
            group: [...ours.electronDirs, ...ours.server, 'electron', 'node:*', 'sqlite3', 'pg', 'fastify'],
            message: 'renderer/ may import common/ only (DESIGN.md §1); reach the desktop through window.desk.',
          },
          { group: ['**/common/kst/**', '**/common/kst'], message: 'Seoul time in the renderer goes through renderer/app/time.ts (one KST helper).' },
        ],
      }],
    },
  },
  {
    // One i18n convention: a screen's words live in its feature's strings (defineStrings(ko, en)),
    // so the en locale reaches every screen. Korean text in a component is an error; Korean that
    // is data sent to citizens or stored in records goes in a .ts module of the feature.
    files: ['renderer/**/*.tsx'],
    ignores: ['renderer/i18n/**', 'renderer/**/i18n.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error',
        ...[`JSXText[value=/${HANGUL}/]`, `Literal[value=/${HANGUL}/]`, `TemplateElement[value.raw=/${HANGUL}/]`].map((selector) => ({
          selector,
          message: 'Korean text in a component: put it in the feature\'s i18n.ts (defineStrings(ko, en)) and use t() (README, i18n).',
        })),
      ],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [...ours.electronDirs, ...ours.renderer, ...ours.server, 'electron', 'node:*', 'sqlite3', 'pg', 'fastify', 'react'],
        'common/ runs anywhere and depends on nothing of ours (DESIGN.md §1).',
      ),
      // It runs in the renderer too, where Node's globals do not exist (a `process.env` there throws).
      'no-restricted-globals': ['error', ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({
        name,
        message: 'common/ runs in the renderer as well: no Node globals (DESIGN.md §1).',
      }))],
    },
  },
  {
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['electron', '**/main/**', '**/preload/**', ...ours.renderer, ...ours.server],
        'electron/services/ has no electron import: it runs under Node in tests and the harness (DESIGN.md §1).',
      ),
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['**/main/**', '**/services/**', ...ours.renderer, ...ours.server, 'node:*'],
        'electron/preload/ exposes window.desk from common/ types and electron only (DESIGN.md §1).',
      ),
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid([...ours.renderer, ...ours.server], 'electron/main/ may import services, common and electron (DESIGN.md §1).'),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [...ours.electronDirs, ...ours.renderer, 'electron', 'react'],
        'server/ imports common/ only of ours (DESIGN.md §1).',
      ),
    },
  },
);
