import { describe, expect, it } from 'vitest';
import { detectCrisis } from '../../../common/crisis/detect.js';
import { doneByAnAnimal, victimOf } from '../../../common/crisis/victim.js';

describe('crisis signals: whose the violence is', () => {
  it('a writer or person under 18 (school year, age, a child named) is a minor', () => {
    expect(victimOf('아빠가 핸드폰 뺏고 방에 가둬요 고2에요')).toBe('minor');
    expect(victimOf('애 아빠가 훈육이라면서 애를 밤새 무릎 꿇려요 여덟살이에요')).toBe('minor');
    expect(victimOf('할머니가 저를 매일 회초리로 때려요 저 초4예요')).toBe('minor');
    expect(victimOf('윗집 아가 맨날 밤에 울면서 잘못했다고 빌어요')).toBe('minor');
  });

  it('words that only look like a child, and children who are not the victims, name no minor', () => {
    // 장애가 holds 애가; 아가씨 holds 아가; 한살림 holds 한 살; 열아홉 살 is an adult.
    expect(victimOf('장애가 있는 동생이 자꾸 맞고 와요')).toBeNull();
    expect(victimOf('아가씨 때부터 맞고 살았어요')).toBeNull();
    expect(victimOf('열아홉살인데 남편이 때려요')).not.toBe('minor');
    // Fleeing with the children: the danger is the parent's.
    expect(victimOf('남편 피해서 애들 데리고 나왔어요')).toBeNull();
    // Hurt at school: violence, not abuse by a carer.
    expect(victimOf('우리 애가 학교에서 맞고 왔어요 학교폭력 신고는 어떻게 해요')).toBe('peers');
    expect(victimOf('같은 반 애들이 화장실에서 때리고 그걸 영상으로 찍어서 돌려봐요 고2예요')).toBe('peers');
    expect(victimOf('고등학생 아들 담임이 반 애들 앞에서 아들 뺨을 때리고 무릎 꿇렸대요')).toBe('minor');
    expect(victimOf('옆집 애가 영양실조처럼 보여요 학교에서 애들이 냄새난다고 놀리고 집에 가도 엄마가 없대요')).toBe('minor');
    // A date's violence to a teenager is violence; a parent's partner is a carer.
    expect(victimOf('남친이 뺨 때려요 저 고1이에요')).toBe('peers');
    expect(victimOf('고딩인데 사귀던 오빠가 헤어지자니까 내 영상 뿌린다고 협박해요')).toBe('peers');
    expect(victimOf('엄마 남친이 나 때림 엄마는 모른척함 중1')).toBe('minor');
    expect(victimOf('중학생 딸이 그러는데 제 남자친구가 밤에 딸 방에 들어와서 몸을 만진대요')).toBe('minor');
    expect(victimOf('반애들이 제 사진 합성해서 단톡에 돌리고 체육시간에 발로 차요')).toBe('peers');
    expect(victimOf('동네 형들이 아니라 우리 아빠가 때리는거예요 말하면 더 맞아요 중2예요')).toBe('minor');
    expect(victimOf('동네 형들이 저 공원으로 불러내서 담배빵하고 그걸 영상으로 찍었어요 저 중2인데')).toBe('peers');
    // Errands forced by older pupils (빵셔틀) and a blow written as 때림.
    expect(victimOf('고1인데 선배들이 빵셔틀 시키고 안 하면 때림')).toBe('peers');
    expect(victimOf('선배들이 맨날 셔틀 시켜요 중3이에요')).toBe('peers');
    // A teacher who writes in reports it; older pupils hurt the pupil (round 32).
    expect(victimOf('담임교사입니다. 우리 반 학생이 선배들한테 계속 돈 뺏기고 맞는 것 같아요')).toBe('peers');
    expect(victimOf('기숙사 선배들이 밤마다 집합시키고 빠따침 고2임')).toBe('peers');
    // A writer who gives an adult age is an adult, and a mother whose head was hit is the one hurt (round 33).
    expect(victimOf('형이 술먹고 들어오면 저를 때려요 저는 25살이고 장애인이에요')).toBe('adult');
    expect(victimOf('아이가 아빠가 엄마 머리를 벽에 박았다고 말했대요 제가 그 엄마예요')).toBe('adult');
    expect(victimOf('단톡방에서 애들이 제 사진 합성해서 돌리고 학교 끝나면 화장실로 끌고가서 때려요 중3이에요')).toBe('peers');
  });

  it('an elder or a mother named as the one hurt is an adult, also when the writer is a child', () => {
    expect(victimOf('아빠가 할머니를 작은방에 가둬놓고 밥을 하루에 한 번만 줘요 저 중학생이에요')).toBe('adult');
    expect(victimOf('아빠가 엄마를 또 때렸어요 저 중3인데 어떡해요')).toBe('adult');
    expect(victimOf('경로당 할머니 한분이 손자한테 맞았다고 우세요')).toBe('adult');
    expect(victimOf('치매 어머니를 오빠네가 모시는데 갈 때마다 몸에 멍이 있어요')).toBe('adult');
    expect(victimOf('그 집 며느리가 할머니 밥을 안 주고 방에 가둬둔대요')).toBe('adult');
    expect(victimOf('공장 반장이 외국인이라고 안전화로 정강이 차요 다리 다 멍이에요')).toBe('adult');
    // The writer hurt by an in-law, with a child looking on.
    expect(victimOf('시어머니가 우리애 보는 앞에서 저를 때리고 남편은 모른척해요')).toBe('adult');
    expect(victimOf('관리사무소입니다 304호 할머님이 아들한테 맞았다고 경비실로 피신해 오셨어요')).toBe('adult');
    // A minor put to work is the child's case.
    expect(victimOf('식당에 중학생쯤 돼 보이는 애가 새벽까지 설거지를 하는데 사장이 삼촌이라는데 애 얼굴이 늘 부어 있어요')).toBe('minor');
    expect(victimOf('아들놈이 돈 내놓으라꼬 내를 밀쳐뿌가 갈비뼈에 금이 갔다 아이가 또 올까 겁난다')).toBe('adult');
  });

  it('a child hurt or left alone beside the mother is still a child', () => {
    expect(victimOf('아빠가 엄마를 때리고 저도 때려요 초5예요')).toBe('minor');
    expect(victimOf('엄마가 아빠한테 맞아서 집 나가셨고 저랑 동생만 있는데 먹을게 없어요 저는 중학생이에요')).toBe('minor');
  });

  it('the detector names the kind the victim makes it', () => {
    expect(detectCrisis('맞은데가 넘 아파서 학교 못갔어요 엄마가 병원도 안데려가요 중3이에요')?.kind).toBe('child_abuse');
    expect(detectCrisis('경로당 할머니 한분이 손자한테 맞았다고 우세요 얼굴이 시퍼래요')?.kind).toBe('violence');
    expect(detectCrisis('남편이 술만 먹으면 때려요')?.kind).toBe('violence');
    expect(detectCrisis('같은 반 애들이 화장실에서 때리고 그걸 영상으로 찍어서 돌려봐요 고2예요 학교 가기 싫어요')?.kind).toBe('violence');
    expect(detectCrisis('윗층에서 매일 애 우는 소리랑 때리는 소리가 나요 어젯밤엔 잘못했어요 살려주세요 소리까지 들렸어요')?.kind).toBe('child_abuse');
  });
  it('a pet that hits or bites is no violence; a person who does it beside a pet still is', () => {
    expect(doneByAnAnimal('우리 고양이가 새벽마다 저를 때려요 ㅋㅋ')).toBe(true);
    expect(doneByAnAnimal('강아지가 손을 물었어요 이갈이래요')).toBe(true);
    expect(doneByAnAnimal('남편이 고양이가 시끄럽다고 저를 때려요')).toBe(false);
    expect(detectCrisis('냥이가 밥 늦게 줬다고 저를 때려요 ㅋㅋ')).toBeNull();
    expect(detectCrisis('남편이 고양이가 시끄럽다고 저를 때려요')?.kind).toBe('violence');
  });
});
