import { CRISIS_KIND_LABELS } from '../../common/crisis/index.js';
import { defineStrings } from '../i18n/define-strings.js';

/** Strings of the crisis signal (badge, hotline card, dismissal), namespace 'crisis'. */
const ko = {
  badge: '위기',
  badgeLabel: '위기 신호: {{kind}}',
  region: '위기 신호',
  title: '위기 신호 — {{kind}}',
  phrase: '시민의 말: “{{phrase}}”',
  hotlines: '24시간 상담전화',
  emergencyWelfare: '긴급복지지원',
  record: '위기가구 기록',
  recorded: '위기가구 상담 기록을 만들었습니다.',
  dismiss: '오탐 해제',
  reason: '해제 사유',
  reasonHint: '왜 위기가 아닌지 적어 주세요 (기록에 남습니다).',
  confirmDismiss: '해제',
  cancel: '취소',
  required: '사유를 입력하세요.',
  needHint: '주호소에 위기 신호가 있습니다 ({{kind}}: “{{phrase}}”). 위기가구 여부를 확인하세요.',
  markCrisis: '위기가구로 표시',
  // The kind names the server and the records use.
  kinds: CRISIS_KIND_LABELS,
};
const en = {
  badge: 'Crisis',
  badgeLabel: 'Crisis signal: {{kind}}',
  region: 'Crisis signal',
  title: 'Crisis signal — {{kind}}',
  phrase: 'The citizen wrote: “{{phrase}}”',
  hotlines: '24-hour lines',
  emergencyWelfare: 'Emergency welfare support',
  record: 'Record as crisis household',
  recorded: 'Created a crisis-household consultation record.',
  dismiss: 'Dismiss false alarm',
  reason: 'Reason',
  reasonHint: 'Say why this is not a crisis (it is logged).',
  confirmDismiss: 'Dismiss',
  cancel: 'Cancel',
  required: 'Enter a reason.',
  needHint: 'The need text reads as a crisis ({{kind}}: “{{phrase}}”). Check whether this is a crisis household.',
  markCrisis: 'Mark as crisis household',
  kinds: {
    self_harm: 'Suicide / self-harm', violence: 'Violence / abuse', child_abuse: 'Child abuse',
    basic_needs: 'No food, heat or utilities', housing_loss: 'Losing the home', isolation: 'Isolated, not answering',
  },
};
export const crisisI18n = defineStrings(ko, en);
