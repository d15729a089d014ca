import { describe, expect, it } from 'vitest';
import { CRISIS_KINDS, type CrisisKind } from '../../../common/domain/index.js';
import { CRISIS_PRIORITY, crisisAutoAnswer, detectCrisis, detectCrisisAll } from '../../../common/crisis/index.js';
import { CRISIS_CORPUS as ALL_MESSAGES, CRISIS_MESSAGES, LOOK_ALIKES, type LabelledMessage } from '../../../common/crisis/corpus.js';
import { HELD_OUT } from './held-out.js';
import { HELD_OUT_ROUND_19 } from './held-out-round-19.js';
import { HELD_OUT_ROUND_20 } from './held-out-round-20.js';
import { HELD_OUT_ROUND_21 } from './held-out-round-21.js';
import { HELD_OUT_ROUND_22 } from './held-out-round-22.js';
import { HELD_OUT_ROUND_23 } from './held-out-round-23.js';
import { HELD_OUT_ROUND_24 } from './held-out-round-24.js';
import { HELD_OUT_ROUND_25 } from './held-out-round-25.js';
import { HELD_OUT_ROUND_26 } from './held-out-round-26.js';
import { HELD_OUT_ROUND_27 } from './held-out-round-27.js';
import { HELD_OUT_ROUND_28 } from './held-out-round-28.js';
import { HELD_OUT_ROUND_29 } from './held-out-round-29.js';
import { HELD_OUT_ROUND_30 } from './held-out-round-30.js';
import { HELD_OUT_ROUND_31 } from './held-out-round-31.js';
import { HELD_OUT_ROUND_32 } from './held-out-round-32.js';
import { HELD_OUT_ROUND_33 } from './held-out-round-33.js';
import { HELD_OUT_ROUND_34 } from './held-out-round-34.js';
import { HELD_OUT_ROUND_35 } from './held-out-round-35.js';

const RECALL_FLOOR = 0.95;
const PRECISION_FLOOR = 0.9;
/**
 * Per kind on unseen messages the kind is sometimes the neighbouring one (a child alone with no
 * food: child_abuse or basic_needs). Measured on the two held-out rounds: 0.885–1.00 recall and
 * 0.897–0.962 precision per kind with the first corpus, 0.923–1.00 and 0.900–1.00 once its second
 * wave (kind boundaries, written without seeing these rounds) was added.
 */
const HELD_OUT_KIND_FLOOR = 0.9;
/**
 * Rounds 19 to 29 (2026-12-03 and -04), by writers on their own, are harder on the kind. Each was
 * scored once with the detector as committed before it was read, and read afterwards. Per kind,
 * when scored: round 21 recall 0.88–1.00, precision 0.83–0.96; round 22 0.84–1.00 and 0.70–0.96;
 * round 23 0.88–1.00 and 0.85–1.00; round 24 0.92–1.00 and 0.88–0.96; round 25 0.92–1.00 and
 * 0.83–0.96; round 26 0.92–1.00 and 0.80–0.96; round 27 0.92–1.00 and 0.88–1.00; round 28
 * 0.88–1.00 and 0.89–1.00; round 29 0.76–1.00 and 0.79–0.96. All eleven together now (seen, none trained on): see the README. A regression guard under what was measured on seen
 * rounds; unseen rounds are below the per-kind floors for some kinds (README).
 */
const LATER_ROUNDS_KIND_FLOOR = { recall: 0.94, precision: 0.9 };
const LATER_SETS = [HELD_OUT_ROUND_19, HELD_OUT_ROUND_20, HELD_OUT_ROUND_21, HELD_OUT_ROUND_22, HELD_OUT_ROUND_23, HELD_OUT_ROUND_24, HELD_OUT_ROUND_25, HELD_OUT_ROUND_26, HELD_OUT_ROUND_27, HELD_OUT_ROUND_28, HELD_OUT_ROUND_29, HELD_OUT_ROUND_30, HELD_OUT_ROUND_31, HELD_OUT_ROUND_32, HELD_OUT_ROUND_33, HELD_OUT_ROUND_34, HELD_OUT_ROUND_35];
const LATER_ROUNDS = LATER_SETS.flat();

