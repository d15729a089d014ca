import type { TFunction } from 'i18next';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineStrings, type StringKey, type StringTree } from '../../../renderer/i18n/define-strings.js';
import { createDeskI18n } from '../../../renderer/i18n/index.js';
import { DESK_NAMESPACES } from '../../../renderer/i18n/namespaces.js';

// The lines marked @ts-expect-error are the test: `npm run typecheck` fails if any of them compiles.
describe('defineStrings: en is checked against ko by tsc', () => {
  it('accepts an en with exactly the keys of ko, nested or flat', () => {
    const s = defineStrings({ save: '저장', list: { count: '{{count}}건' } }, { save: 'Save', list: { count: '{{count}} found' } });
    expectTypeOf<StringKey<typeof s>>().toEqualTypeOf<'save' | 'list.count'>();
    expect(s.en.list.count).toBe('{{count}} found');
  });

  it('rejects a key missing from en, at any depth', () => {
    // @ts-expect-error en has no 'cancel'
    defineStrings({ save: '저장', cancel: '취소' }, { save: 'Save' });
    // @ts-expect-error en's list has no 'empty'
    defineStrings({ list: { count: '{{count}}건', empty: '없음' } }, { list: { count: '{{count}}' } });
  });

  it('rejects a key ko does not have, at any depth, also when en is a variable', () => {
    // @ts-expect-error 'extra' is not a Korean key
    defineStrings({ save: '저장' }, { save: 'Save', extra: 'Extra' });
    // @ts-expect-error list.extra is not a Korean key
    defineStrings({ list: { count: '{{count}}건' } }, { list: { count: '{{count}}', extra: 'x' } });
    const en = { save: 'Save', typo: 'Typo' };
    // @ts-expect-error a variable gets no excess-property check of its own; defineStrings still refuses it
    defineStrings({ save: '저장' }, en);
  });

  it('rejects a group where ko has a text', () => {
    // @ts-expect-error save is a text in ko
    defineStrings({ save: '저장' }, { save: { label: 'Save' } });
  });
});

describe("the i18next type declaration checks t('…') keys", () => {
  it('types t of a namespace by its Korean strings', () => {
    const t = createDeskI18n().getFixedT('ko', 'calls') as TFunction<'calls'>;
    expect(t('save')).toBe('저장');
    // @ts-expect-error not a key of 'calls'
    t('nosuchkey');
    const team = createDeskI18n('en').getFixedT('en', 'team') as TFunction<'team'>;
    expect(team('presence.available')).toBe('Available');
    // @ts-expect-error presence has no 'busy'
    team('presence.busy');
    // @ts-expect-error a group is not a text
    team('presence');
  });
});

const leaves = (tree: StringTree, prefix = ''): Array<[string, string]> =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('every namespace', () => {
  it.each(Object.entries(DESK_NAMESPACES))('%s: en fills the same {{placeholders}} as ko', (_ns, strings) => {
    const en = new Map(leaves(strings.en));
    const mismatched = leaves(strings.ko).filter(([k, ko]) => placeholders(ko).join() !== placeholders(en.get(k) ?? '').join());
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });

  it.each(Object.entries(DESK_NAMESPACES))('%s: the window\'s i18next instance has it in both languages', (ns, strings) => {
    const i18n = createDeskI18n('en');
    for (const [key, text] of leaves(strings.en)) expect(i18n.getResource('en', ns, key)).toBe(text);
    for (const [key, text] of leaves(strings.ko)) expect(i18n.getResource('ko', ns, key)).toBe(text);
  });
});
