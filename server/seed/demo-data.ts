import type { Role } from '../../common/domain/index.js';

/** Demo accounts: counsellor1..4, supervisor1 and admin, all with BOKJI_DEMO_PASSWORD. */
export const DEMO_COUNSELLORS: { username: string; displayName: string; role: Role }[] = [
  { username: 'admin', displayName: '관리자 한지수', role: 'admin' },
  { username: 'supervisor1', displayName: '팀장 정하늘', role: 'supervisor' },
  { username: 'counsellor1', displayName: '상담원 김민지', role: 'counsellor' },
  { username: 'counsellor2', displayName: '상담원 이준호', role: 'counsellor' },
  { username: 'counsellor3', displayName: '상담원 박서연', role: 'counsellor' },
  { username: 'counsellor4', displayName: '상담원 최도윤', role: 'counsellor' },
];

export const DEMO_CANNED_REPLIES: { key: string; title: string; shortcut: string; body: string }[] = [
  {
    key: 'greeting',
    title: '인사',
    shortcut: '/인사',
    body: '안녕하세요 {{citizenName}}님, 복지 상담센터 {{counsellorName}}입니다. 무엇을 도와드릴까요?',
  },
  {
    key: 'hours',
    title: '운영시간',
    shortcut: '/운영',
    body: '상담 운영시간은 평일 오전 9시부터 오후 6시까지입니다(공휴일 제외). 운영시간 외에 남겨 주신 메시지는 다음 운영일에 순서대로 답변드립니다.',
  },
  {
    key: 'documents',
    title: '서류 안내',
    shortcut: '/서류',
    body: '{{citizenName}}님, 신청 시 신분증, 가족관계증명서, 통장 사본, 소득·재산 관련 서류가 필요합니다. 사업에 따라 추가 서류가 있을 수 있어 신청 전에 안내해 드리겠습니다.',
  },
  {
    key: 'community-centre',
    title: '주민센터 연계',
    shortcut: '/주민센터',
    body: '자세한 상담과 신청은 거주하시는 동 주민센터 맞춤형복지팀에서 도와드립니다. 방문 전에 전화로 예약하시면 기다리지 않으셔도 됩니다.',
  },
  {
    key: 'closing',
    title: '마무리',
    shortcut: '/마무리',
    body: '{{citizenName}}님, 상담이 도움이 되셨기를 바랍니다. 더 궁금하신 점이 있으면 언제든 다시 메시지 주세요. {{counsellorName}}였습니다. 감사합니다.',
  },
  {
    key: 'call-back',
    title: '전화 상담 안내',
    shortcut: '/전화',
    body: '{{citizenName}}님, 자세한 안내를 위해 상담원이 곧 전화드리겠습니다. 잠시만 기다려 주세요.',
  },
];

export interface DemoConversation {
  key: string;
  citizenKey: string;
  citizenName: string | null;
  citizenPhone: string | null;
  status: 'open' | 'waiting' | 'held' | 'closed';
  assignee: string | null;
  /** Minutes before seeding at which the first message was sent. */
  startedMinutesAgo: number;
  messages: { from: 'citizen' | 'counsellor'; body: string }[];
}

export const DEMO_CONVERSATIONS: DemoConversation[] = [
  {
    key: 'rent',
    citizenKey: 'demo-citizen-0001',
    citizenName: '정영희',
    citizenPhone: '01023456789',
    status: 'open',
    assignee: null,
    startedMinutesAgo: 12,
    messages: [
      { from: 'citizen', body: '안녕하세요. 혼자 사는 70대인데 월세가 너무 부담돼서요. 주거급여 받을 수 있는지 궁금합니다.' },
      { from: 'citizen', body: '기초연금은 받고 있어요.' },
    ],
  },
  {
    key: 'childcare',
    citizenKey: 'demo-citizen-0002',
    citizenName: '김하늘',
    citizenPhone: null,
    status: 'open',
    assignee: 'counsellor1',
    startedMinutesAgo: 35,
    messages: [
      { from: 'citizen', body: '둘째 출산 예정인데 첫만남이용권이랑 부모급여 신청은 어디서 하나요?' },
      { from: 'counsellor', body: '안녕하세요 김하늘님, 복지 상담센터 상담원 김민지입니다. 출생신고 하실 때 주민센터에서 한 번에 신청하실 수 있습니다.' },
      { from: 'citizen', body: '온라인으로도 되나요?' },
    ],
  },
  {
    key: 'disability',
    citizenKey: 'demo-citizen-0003',
    citizenName: null,
    citizenPhone: null,
    status: 'waiting',
    assignee: 'counsellor2',
    startedMinutesAgo: 95,
    messages: [
      { from: 'citizen', body: '아버지가 뇌졸중 이후 거동이 불편하신데 장애 등록이랑 활동지원 서비스를 받을 수 있을까요?' },
      { from: 'counsellor', body: '먼저 장애 정도 심사를 위해 진단서가 필요합니다. 진단받으신 병원이 어디신지 알려 주시겠어요?' },
    ],
  },
  {
    key: 'crisis',
    citizenKey: 'demo-citizen-0004',
    citizenName: '박철수',
    citizenPhone: '01098765432',
    status: 'held',
    assignee: 'counsellor3',
    startedMinutesAgo: 240,
    messages: [
      { from: 'citizen', body: '갑자기 일을 그만두게 돼서 이번 달 생활비가 없습니다. 긴급하게 도움받을 방법이 있을까요?' },
      { from: 'counsellor', body: '긴급복지지원 생계지원을 검토해 볼 수 있습니다. 가구원 수와 최근 소득을 알려 주시면 안내드리겠습니다.' },
      { from: 'citizen', body: '4인 가구이고 지난달까지 월 250만원 정도 벌었어요. 서류 챙겨서 다시 연락드릴게요.' },
    ],
  },
  {
    key: 'closed-youth',
    citizenKey: 'demo-citizen-0005',
    citizenName: '이서준',
    citizenPhone: null,
    status: 'closed',
    assignee: 'counsellor4',
    startedMinutesAgo: 1440,
    messages: [
      { from: 'citizen', body: '청년 월세 지원 신청 기간이 언제까지인가요?' },
      { from: 'counsellor', body: '서울시 청년월세지원은 공고 기간에 온라인으로 신청하실 수 있습니다. 공고가 나오면 알려 드릴게요.' },
      { from: 'citizen', body: '감사합니다!' },
    ],
  },
];