/** Per kind: recall = flagged as this kind / labelled this kind; precision = right / flagged as this kind. */
function scores(set: readonly LabelledMessage[]) {
  const rows = CRISIS_KINDS.map((kind) => {
    const labelled = set.filter((m) => m.kind === kind);
    const flagged = set.filter((m) => detectCrisis(m.text)?.kind === kind);
    const right = flagged.filter((m) => m.kind === kind);
    return {
      kind,
      labelled: labelled.length,
      flagged: flagged.length,
      recall: right.length / Math.max(1, labelled.length),
      precision: flagged.length ? right.length / flagged.length : 1,
      missed: labelled.filter((m) => detectCrisis(m.text)?.kind !== kind).map((m) => `${m.text} -> ${detectCrisis(m.text)?.kind ?? 'none'}`),
      wrong: flagged.filter((m) => m.kind !== kind).map((m) => `${m.text} (${m.kind ?? 'harmless'})`),
    };
  });
  return rows;
}

describe('crisis signals: the labelled corpus (what the classifier is trained on)', () => {
  it('holds at least 200 messages, about half crisis and half look-alikes, every kind represented', () => {
    expect(ALL_MESSAGES.length).toBeGreaterThanOrEqual(200);
    expect(Math.abs(CRISIS_MESSAGES.length - LOOK_ALIKES.length)).toBeLessThanOrEqual(ALL_MESSAGES.length * 0.1);
    for (const kind of CRISIS_KINDS) expect(CRISIS_MESSAGES.filter((m) => m.kind === kind).length).toBeGreaterThanOrEqual(15);
  });

  it(`keeps recall ≥ ${RECALL_FLOOR} and precision ≥ ${PRECISION_FLOOR} for every kind`, () => {
    const rows = scores(ALL_MESSAGES);
    console.table(rows.map(({ kind, labelled, flagged, recall, precision }) => ({ kind, labelled, flagged, recall: recall.toFixed(3), precision: precision.toFixed(3) })));
    for (const r of rows) {
      expect({ kind: r.kind, recall: r.recall, missed: r.missed }).toEqual(expect.objectContaining({ kind: r.kind }));
      expect(r.recall, `${r.kind} missed: ${r.missed.join(' | ')}`).toBeGreaterThanOrEqual(RECALL_FLOOR);
      expect(r.precision, `${r.kind} wrongly flagged: ${r.wrong.join(' | ')}`).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    }
  });

  it('flags no look-alike at all in most cases (overall false-alarm rate ≤ 5 %)', () => {
    const alarms = LOOK_ALIKES.filter((m) => detectCrisis(m.text) !== null);
    expect(alarms.length / LOOK_ALIKES.length, alarms.map((m) => m.text).join(' | ')).toBeLessThanOrEqual(0.05);
  });
});

