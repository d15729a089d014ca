import { chance, pick, type Random } from './random.js';

/**
 * What citizens write to a district welfare desk: first messages by topic, follow-ups, and the
 * awkward cases a desk must survive (photos, very long messages, emoji, pasted HTML and SQL,
 * a 주민등록번호 typed in the chat).
 */
const OPENINGS: readonly string[] = [
  '안녕하세요. 월세가 밀려서 그런데 월세 지원 받을 수 있는 방법이 있을까요?',
  '혼자 사는 청년인데 청년월세 특별지원 신청 자격이 궁금합니다.',
  '겨울이라 난방비가 너무 많이 나와요. 에너지바우처 신청하려면 어떻게 해야 하나요?',
  '어머니 병원비가 감당이 안 돼서요. 재난적 의료비 지원 대상인지 알고 싶어요.',
  '아기 기저귀랑 분유 지원 사업이 있다고 들었는데 신청 방법 알려주세요.',
  '갑자기 일자리를 잃어서 생활비가 없습니다. 긴급생활비 지원 받을 수 있나요?',
  '아버지가 장애 2급이신데 장애인 활동지원 서비스 시간 늘릴 수 있을까요?',
  '65세 넘었는데 노인 일자리 사업 신청은 언제 하나요?',
  '한부모 가정인데 아이 양육비 지원 받을 수 있는지 문의드립니다.',
  '기초연금 신청했는데 결과가 아직 안 나왔어요. 언제쯤 알 수 있나요?',
  '주거급여 받고 있는데 이사하면 다시 신청해야 하나요?',
  '첫만남이용권 사용처가 궁금합니다.',
  '다문화 가정 자녀 학습 지원 프로그램이 있나요?',
  '국민기초생활보장 수급자 신청하려면 어떤 서류가 필요한가요?',
  '치매 어르신 돌봄 서비스 알아보고 있어요.',
  '실직 후 건강보험료가 너무 올랐는데 감면 방법이 있을까요?',
  '장애인 콜택시 이용 등록은 어디서 하나요?',
  '출산했는데 산모 신생아 건강관리 지원 신청 기간이 지났을까요?',
  '보훈대상자 가족도 받을 수 있는 복지 혜택이 있나요?',
  '고독사 예방 안부 확인 서비스 신청하고 싶습니다. 혼자 사시는 이모 때문에요.',
];

const FOLLOW_UPS: readonly string[] = [
  '소득 기준이 어떻게 되나요? 저희는 3인 가구예요.',
  '온라인으로도 신청 가능한가요?',
  '주민센터에 직접 가야 하나요? 거동이 불편해서요.',
  '서류는 어떤 걸 준비하면 될까요?',
  '언제까지 신청해야 하나요?',
  '지난달에 신청했는데 아직 연락이 없어요.',
  '감사합니다. 혹시 전화로 상담 가능할까요?',
  '중위소득 50% 이하면 해당되나요?',
  '재산이 조금 있는데 그것도 계산되나요?',
  '네 알겠습니다. 다른 지원도 같이 받을 수 있나요?',
  '자녀가 둘인데 금액이 달라지나요?',
  '전화번호 남길게요 010-2345-6789 로 연락 주세요',
];

const EMOJI: readonly string[] = ['🙏', '😢', '😊', '👍', '💦', '🥲', '❤️', '👨‍👩‍👧‍👦'];

const HOSTILE: readonly string[] = [
  '<script>alert("xss")</script> 이거 보이나요?',
  '<img src=x onerror="alert(1)"> 사진이 안 올라가요',
  '"; DROP TABLE messages; -- 신청서 제출합니다',
  '<a href="javascript:alert(1)">여기</a> 눌러주세요',
  "' OR 1=1 -- 로그인이 안돼요",
  '{{constructor.constructor("alert(1)")()}}',
];

export interface CitizenMessage {
  messageType: 'TX' | 'IM';
  message: string;
  imageUrl?: string;
  /** What kind of case this is, for the summary. */
  flavour: 'question' | 'follow_up' | 'image' | 'long' | 'emoji' | 'hostile' | 'resident_number' | 'subscribe' | 'unsubscribe';
}

function longMessage(random: Random): string {
  const parts: string[] = ['제 사정을 자세히 말씀드릴게요.'];
  while (parts.join(' ').length < 900) parts.push(pick(random, [...OPENINGS, ...FOLLOW_UPS]));
  return parts.join(' ').slice(0, 990);
}

/** A fake but well-formed 주민등록번호 (real date, random back part) to exercise masking. */
function fakeResidentNumber(random: Random): string {
  const yy = String(50 + Math.floor(random() * 49)).padStart(2, '0');
  const mm = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const dd = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const back = String(Math.floor(random() * 1_000_000)).padStart(6, '0');
  return `${yy}${mm}${dd}-${1 + Math.floor(random() * 2)}${back}`;
}

/** The n-th message of one citizen (n = 0 is the opening question). */
export function citizenMessage(random: Random, n: number, imageBase = 'https://example.com/bokji-sim/'): CitizenMessage {
  if (n > 0) {
    if (chance(random, 0.08)) {
      return { messageType: 'IM', message: '', imageUrl: `${imageBase}document-${Math.floor(random() * 1e6)}.jpg`, flavour: 'image' };
    }
    if (chance(random, 0.04)) return { messageType: 'TX', message: longMessage(random), flavour: 'long' };
    if (chance(random, 0.04)) return { messageType: 'TX', message: pick(random, HOSTILE), flavour: 'hostile' };
    if (chance(random, 0.03)) {
      return { messageType: 'TX', message: `본인 확인용으로 주민번호 남겨요 ${fakeResidentNumber(random)}`, flavour: 'resident_number' };
    }
  }
  const base = n === 0 ? pick(random, OPENINGS) : pick(random, FOLLOW_UPS);
  if (chance(random, 0.15)) return { messageType: 'TX', message: `${base} ${pick(random, EMOJI)}`, flavour: 'emoji' };
  return { messageType: 'TX', message: base, flavour: n === 0 ? 'question' : 'follow_up' };
}
