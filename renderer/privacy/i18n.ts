import { defineStrings, type StringKey } from '../i18n/define-strings.js';

/** Strings of the privacy controls (lock screen, reveal, export reason); namespace 'privacy'. */
const ko = {
  lockTitle: '화면이 잠겨 있습니다',
  lockedFor: '{{name}} 님',
  lockHint: '비밀번호를 입력하면 이어서 일할 수 있습니다. 5번 틀리면 로그아웃됩니다.',
  password: '비밀번호',
  unlock: '잠금 해제',
  lockNow: '화면 잠금 (Ctrl+Alt+L)',
  reveal: '전체 번호 보기',
  revealShortcut: '전체 번호 보기 (Ctrl+Alt+R)',
  revealed: '전체 번호 표시 중 (접근 기록됨)',
  exportTitle: '내보내기 사유',
  exportHint: '개인정보가 담긴 파일입니다. 사유와 건수가 접근 기록과 파일에 남습니다.',
  reasonKind: '사유',
  reasonText: '상세 사유',
  reasonTextRequired: '기타 사유를 입력하세요',
  exportConfirm: '내보내기',
  cancel: '취소',
};

const en = {
  lockTitle: 'The screen is locked',
  lockedFor: '{{name}}',
  lockHint: 'Enter your password to continue. Five wrong attempts sign you out.',
  password: 'Password',
  unlock: 'Unlock',
  lockNow: 'Lock screen (Ctrl+Alt+L)',
  reveal: 'Show full number',
  revealShortcut: 'Show full number (Ctrl+Alt+R)',
  revealed: 'Full number shown (access logged)',
  exportTitle: 'Reason for export',
  exportHint: 'The file holds personal data. The reason and row count go into the access log and the file.',
  reasonKind: 'Reason',
  reasonText: 'Details',
  reasonTextRequired: 'Describe the other reason',
  exportConfirm: 'Export',
  cancel: 'Cancel',
};
export const privacyI18n = defineStrings(ko, en);
export type PrivacyKey = StringKey<typeof privacyI18n>;
