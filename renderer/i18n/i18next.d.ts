import type { DESK_NAMESPACES } from './namespaces.js';

/**
 * The one type declaration of the desk's strings: i18next types `t('…')` from the Korean strings
 * of every namespace, so a key that does not exist is a compile error in every component.
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app';
    resources: { [N in keyof typeof DESK_NAMESPACES]: (typeof DESK_NAMESPACES)[N]['ko'] };
    returnNull: false;
  }
}