describe('crisis signals: held-out messages (never trained on)', () => {
  it('holds at least 200 messages, about half crisis, every kind represented', () => {
    const crises = HELD_OUT.filter((m) => m.kind !== null);
    expect(HELD_OUT.length).toBeGreaterThanOrEqual(200);
    expect(Math.abs(crises.length - (HELD_OUT.length - crises.length))).toBeLessThanOrEqual(HELD_OUT.length * 0.1);
    for (const kind of CRISIS_KINDS) expect(crises.filter((m) => m.kind === kind).length).toBeGreaterThanOrEqual(20);
  });

  it.each([
    ['rounds 15 and 16', HELD_OUT],
    ['round 19', HELD_OUT_ROUND_19],
    ['round 20', HELD_OUT_ROUND_20],
    ['round 21', HELD_OUT_ROUND_21],
    // Round 22 was 0.877 precise when scored, before the fifth wave (README); 0.903 after it.
    ['round 22', HELD_OUT_ROUND_22],
    ['round 23', HELD_OUT_ROUND_23],
    ['round 24', HELD_OUT_ROUND_24],
    // Round 25 was 0.980 found, 0.919 precise when scored (README).
    ['round 25', HELD_OUT_ROUND_25],
    // Round 26 was 0.898 precise when scored, below the floor; 0.949 after the sixth wave (README).
    ['round 26', HELD_OUT_ROUND_26],
    ['round 27', HELD_OUT_ROUND_27],
    ['round 28', HELD_OUT_ROUND_28],
    ['round 29', HELD_OUT_ROUND_29],
    ['round 30', HELD_OUT_ROUND_30],
    ['round 31', HELD_OUT_ROUND_31],
    ['round 32', HELD_OUT_ROUND_32],
    ['round 33', HELD_OUT_ROUND_33],
    ['round 34', HELD_OUT_ROUND_34],
    ['round 35', HELD_OUT_ROUND_35],
  ] as const)(`%s: finds ≥ ${RECALL_FLOOR} of the crisis messages with precision ≥ ${PRECISION_FLOOR} (flagged or not)`, (_round, set) => {
    const crises = set.filter((m) => m.kind !== null);
    const missed = crises.filter((m) => detectCrisis(m.text) === null);
    const alarms = set.filter((m) => m.kind === null && detectCrisis(m.text) !== null);
    const found = crises.length - missed.length;
    expect(found / crises.length, `missed: ${missed.map((m) => m.text).join(' | ')}`).toBeGreaterThanOrEqual(RECALL_FLOOR);
    expect(found / (found + alarms.length), `false alarms: ${alarms.map((m) => m.text).join(' | ')}`).toBeGreaterThanOrEqual(PRECISION_FLOOR);
  });

  it('holds seventeen later rounds of 300 (one of 299), 25 per kind and half look-alikes, none of them in the corpus', () => {
    // A greeting like "안녕하세요 처음 연락드려요" is anyone's; a sentence of a situation is not.
    const trained = new Set(ALL_MESSAGES.map((m) => m.text));
    expect(LATER_ROUNDS.filter((m) => m.text.length > 20 && trained.has(m.text))).toEqual([]);
    for (const set of LATER_SETS) {
      // Round 24 lost one violence message that repeated a corpus message word for word.
      expect(set.length).toBe(set === HELD_OUT_ROUND_24 ? 299 : 300);
      expect(set.filter((m) => m.kind === null).length).toBe(150);
      for (const kind of CRISIS_KINDS) expect(set.filter((m) => m.kind === kind).length).toBe(set === HELD_OUT_ROUND_24 && kind === 'violence' ? 24 : 25);
    }
  });

  it(`rounds 19 to 35: per kind recall ≥ ${LATER_ROUNDS_KIND_FLOOR.recall} and precision ≥ ${LATER_ROUNDS_KIND_FLOOR.precision}`, () => {
    const rows = scores(LATER_ROUNDS);
    console.table(rows.map(({ kind, labelled, flagged, recall, precision }) => ({ kind, labelled, flagged, recall: recall.toFixed(3), precision: precision.toFixed(3) })));
    for (const r of rows) {
      expect(r.recall, `${r.kind} missed: ${r.missed.join(' | ')}`).toBeGreaterThanOrEqual(LATER_ROUNDS_KIND_FLOOR.recall);
      expect(r.precision, `${r.kind} wrongly flagged: ${r.wrong.join(' | ')}`).toBeGreaterThanOrEqual(LATER_ROUNDS_KIND_FLOOR.precision);
    }
  });

  it(`rounds 15 and 16: names the right kind: recall and precision ≥ ${HELD_OUT_KIND_FLOOR} for every kind`, () => {
    const rows = scores(HELD_OUT);
    console.table(rows.map(({ kind, labelled, flagged, recall, precision }) => ({ kind, labelled, flagged, recall: recall.toFixed(3), precision: precision.toFixed(3) })));
    for (const r of rows) {
      expect(r.recall, `${r.kind} missed: ${r.missed.join(' | ')}`).toBeGreaterThanOrEqual(HELD_OUT_KIND_FLOOR);
      expect(r.precision, `${r.kind} wrongly flagged: ${r.wrong.join(' | ')}`).toBeGreaterThanOrEqual(HELD_OUT_KIND_FLOOR);
    }
  });
});

