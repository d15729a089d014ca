/** A feature's strings: text at the leaves, groups of strings as nested objects. */
export interface StringTree {
  readonly [key: string]: string | StringTree;
}

/** The same keys as T with every text widened to string: what a translation of T must fill in. */
export type Translation<T> = { readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

/** E with each key that `Shape` lacks mapped to never, at every depth, so an extra key fails to compile. */
type NoExtraKeys<Shape, E> = {
  readonly [K in keyof E]: K extends keyof Shape ? (Shape[K] extends string ? E[K] : NoExtraKeys<Shape[K], E[K]>) : never;
};

export interface FeatureStrings<T extends StringTree = StringTree> {
  ko: Translation<T>;
  en: Translation<T>;
}

/**
 * Every feature declares its strings with this one call: Korean first (the default language and
 * the source of the keys), then English, which tsc checks against Korean — a key missing from en
 * or one Korean does not have is a compile error, so the en locale cannot silently fall back.
 * The result is the feature's i18next namespace; renderer/i18n/namespaces.ts lists them all.
 */
export function defineStrings<const Ko extends StringTree, const En extends Translation<Ko>>(
  ko: Ko,
  en: En & NoExtraKeys<Ko, En>,
): FeatureStrings<Ko> {
  // Ko is its own translation (each text is a string); tsc cannot see that through the mapped type.
  return { ko: ko as Translation<Ko>, en };
}

/** Every key of a feature's strings as t() takes it: 'save', 'board.title', 'list.views.mine'. */
export type StringKey<S extends FeatureStrings> = Leaves<S['ko']>;
type Leaves<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}` }[keyof T & string];
