/** Strings of the programme lookup; the shell registers them as i18n namespace 'programmes'. */
export const programmesI18n = {
  ko: {
    searchLabel: '복지 프로그램 검색',
    searchPlaceholder: '프로그램 이름, 초성, 상황으로 검색 (Ctrl+K)',
  },
  en: {
    searchLabel: 'Search welfare programmes',
    searchPlaceholder: 'Search by name, initials or situation (Ctrl+K)',
  },
} as const;
