import { auditI18n } from '../admin/access-log/i18n.js';
import { broadcastsI18n } from '../broadcasts/i18n.js';
import { callsI18n } from '../calls/i18n.js';
import { crisisI18n } from '../crisis/i18n.js';
import { inboxI18n } from '../inbox/i18n.js';
import type { FeatureStrings } from '../i18n/index.js';
import { privacyI18n } from '../privacy/i18n.js';
import { programmesI18n } from '../programmes/i18n.js';

/** Each feature's strings as an i18next namespace of the same name. */
export const FEATURE_STRINGS: Record<string, FeatureStrings> = {
  inbox: inboxI18n,
  programmes: programmesI18n,
  calls: callsI18n,
  crisis: crisisI18n,
  audit: auditI18n,
  broadcasts: broadcastsI18n,
  privacy: privacyI18n,
};
