import { auditI18n } from '../admin/access-log/i18n.js';
import { adminI18n } from '../admin/i18n.js';
import { appI18n } from '../app/i18n.js';
import { broadcastsI18n } from '../broadcasts/i18n.js';
import { callsI18n } from '../calls/i18n.js';
import { crisisI18n } from '../crisis/i18n.js';
import { inboxI18n } from '../inbox/i18n.js';
import { privacyI18n } from '../privacy/i18n.js';
import { programmesI18n } from '../programmes/i18n.js';
import { teamI18n } from '../team/i18n.js';
import type { FeatureStrings } from './define-strings.js';

/**
 * Every feature's strings as the i18next namespace of the same name. The one list: the window's
 * i18next instance loads it and i18next.d.ts types t() from it, so a namespace added here is
 * both loaded and key-checked.
 */
export const DESK_NAMESPACES = {
  app: appI18n,
  admin: adminI18n,
  inbox: inboxI18n,
  programmes: programmesI18n,
  calls: callsI18n,
  crisis: crisisI18n,
  audit: auditI18n,
  broadcasts: broadcastsI18n,
  privacy: privacyI18n,
  team: teamI18n,
} satisfies Record<string, FeatureStrings>;

export type DeskNamespace = keyof typeof DESK_NAMESPACES;
