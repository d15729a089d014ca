import i18next, { type i18n as I18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { appEn } from './app-en.js';
import { appKo } from './app-ko.js';

export type Language = 'ko' | 'en';
export const LANGUAGES: readonly Language[] = ['ko', 'en'];

/** A feature's strings, as each feature folder exports them (`inboxI18n`, `programmesI18n`, `callsI18n`). */
export interface FeatureStrings {
  ko: object;
  en: object;
}

/**
 * One i18next instance per window: namespace 'app' for the shell plus one namespace per feature,
 * Korean first. A fresh instance (not the global singleton) keeps tests independent.
 */
export function createDeskI18n(features: Record<string, FeatureStrings>, language: Language = 'ko'): I18n {
  const resources: Resource = { ko: { app: appKo }, en: { app: appEn } };
  for (const [ns, strings] of Object.entries(features)) {
    (resources.ko as Record<string, object>)[ns] = strings.ko;
    (resources.en as Record<string, object>)[ns] = strings.en;
  }
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'ko',
    ns: ['app', ...Object.keys(features)],
    defaultNS: 'app',
    interpolation: { escapeValue: false }, // React escapes; double escaping would show &lt; to counsellors
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}
