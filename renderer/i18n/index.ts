import i18next, { type i18n as I18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DESK_NAMESPACES } from './namespaces.js';

export type Language = 'ko' | 'en';
export const LANGUAGES: readonly Language[] = ['ko', 'en'];

/**
 * One i18next instance per window with every namespace of DESK_NAMESPACES, Korean first; the
 * app and the renderer tests both render through it. A fresh instance (not the global singleton)
 * keeps tests independent.
 */
export function createDeskI18n(language: Language = 'ko'): I18n {
  const resources: Resource = { ko: {}, en: {} };
  for (const [ns, strings] of Object.entries(DESK_NAMESPACES)) {
    resources.ko![ns] = strings.ko;
    resources.en![ns] = strings.en;
  }
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'ko',
    ns: Object.keys(DESK_NAMESPACES),
    defaultNS: 'app',
    interpolation: { escapeValue: false }, // React escapes; double escaping would show &lt; to counsellors
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}