describe('crisis signals: the detector', () => {
  it.each([
    ['더워 죽겠어요'], ['이 서류 맞는 건가요'], ['학교폭력 예방 교육 신청'], [''], ['   '],
    // Words the compact key joins across a space: 수급자+해당 holds 자해, 혼자+살고 holds 자살.
    ['기초수급자 해당되나요'], ['혼자 살고 있는 노인입니다'], ['수급자 결정 통지서가 왔어요'],
    // Everyday chat not in the corpus (a lone greeting once read as a farewell), and test-like input.
    ['반갑습니다'], ['저기요'], ['여보세요'], ['확인 부탁드려요'], ['혹시 담당자 계신가요'], ['좋은 아침입니다'],
    ['수고 많으십니다'], ['안녕하세요 상담사님'], ['안녕하세요 주거급여 문의요'], ['추가 문의 7'], ['메모 3'],
    // "X에 목매다" is being set on something, not hanging.
    ['성적에 목매는 게 싫어요 입시 상담 있나요'], ['승진에 목매다 건강 잃었어요 ㅋㅋ'],
    // The same words in their everyday senses: a hospice, a hunger strike in the news, a move, a pet.
    ['할머니께서 임종 앞두고 곡기를 끊으셨대요 호스피스 분들이 잘 돌봐주세요'], ['이사 짐 묶으려고 로프 샀어요'],
    ['우리 강아지가 저를 때려요 ㅋㅋ 산책 가자고'],
    // The same words in their everyday senses: draughts and mould, medicine for disposal, an exam.
    ['겨울 외풍 때문에 창문 틈을 테이프로 다 막았어요 집 정리도 다 했고요'],
    ['이사 정리 다 했고 창문 테이프로 막았어요 곰팡이 때문에'],
    ['폐의약품 수거함에 버리려고 약 다 모았어요'], ['이번 시험은 진짜 실패 안 할게요 ㅎㅎ'],
    ['Is the suicide prevention training open to foreigners?'],
    // "실패" holds 패 (to beat): a cousin who failed a job search is no violence.
    ['사촌오빠가 취업 실패하고 요즘 우울해해요 청년 상담 프로그램 있나요'],
    // Not being at home on a day, with a neighbour taking the parcel.
    ['제가 그날 없을 거라서 이웃이 맡아주기로 했어요'],
  ])('does not flag %j', (text) => {
    expect(detectCrisis(text)).toBeNull();
  });

  it.each([
    // Means written as people write them, and a farewell in dialect (two of round 23's misses).
    ['남편 폰에 목매는 방법 검색한 기록이 있어요. 요즘 잠도 못 자고 멍하니 있어요'],
    ['아부지가 농약병 들고 창고 들어가심서 나 인자 그만 살란다 허셨어라 문을 안 열어주신당께요'],
    ['목매려고 줄 사놨어요'],
    // Food refused to die, a burial asked for, a rope bought after debts (round 30's misses, reworded).
    ['할아버지가 이제 곡기를 끊겠다고 하시고 이틀째 아무것도 안 드세요'],
    ['어머니가 아버지 산소 옆에 묻어달라 하시더니 전화를 안 받으세요'],
    ['카드빚이 오천이라 로프 사놨어요 미안해요'],
    // Round 31's: hanging announced inside a social worker's referral, a farewell inside a programme question.
    ['병원 사회복지사입니다 환자분이 퇴원하면 목을 매겠다고 하셔서 연계 부탁드립니다'],
    ['기초연금 문의요 근데 저는 곧 없을 거라 다 정리하고 갈 생각이에요'],
    ['윗집 할아버지가 세탁기랑 티비 다 가져가라시며 이제 필요 없다고 내일이면 안 계실 거래요'],
    // Round 32's: pills gathered after an attempt, windows taped after putting things in order,
    // medicine or meals refused on purpose, "약 먹고 갈란다", the bridge in a migrant's words.
    ['상담 선생님 저 기억하세요? 이번엔 진짜 실패 안 할게요 수면제 다 모았어요'],
    ['이제 지원 필요 없을 것 같아요 방 정리 다 했고 창문 틈 테이프로 다 막았어요'],
    ['당뇨약 끊은 지 한 달 됐어요 일부러요 이렇게 가면 편하겠죠'],
    ['아버님이 일부러 밥을 안 드세요 빨리 가야 자식들 짐이 안 된다고요'],
    ['할매가 전화로 약 먹고 갈란다 카고 끊었어예'],
    ['husband angry every day. I go 한강 다리 가서 끝낼래요'],
    // Round 33's: a gas valve left open to sleep, meals refused on purpose, going quickly is better,
    // following a late husband (Jeju), a pet given away before going where one never comes back.
    ['이주 통보 받고 갈 데도 없어요 가스 밸브 열어놓고 자면 되겠죠'],
    ['어르신이 식사를 일부러 안 드시고 이렇게 가면 자식들 고생 안 한다고 하세요'],
    ['약 이제 안 묵을라요 빨리 가는기 낫지'],
    ['영감 가고 혼자 살암수다 이제 영감 따라 가젠 햄수다'],
    ['고양이 맡아주실 분 찾아요 저는 다시 안 올 곳으로 가려구요'],
    // Rounds 31 to 34 each had it: "I will not be here", with a pet or things handed on.
    ['강아지 맡아주실 분 계실까요 제가 곧 없을 거라서요 사료도 다 드릴게요'],
  ])('flags %j as self_harm', (text) => {
    expect(detectCrisis(text)?.kind).toBe('self_harm');
  });

  it('the means of suicide with its preparation flags even when the rest of the message reads as everyday', () => {
    expect(detectCrisis('연탄 피우고 문틈 테이프로 막는 방법 찾아보는중')?.kind).toBe('self_harm');
    expect(detectCrisis('약 80알 정도 모았는데 이정도면 충분한가요')?.kind).toBe('self_harm');
    expect(detectCrisis('수면제 30알 모아뒀어요')?.kind).toBe('self_harm');
    // An overdose already taken, and the next attempt announced.
    expect(detectCrisis('어제 타이레놀 한통 다 먹었는데 토만 하고 아무일도 안 일어났어요 다음엔 더 확실하게 할거예요')?.kind).toBe('self_harm');
    expect(detectCrisis('감기라서 타이레놀 먹었어요')).toBeNull();
    // A pupil's farewell, reported by a teacher.
    expect(detectCrisis('학원 강사인데요 저희반 중3 여학생이 단톡에 "내일이면 나 없을거야 다들 안녕 고마웠어" 올리고 나갔어요')?.kind).toBe('self_harm');
    // The same words about safety, or about something else that is counted and saved.
    expect(detectCrisis('연탄가스 중독 예방하려면 문틈 테이프는 떼고 환기하세요')).toBeNull();
    expect(detectCrisis('예약 3개 모아서 한번에 할게요')).toBeNull();
    expect(detectCrisis('번개탄 고기집 가봤는데 연기 장난 아니더라구요 ㅋㅋ')).toBeNull();
  });

  it('a lone person afraid of dying unnoticed, or with no one to talk to, is isolation, not self-harm, unless a self-harm phrase says more', () => {
    expect(detectCrisis('나 혼자 이 방에서 죽으면 아무도 모를 것 같아요. 죽고 싶은 건 아닌데 그게 제일 무서워요')?.kind).toBe('isolation');
    expect(detectCrisis('집에 혼자 있는게 너무 무서워요. 말할 사람이 한명도 없어요')?.kind).toBe('isolation');
    expect(detectCrisis('말할 사람이 한명도 없어요 그냥 죽고 싶어요')?.kind).toBe('self_harm');
    expect(detectCrisis('말벗 서비스 신청하려면 어디로 연락해요?')).toBeNull();
    expect(detectCrisis('밤에 숨이 차는데 혼자라 쓰러지면 어쩌나 싶어 잠을 못 자요 자식들은 연락 끊긴 지 오래고')?.kind).toBe('isolation');
    expect(detectCrisis('베트남에서 시집왔어요 남편 일 가면 아무도 없어요 한국 친구 없어요 너무 외로워요 매일 울어요')?.kind).toBe('isolation');
    // Hunger said as what is left, also when a 통장 reports it about an elder.
    expect(detectCrisis('7통 통장입니다. 저희 통 어르신 한 분이 라면 하나로 하루를 드신대요. 도시락 지원 가능할까요')?.kind).toBe('basic_needs');
  });

  it('a roof climbed in a flood, or a beaten elder seen by a courier, names the danger it is', () => {
    expect(detectCrisis('폭우로 반지하가 침수돼서 옥상에 올라와 있어요 잘 곳이 없어요')?.kind).toBe('housing_loss');
    expect(detectCrisis('배달 갔는데 할머니 얼굴에 멍이 크게 들어 있었고 안에서 남자가 욕하면서 소리지르는게 들렸어요')?.kind).toBe('violence');
    expect(detectCrisis('혼자 사는 할망인디 요새 굶엄수다 쌀 좀 어떵 안되쿠과')?.kind).toBe('basic_needs');
  });

  it('a message mostly in English keeps its phrase rules (the classifier cannot read it); a report names the danger it is', () => {
    expect(detectCrisis('My boyfriend hits me every night, please help')?.kind).toBe('violence');
    expect(detectCrisis('통장입니다 2층 부인이 피 흘리면서 계단에 앉아 있고 남편은 안에서 소리 지르고 있어요')?.kind).toBe('violence');
    expect(detectCrisis('약사입니다 할아버지가 혈압약 처방전 들고 오셨다가 돈이 없다고 그냥 가셨어요')?.kind).toBe('basic_needs');
    expect(detectCrisis('통장인데요 옆 동 할머니가 오늘 집에서 쫓겨나셔서 경로당 앞에 짐 놓고 앉아 계세요')?.kind).toBe('housing_loss');
    // A pupil thrown out by a parent: the lost home and the abuse both raise their lines.
    expect(detectCrisisAll('아빠가 집 나가라고 해서 나왔어요 중2예요 지금 놀이터예요').map((m) => m.kind)).toContain('child_abuse');
    expect(detectCrisisAll('아빠가 집 나가라고 해서 나왔어요 19살이에요').map((m) => m.kind)).not.toContain('child_abuse');
  });

  it('a fear of dying unnoticed is isolation; an elder kicked, seen by a courier, is violence', () => {
    expect(detectCrisis('혼자 사는 장애인이에요 넘어지면 못 일어나요 다음엔 그대로 죽을까봐 무서워요')?.kind).toBe('isolation');
    expect(detectCrisis('택배 기사입니다 할아버지가 현관에서 젊은 남자한테 발로 차이고 계셨어요')?.kind).toBe('violence');
  });

  it('a laughing message is flagged by the classifier alone only on a word never seen in harmless messages; its phrase rules still count', () => {
    expect(detectCrisis('밥은 먹고 다니냐 아들아 ㅋㅋ 엄마가 반찬 보냈다')).toBeNull();
    expect(detectCrisis('증명사진 찍으러 왔는데 얼굴이 너무 부었어 ㅋㅋ 어제 라면 먹고 잠')).toBeNull();
    expect(detectCrisis('ㅋㅋ 그냥 죽고싶다')?.kind).toBe('self_harm');
  });

  it('returns the phrase as the citizen wrote it (runs of spaces as one)', () => {
    expect(detectCrisis('저기요.. 오늘 집에서 남편이   때려요 ㅠㅠ')).toEqual({ kind: 'violence', phrase: '남편이 때려' });
  });

  it('is robust to spacing, typos, chat noise, emphasis and 초성', () => {
    const kinds = (texts: string[]) => texts.map((t) => detectCrisis(t)?.kind ?? null);
    expect(kinds(['죽 고 싶 어 요', '죽고싶어요ㅠㅠㅠ', '죽고싶어어어어', '죽고싶어요😢', 'ㅈㄱㅅㄷ', '자살하고싶얶'])).toEqual(Array<CrisisKind>(6).fill('self_harm'));
    expect(kinds(['남편이떄려요', '남 편 이 때 려 요'])).toEqual(['violence', 'violence']);
  });

  it('puts the most urgent kind first when a message raises several', () => {
    const kinds = detectCrisisAll('집에서 쫓겨났고 며칠째 굶었어요 죽고 싶어요').map((m) => m.kind);
    expect(kinds[0]).toBe('self_harm');
    expect(kinds).toEqual(expect.arrayContaining(['housing_loss', 'basic_needs']));
    // In priority order, whatever else the classifier adds (a teenager shut out and unfed reads as child_abuse).
    expect(kinds).toEqual(CRISIS_PRIORITY.filter((k) => kinds.includes(k)));
  });

  it('answers a crisis outside hours with the 24-hour lines, the matching one first', () => {
    const text = crisisAutoAnswer('violence');
    expect(text).toContain('1366');
    expect(text).toContain('109');
    expect(text).toContain('129');
    expect(text.indexOf('1366')).toBeLessThan(text.indexOf('109'));
    expect(crisisAutoAnswer('self_harm').indexOf('109')).toBeLessThan(crisisAutoAnswer('self_harm').indexOf('129'));
  });
});
