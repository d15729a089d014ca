/** Registered by the shell as i18next namespace 'calls'. */
export const callsI18n = {
  ko: {
    formTitle: '상담 기록',
    save: '저장',
  },
  en: {
    formTitle: 'Consultation record',
    save: 'Save',
  },
} as const;
