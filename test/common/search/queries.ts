import type { ProgrammeFilters } from '../../../common/domain/index.js';

export type QueryCategory =
  | 'exact' | 'partial' | 'choseong' | 'spacing' | 'typo' | 'colloquial' | 'filter' | 'romanised' | 'shorthand'
  | 'sentence' | 'situation' | 'mixed';

export interface LabelledQuery {
  category: QueryCategory;
  q: string;
  filters?: ProgrammeFilters;
  /** Programme ids of the demo catalogue that belong in the top five (all of them). */
  expected: string[];
  /** Written with the rest but never looked at while tuning (see below). */
  heldOut?: true;
}

/**
 * Realistic counsellor and citizen queries over resources/catalogue/demo-programmes.json, labelled
 * by hand with the programmes a counsellor would want to see. Names are in the comments so the
 * set can be reviewed without the catalogue open. The last ~37 were written after the ranking
 * was frozen, as a held-out check, and were kept whatever their result.
 *
 * Issue 16 added whole citizen messages (sentence), situations (situation), 초성 mixed with words
 * (mixed), and more romanised/English names and counsellor shorthand. They were all written, as
 * citizens and counsellors write them, before the analyser was changed for them; the ones marked
 * `heldOut` (about a quarter of each category) were never looked at while tuning — the tuning
 * script skipped them — and are kept whatever their result. recall.test.ts reports them apart.
 */
export const LABELLED_QUERIES: LabelledQuery[] = [
  /* ---- exact ---- */
{ category: 'exact', q: "기초연금", expected: ['WLF00001164'] }, // 기초연금
  { category: 'exact', q: "장애인연금", expected: ['WLF00003249'] }, // 장애인연금
  { category: 'exact', q: "에너지바우처", expected: ['WLF00000072'] }, // 에너지바우처
  { category: 'exact', q: "국민취업지원제도", expected: ['WLF00003245'] }, // 국민취업지원제도
  { category: 'exact', q: "부모급여 지원", expected: ['WLF00004657'] }, // 부모급여 지원
  { category: 'exact', q: "아이돌봄 서비스", expected: ['WLF00000024'] }, // 아이돌봄 서비스
  { category: 'exact', q: "첫만남이용권", expected: ['WLF00004656'] }, // 첫만남이용권
  { category: 'exact', q: "아동수당 지급", expected: ['WLF00001171'] }, // 아동수당 지급
  { category: 'exact', q: "주거급여(맞춤형 급여)", expected: ['WLF00003201'] }, // 주거급여(맞춤형 급여)
  { category: 'exact', q: "생계급여(맞춤형 급여)", expected: ['WLF00001132'] }, // 생계급여(맞춤형 급여)
  { category: 'exact', q: "재난적의료비 지원 사업", expected: ['WLF00003247'] }, // 재난적의료비 지원 사업
  { category: 'exact', q: "노인맞춤돌봄서비스", expected: ['WLF00003191'] }, // 노인맞춤돌봄서비스
  { category: 'exact', q: "청년도약계좌", expected: ['WLF00005360'] }, // 청년도약계좌
  { category: 'exact', q: "서울런(Seoul-Learn)", expected: ['WLF00005410'] }, // 서울런(Seoul-Learn)
  { category: 'exact', q: "발달재활서비스", expected: ['WLF00003195'] }, // 발달재활서비스
  { category: 'exact', q: "희망두배 청년통장", expected: ['WLF00005247'] }, // 희망두배 청년통장
  { category: 'exact', q: "양육비 선지급", expected: ['WLF00005856'] }, // 양육비 선지급
  { category: 'exact', q: "출생축하금 지원", expected: ['WLF00002819'] }, // 출생축하금 지원
  { category: 'exact', q: "장애수당", expected: ['WLF00003265'] }, // 장애수당
  { category: 'exact', q: "개인채무조정", expected: ['WLF00005036'] }, // 개인채무조정
  { category: 'exact', q: "장애인활동지원", expected: ['WLF00003260'] }, // 장애인활동지원
  { category: 'exact', q: "가정양육수당 지원사업", expected: ['WLF00003253'] }, // 가정양육수당 지원사업
  { category: 'exact', q: "청년월세 한시 특별지원", expected: ['WLF00004661'] }, // 청년월세 한시 특별지원
  { category: 'exact', q: "긴급복지 주거지원", expected: ['WLF00000917'] }, // 긴급복지 주거지원
  { category: 'exact', q: "영유아보육료 지원", expected: ['WLF00003250'] }, // 영유아보육료 지원
  { category: 'exact', q: "국민임대주택공급", expected: ['WLF00003244'] }, // 국민임대주택공급

  /* ---- partial ---- */
  { category: 'partial', q: "주거급여", expected: ['WLF00003201'] }, // 주거급여(맞춤형 급여)
  { category: 'partial', q: "생계급여", expected: ['WLF00001132'] }, // 생계급여(맞춤형 급여)
  { category: 'partial', q: "교육급여", expected: ['WLF00001089'] }, // 교육급여(맞춤형 급여)
  { category: 'partial', q: "노인일자리", expected: ['WLF00001155'] }, // 노인일자리 및 사회활동 지원사업
  { category: 'partial', q: "내일저축", expected: ['WLF00000060'] }, // 청년내일저축계좌
  { category: 'partial', q: "디딤돌소득", expected: ['WLF00004719'] }, // 서울 디딤돌소득 시범사업
  { category: 'partial', q: "주택바우처", expected: ['WLF00002255'] }, // 서울형 주택바우처(저소득층 주택임대료 보조)
  { category: 'partial', q: "긴급복지 생계", expected: ['WLF00003180'] }, // 긴급복지 생계지원
  { category: 'partial', q: "한부모 양육비", expected: ['WLF00001068'] }, // 한부모가족 아동양육비 지원
  { category: 'partial', q: "장애인활동", expected: ['WLF00003260'] }, // 장애인활동지원
  { category: 'partial', q: "기저귀", expected: ['WLF00000092'] }, // 저소득층 기저귀·조제분유 지원
  { category: 'partial', q: "상병수당", expected: ['WLF00004997'] }, // 한국형 상병수당 시범사업
  { category: 'partial', q: "키즈카페", expected: ['WLF00005441', 'WLF00005753'] }, // 서울특별시 서울형 키즈카페 시립 뚝섬 자벌레점 운영 / 성북구 서울형 키즈카페 운영
  { category: 'partial', q: "마음투자", expected: ['WLF00005567'] }, // 정신건강 심리상담 바우처사업
  { category: 'partial', q: "산후조리경비", expected: ['WLF00006492'] }, // 서울형 산후조리경비 지원
  { category: 'partial', q: "틀니", expected: ['WLF00001169'] }, // 의료급여 틀니·치과임플란트
  { category: 'partial', q: "햇살론", expected: ['WLF00001076', 'WLF00001126'] }, // 서민금융 활성화 지원(햇살론youth 보증사업) / 서민금융 활성화 지원(근로자햇살론 보증사업)
  { category: 'partial', q: "버팀목", expected: ['WLF00003222', 'WLF00000093'] }, // 버팀목전세자금대출 / 버팀목대출보증
  { category: 'partial', q: "자립수당", expected: ['WLF00001175'] }, // 자립준비청년 자립수당 지급
  { category: 'partial', q: "치매검사", expected: ['WLF00005004'] }, // 치매검사비 지원
  { category: 'partial', q: "양육수당", expected: ['WLF00003253'] }, // 가정양육수당 지원사업
  { category: 'partial', q: "보청기", expected: ['WLF00001130'] }, // 선천성 난청검사 및 보청기 지원
  { category: 'partial', q: "임차보증금", expected: ['WLF00002637', 'WLF00002617'] }, // 청년 임차보증금 이자지원사업 / 신혼부부 임차보증금 지원사업
  { category: 'partial', q: "수도요금", expected: ['WLF00006195', 'WLF00006194'] }, // 국민기초생활수급자 세대 수도요금 감면 / 중증장애인 세대 수도요금 감면
  { category: 'partial', q: "근로장려금", expected: ['WLF00001148'] }, // 근로·자녀장려금
  { category: 'partial', q: "무릎", expected: ['WLF00001179'] }, // 노인 무릎인공관절 수술 지원 사업

  /* ---- choseong ---- */
  { category: 'choseong', q: "ㄱㅊㅇㄱ", expected: ['WLF00001164'] }, // 기초연금
  { category: 'choseong', q: "ㅇㄴㅈㅂㅇㅊ", expected: ['WLF00000072'] }, // 에너지바우처
  { category: 'choseong', q: "ㅂㅁㄱㅇ", expected: ['WLF00004657'] }, // 부모급여 지원
  { category: 'choseong', q: "ㅈㅇㅇㅇㄱ", expected: ['WLF00003249'] }, // 장애인연금
  { category: 'choseong', q: "ㄱㅁㅊㅇㅈㅇㅈㄷ", expected: ['WLF00003245'] }, // 국민취업지원제도
  { category: 'choseong', q: "ㅊㅁㄴㅇㅇㄱ", expected: ['WLF00004656'] }, // 첫만남이용권
  { category: 'choseong', q: "ㅇㄷㅅㄷ", expected: ['WLF00001171'] }, // 아동수당 지급
  { category: 'choseong', q: "ㅈㄱㄱㅇ", expected: ['WLF00003201'] }, // 주거급여(맞춤형 급여)
  { category: 'choseong', q: "ㅅㄱㄱㅇ", expected: ['WLF00001132'] }, // 생계급여(맞춤형 급여)
  { category: 'choseong', q: "ㄴㅇㅇㅈㄹ", expected: ['WLF00001155'] }, // 노인일자리 및 사회활동 지원사업
  { category: 'choseong', q: "ㅊㄴㄷㅇㄱㅈ", expected: ['WLF00005360'] }, // 청년도약계좌
  { category: 'choseong', q: "ㅈㄴㅈㅇㄹㅂ", expected: ['WLF00003247'] }, // 재난적의료비 지원 사업
  { category: 'choseong', q: "ㅂㄷㅈㅎ", expected: ['WLF00003195'] }, // 발달재활서비스
  { category: 'choseong', q: "ㄷㄷㄷㅅㄷ", expected: ['WLF00004719'] }, // 서울 디딤돌소득 시범사업
  { category: 'choseong', q: "ㄴㅇㅁㅊㄷㅂ", expected: ['WLF00003191'] }, // 노인맞춤돌봄서비스
  { category: 'choseong', q: "ㅇㅇㄷㅂ ㅅㅂㅅ", expected: ['WLF00000024'] }, // 아이돌봄 서비스
  { category: 'choseong', q: "ㅇㅇㅇㅂㅇㄹ", expected: ['WLF00003250'] }, // 영유아보육료 지원
  { category: 'choseong', q: "ㄱㅈㅇㅇㅅㄷ", expected: ['WLF00003253'] }, // 가정양육수당 지원사업
  { category: 'choseong', q: "ㅈㅇㅇㅎㄷㅈㅇ", expected: ['WLF00003260'] }, // 장애인활동지원
  { category: 'choseong', q: "ㄱㄱㅂㅈ ㅈㄱㅈㅇ", expected: ['WLF00000917'] }, // 긴급복지 주거지원

  /* ---- spacing ---- */
  { category: 'spacing', q: "기초 연금", expected: ['WLF00001164'] }, // 기초연금
  { category: 'spacing', q: "에너지 바우처", expected: ['WLF00000072'] }, // 에너지바우처
  { category: 'spacing', q: "국민 취업 지원 제도", expected: ['WLF00003245'] }, // 국민취업지원제도
  { category: 'spacing', q: "부모 급여", expected: ['WLF00004657'] }, // 부모급여 지원
  { category: 'spacing', q: "아이돌봄서비스", expected: ['WLF00000024'] }, // 아이돌봄 서비스
  { category: 'spacing', q: "첫 만남 이용권", expected: ['WLF00004656'] }, // 첫만남이용권
  { category: 'spacing', q: "장애인 연금", expected: ['WLF00003249'] }, // 장애인연금
  { category: 'spacing', q: "노인 맞춤 돌봄", expected: ['WLF00003191'] }, // 노인맞춤돌봄서비스
  { category: 'spacing', q: "재난적 의료비", expected: ['WLF00003247'] }, // 재난적의료비 지원 사업
  { category: 'spacing', q: "청년 도약 계좌", expected: ['WLF00005360'] }, // 청년도약계좌
  { category: 'spacing', q: "주거 급여", expected: ['WLF00003201'] }, // 주거급여(맞춤형 급여)
  { category: 'spacing', q: "긴급 복지 의료 지원", expected: ['WLF00003179'] }, // 긴급복지 의료지원
  { category: 'spacing', q: "발달 재활 서비스", expected: ['WLF00003195'] }, // 발달재활서비스
  { category: 'spacing', q: "아동 수당", expected: ['WLF00001171'] }, // 아동수당 지급
  { category: 'spacing', q: "노인일자리및사회활동지원사업", expected: ['WLF00001155'] }, // 노인일자리 및 사회활동 지원사업
  { category: 'spacing', q: "서울형긴급복지지원", expected: ['WLF00002235'] }, // 서울형 긴급복지지원
  { category: 'spacing', q: "가정 양육 수당", expected: ['WLF00003253'] }, // 가정양육수당 지원사업
  { category: 'spacing', q: "영유아 보육료", expected: ['WLF00003250'] }, // 영유아보육료 지원
  { category: 'spacing', q: "장애인 활동 지원", expected: ['WLF00003260'] }, // 장애인활동지원
  { category: 'spacing', q: "긴급복지주거지원", expected: ['WLF00000917'] }, // 긴급복지 주거지원

  /* ---- typo ---- */
  { category: 'typo', q: "기초연긍", expected: ['WLF00001164'] }, // 기초연금
  { category: 'typo', q: "에너지바우쳐", expected: ['WLF00000072'] }, // 에너지바우처
  { category: 'typo', q: "국민취엽지원제도", expected: ['WLF00003245'] }, // 국민취업지원제도
  { category: 'typo', q: "부모급녀", expected: ['WLF00004657'] }, // 부모급여 지원
  { category: 'typo', q: "장애인연굼", expected: ['WLF00003249'] }, // 장애인연금
  { category: 'typo', q: "아이돌봄서비쓰", expected: ['WLF00000024'] }, // 아이돌봄 서비스
  { category: 'typo', q: "첫만낭이용권", expected: ['WLF00004656'] }, // 첫만남이용권
  { category: 'typo', q: "노인일짜리", expected: ['WLF00001155'] }, // 노인일자리 및 사회활동 지원사업
  { category: 'typo', q: "재난적의료삐", expected: ['WLF00003247'] }, // 재난적의료비 지원 사업
  { category: 'typo', q: "청년도약게좌", expected: ['WLF00005360'] }, // 청년도약계좌
  { category: 'typo', q: "아동슈당", expected: ['WLF00001171'] }, // 아동수당 지급
  { category: 'typo', q: "주거금여", expected: ['WLF00003201'] }, // 주거급여(맞춤형 급여)
  { category: 'typo', q: "생게급여", expected: ['WLF00001132'] }, // 생계급여(맞춤형 급여)
  { category: 'typo', q: "발딜재활서비스", expected: ['WLF00003195'] }, // 발달재활서비스
  { category: 'typo', q: "한부모가족 아동양욱비", expected: ['WLF00001068'] }, // 한부모가족 아동양육비 지원
  { category: 'typo', q: "가정양육슈당", expected: ['WLF00003253'] }, // 가정양육수당 지원사업
  { category: 'typo', q: "영유아보육뇨", expected: ['WLF00003250'] }, // 영유아보육료 지원
  { category: 'typo', q: "장애인활똥지원", expected: ['WLF00003260'] }, // 장애인활동지원
  { category: 'typo', q: "근로장녀금", expected: ['WLF00001148'] }, // 근로·자녀장려금
  { category: 'typo', q: "장제급어", expected: ['WLF00003267'] }, // 장제급여

  /* ---- colloquial ---- */
  { category: 'colloquial', q: "월세가 너무 부담돼요", expected: ['WLF00003201'] }, // 주거급여(맞춤형 급여)
  { category: 'colloquial', q: "집세 낼 돈이 없어요", expected: ['WLF00003201'] }, // 주거급여(맞춤형 급여)
  { category: 'colloquial', q: "난방비 지원 받을 수 있나요", expected: ['WLF00000072'] }, // 에너지바우처
  { category: 'colloquial', q: "겨울에 가스비가 걱정이에요", expected: ['WLF00000072'] }, // 에너지바우처
  { category: 'colloquial', q: "전기세 감면", expected: ['WLF00000072'] }, // 에너지바우처
  { category: 'colloquial', q: "병원비가 너무 많이 나왔어요", expected: ['WLF00003247'] }, // 재난적의료비 지원 사업
  { category: 'colloquial', q: "수술비 지원", expected: ['WLF00003247'] }, // 재난적의료비 지원 사업
  { category: 'colloquial', q: "기저귀 값 지원", expected: ['WLF00000092'] }, // 저소득층 기저귀·조제분유 지원
  { category: 'colloquial', q: "분유 살 돈이 없어요", expected: ['WLF00000092'] }, // 저소득층 기저귀·조제분유 지원
  { category: 'colloquial', q: "먹고살기 힘들어요", expected: ['WLF00001132', 'WLF00003180'] }, // 생계급여(맞춤형 급여) / 긴급복지 생계지원
  { category: 'colloquial', q: "생활비가 없어요", expected: ['WLF00003180'] }, // 긴급복지 생계지원
  { category: 'colloquial', q: "어르신 일자리 있나요", expected: ['WLF00001155'] }, // 노인일자리 및 사회활동 지원사업
  { category: 'colloquial', q: "알바 구하고 싶어요", expected: ['WLF00003245'] }, // 국민취업지원제도
  { category: 'colloquial', q: "실직해서 일을 찾아요", expected: ['WLF00003245'] }, // 국민취업지원제도
  { category: 'colloquial', q: "노인 연금 신청", expected: ['WLF00001164'] }, // 기초연금
  { category: 'colloquial', q: "애 봐줄 사람이 필요해요", expected: ['WLF00000024'] }, // 아이돌봄 서비스
  { category: 'colloquial', q: "아기 낳으면 받는 돈", expected: ['WLF00004656'] }, // 첫만남이용권
  { category: 'colloquial', q: "남편한테 맞았어요", expected: ['WLF00001077'] }, // 가정폭력상담소 운영지원
  { category: 'colloquial', q: "우울해서 상담 받고 싶어요", expected: ['WLF00005567'] }, // 정신건강 심리상담 바우처사업
  { category: 'colloquial', q: "빚 때문에 힘들어요", expected: ['WLF00005036'] }, // 개인채무조정
  { category: 'colloquial', q: "치과 임플란트 비용", expected: ['WLF00001169'] }, // 의료급여 틀니·치과임플란트
  { category: 'colloquial', q: "장례 치를 돈이 없어요", expected: ['WLF00003267'] }, // 장제급여
  { category: 'colloquial', q: "혼자 사시는 어르신 돌봄", expected: ['WLF00003191'] }, // 노인맞춤돌봄서비스
  { category: 'colloquial', q: "휴대폰 요금 할인", expected: ['WLF00003257'] }, // 이동통신요금감면
  { category: 'colloquial', q: "전세 대출", expected: ['WLF00003222'] }, // 버팀목전세자금대출
  { category: 'colloquial', q: "양육비를 안 줘요", expected: ['WLF00005856', 'WLF00003186'] }, // 양육비 선지급 / 양육비 이행 원스톱 종합서비스
  { category: 'colloquial', q: "생리대 지원", expected: ['WLF00000781'] }, // 여성청소년 생리용품 지원
  { category: 'colloquial', q: "학용품비 지원", expected: ['WLF00001089'] }, // 교육급여(맞춤형 급여)
  { category: 'colloquial', q: "어린이집 비용 지원", expected: ['WLF00003250'] }, // 영유아보육료 지원
  { category: 'colloquial', q: "할머니가 손주를 키워요", expected: ['WLF00001068'] }, // 한부모가족 아동양육비 지원
  { category: 'colloquial', q: "보일러 기름값이 없어요", expected: ['WLF00000072'] }, // 에너지바우처
  { category: 'colloquial', q: "독감 주사 무료", expected: ['WLF00003213'] }, // 인플루엔자 국가예방접종 지원사업
  { category: 'colloquial', q: "어머니 무릎 수술비", expected: ['WLF00001179'] }, // 노인 무릎인공관절 수술 지원 사업
  { category: 'colloquial', q: "휠체어 수리", expected: ['WLF00004854'] }, // 서울시 장애인 전동보장구 수리비 지원
  { category: 'colloquial', q: "집에 곰팡이가 심해요", expected: ['WLF00001299'] }, // 희망의 집수리사업
  { category: 'colloquial', q: "출퇴근 교통비", expected: ['WLF00005440'] }, // 대중교통비 환급 지원(K-패스)

  /* ---- filter ---- */
  { category: 'filter', q: "돌봄", filters: {life: '노년'}, expected: ['WLF00003191'] }, // 노인맞춤돌봄서비스
  { category: 'filter', q: "수당", filters: {household: '장애인'}, expected: ['WLF00003265'] }, // 장애수당
  { category: 'filter', q: "의료비", filters: {household: '장애인'}, expected: ['WLF00003181'] }, // 장애인의료비지원
  { category: 'filter', q: "연금", filters: {household: '장애인'}, expected: ['WLF00003249'] }, // 장애인연금
  { category: 'filter', q: "월세", filters: {provider: 'seoul'}, expected: ['WLF00002255'] }, // 서울형 주택바우처(저소득층 주택임대료 보조)
  { category: 'filter', q: "긴급", filters: {provider: 'seoul'}, expected: ['WLF00002235'] }, // 서울형 긴급복지지원
  { category: 'filter', q: "출산", filters: {provider: 'district'}, expected: ['WLF00002819'] }, // 출생축하금 지원
  { category: 'filter', q: "산후조리", filters: {provider: 'seoul'}, expected: ['WLF00006492'] }, // 서울형 산후조리경비 지원
  { category: 'filter', q: "교육비", filters: {household: '한부모·조손'}, expected: ['WLF00001104'] }, // 한부모가족자녀 교육비 지원
  { category: 'filter', q: "취업", filters: {household: '다문화·탈북민'}, expected: ['WLF00003168'] }, // (북한이탈주민)취업 지원
  { category: 'filter', q: "보육료", filters: {household: '다문화·탈북민'}, expected: ['WLF00001183'] }, // 다문화보육료지원
  { category: 'filter', q: "장학금", filters: {household: '보훈대상자'}, expected: ['WLF00000054'] }, // 국가보훈대상자 보훈장학금
  { category: 'filter', q: "통장", filters: {life: '청년'}, expected: ['WLF00005247'] }, // 희망두배 청년통장
  { category: 'filter', q: "일자리", filters: {field: '장애인 복지'}, expected: ['WLF00000025'] }, // 장애인일자리지원
  { category: 'filter', q: "검진", filters: {field: '보건의료'}, expected: ['WLF00001176'] }, // 암검진사업
  { category: 'filter', q: "주거", filters: {household: '저소득'}, expected: ['WLF00003201'] }, // 주거급여(맞춤형 급여)
  { category: 'filter', q: "돌봄", filters: {life: '영유아'}, expected: ['WLF00000024'] }, // 아이돌봄 서비스
  { category: 'filter', q: "바우처", filters: {theme: '에너지'}, expected: ['WLF00000072'] }, // 에너지바우처
  { category: 'filter', q: "검진", filters: {household: '저소득'}, expected: ['WLF00003238'] }, // 의료급여수급권자 일반건강검진비 지원
  /* ---- romanised / English brand names ---- */
  { category: 'romanised', q: "K-pass", expected: ['WLF00005440'] }, // 대중교통비 환급 지원(K-패스)
  { category: 'romanised', q: "kpass 신청", expected: ['WLF00005440'] },
  { category: 'romanised', q: "케이패스", expected: ['WLF00005440'] },
  { category: 'romanised', q: "K패스 환급", expected: ['WLF00005440'] },
  /* ---- counsellor shorthand ---- */
  { category: 'shorthand', q: "기초수급 생계", expected: ['WLF00001132'] }, // 생계급여(맞춤형 급여)
  { category: 'shorthand', q: "차상위 본인부담", expected: ['WLF00001119'] }, // 차상위본인부담경감대상자지원
  { category: 'shorthand', q: "긴급 의료", expected: ['WLF00003179'] }, // 긴급복지 의료지원
  /* ---- issue 16: whole citizen messages (이 메시지로 찾기) ---- */
  { category: 'sentence', q: "안녕하세요 제가 혼자 사는 70대인데 요즘 병원비가 너무 많이 나와서 도움 받을 수 있는 게 있을까요?", expected: ['WLF00003247', 'WLF00003179'] }, // 재난적의료비 지원 사업 / 긴급복지 의료지원
  { category: 'sentence', q: "안녕하세요. 월세가 세 달째 밀려서 쫓겨날 것 같아요. 어떻게 해야 하나요?", expected: ['WLF00000917', 'WLF00003201'] }, // 긴급복지 주거지원 / 주거급여(맞춤형 급여)
  { category: 'sentence', q: "저희 어머니가 요즘 자꾸 깜빡하셔서 치매 검사를 받아보고 싶은데 비용 지원 되나요?", expected: ['WLF00005004'] }, // 치매검사비 지원
  { category: 'sentence', q: "지난주에 아기가 태어났는데 받을 수 있는 지원금 좀 알려주세요", expected: ['WLF00004656', 'WLF00004657'] }, // 첫만남이용권 / 부모급여 지원
  { category: 'sentence', q: "남편이랑 이혼하고 애 둘을 혼자 키우고 있어요. 도움 받을 수 있는 게 있을까요", expected: ['WLF00001068'] }, // 한부모가족 아동양육비 지원
  { category: 'sentence', q: "회사에서 갑자기 잘려서 당장 생활비가 없어요ㅠㅠ", expected: ['WLF00003180', 'WLF00003245'] }, // 긴급복지 생계지원 / 국민취업지원제도
  { category: 'sentence', q: "할머니 혼자 사시는데 겨울이라 난방비가 너무 많이 나와서 걱정이에요", expected: ['WLF00000072'] }, // 에너지바우처
  { category: 'sentence', q: "아버지가 타시는 전동휠체어가 고장 났는데 수리비 지원 받을 수 있을까요?", expected: ['WLF00004854', 'WLF00001213', 'WLF00001856'] }, // 서울시 장애인 전동보장구 수리비 지원 / 장애인보조기기수리사업 / 장애인보조기구수리사업
  { category: 'sentence', q: "보육원에서 나와서 혼자 살게 된 스무살입니다. 자립하는 데 도움 받을 수 있는 거 있나요", expected: ['WLF00001175', 'WLF00005445'] }, // 자립준비청년 자립수당 지급 / 자립준비청년(보호종료아동) 자립정착금 지원
  { category: 'sentence', q: "취업 준비 중인 청년인데 월세 지원 받을 수 있나요?", expected: ['WLF00004661'] }, // 청년월세 한시 특별지원
  { category: 'sentence', q: "우리 애가 네 살인데 말이 늦어서 언어치료를 받고 싶어요 비용 지원이 있나요", expected: ['WLF00003279', 'WLF00003195'] }, // 언어발달지원사업 / 발달재활서비스
  { category: 'sentence', q: "요즘 너무 우울하고 잠도 못 자요.. 상담 받을 수 있는 곳 있을까요", expected: ['WLF00005567', 'WLF00003169'] }, // 정신건강 심리상담 바우처사업 / 정신건강복지센터 운영
  { category: 'sentence', q: "기초수급자인데 이번에 틀니를 해야 해서요 지원 되나요?", expected: ['WLF00001169'] }, // 의료급여 틀니·치과임플란트
  { category: 'sentence', q: "다음 달 출산 예정인데 산후조리원 비용이 너무 부담돼요", expected: ['WLF00006492'] }, // 서울형 산후조리경비 지원
  { category: 'sentence', q: "전남편이 양육비를 몇 달째 안 보내고 있어요. 어떻게 받을 수 있나요?", expected: ['WLF00005856', 'WLF00003186'] }, // 양육비 선지급 / 양육비 이행 원스톱 종합서비스
  { category: 'sentence', q: "아버지가 돌아가셨는데 장례 치를 돈이 없어요. 저희는 수급자예요", expected: ['WLF00003267'] }, // 장제급여
  { category: 'sentence', q: "카드빚이 너무 많아서 매일 독촉 전화가 와요 도와주세요", expected: ['WLF00005036'] }, // 개인채무조정
  { category: 'sentence', q: "장애가 있는 아들이 있는데 활동지원사 선생님을 신청하고 싶어요", expected: ['WLF00003260'] }, // 장애인활동지원
  { category: 'sentence', q: "맞벌이라서 아이가 학교 끝나고 갈 데가 없어요 봐줄 곳이 있을까요", expected: ['WLF00000089', 'WLF00003184'] }, // 다함께 돌봄 사업 / 늘봄학교
  { category: 'sentence', q: "저희 부모님이 올해 65세 넘으셨는데 나라에서 나오는 연금 같은 거 있나요?", expected: ['WLF00001164'] }, // 기초연금
  { category: 'sentence', q: "안녕하세요 제가 수술 때문에 입원해서 일을 못 하고 있는데 생활비 지원이 되나요", expected: ['WLF00006578', 'WLF00004997'], heldOut: true }, // 서울형 입원 생활비 지원 사업 / 한국형 상병수당 시범사업
  { category: 'sentence', q: "저희 아버지가 일을 계속 하고 싶어 하시는데 어르신들 할 수 있는 일자리가 있을까요", expected: ['WLF00001155'], heldOut: true }, // 노인일자리 및 사회활동 지원사업
  { category: 'sentence', q: "요금을 못 내서 가스가 끊겼어요 애들도 있는데 어떡하죠", expected: ['WLF00001162'], heldOut: true }, // 긴급복지 연료비 및 전기요금
  { category: 'sentence', q: "고등학생 딸이 있는데 생리대 살 돈도 빠듯해요", expected: ['WLF00000781', 'WLF00000843'], heldOut: true }, // 여성청소년 생리용품 지원 / 저소득층 여성청소년 생리용품 지원사업
  { category: 'sentence', q: "남편한테 계속 맞고 살았는데 애들 데리고 집을 나왔어요 지낼 곳이 필요해요", expected: ['WLF00001101'], heldOut: true }, // 폭력피해여성 주거지원 사업
  { category: 'sentence', q: "혼자 사시는 어머니가 연락이 안 될 때가 많아서 걱정이에요 안부 확인해 주는 서비스 있나요", expected: ['WLF00001093', 'WLF00003191'], heldOut: true }, // 독거노인·장애인 응급안전안심서비스 / 노인맞춤돌봄서비스

  /* ---- issue 16: situations ---- */
  { category: 'situation', q: "혼자 사는 어르신 돌봄", expected: ['WLF00003191'] }, // 노인맞춤돌봄서비스
  { category: 'situation', q: "휠체어 고장", expected: ['WLF00004854', 'WLF00001213', 'WLF00001856'] }, // 서울시 장애인 전동보장구 수리비 지원 / 장애인보조기기수리사업 / 장애인보조기구수리사업
  { category: 'situation', q: "보호종료 청년 자립", expected: ['WLF00001175', 'WLF00005445'] }, // 자립준비청년 자립수당 지급 / 자립준비청년(보호종료아동) 자립정착금 지원
  { category: 'situation', q: "독거노인 응급", expected: ['WLF00001093'] }, // 독거노인·장애인 응급안전안심서비스
  { category: 'situation', q: "청년 월세", expected: ['WLF00004661'] }, // 청년월세 한시 특별지원
  { category: 'situation', q: "실직 생계 곤란", expected: ['WLF00003180'] }, // 긴급복지 생계지원
  { category: 'situation', q: "한부모 아이 양육비", expected: ['WLF00001068'] }, // 한부모가족 아동양육비 지원
  { category: 'situation', q: "저소득 어르신 틀니", expected: ['WLF00001169'] }, // 의료급여 틀니·치과임플란트
  { category: 'situation', q: "출산 후 산모 도우미", expected: ['WLF00001188', 'WLF00002021'] }, // 산모·신생아 건강관리 지원사업 / 산모신생아 건강관리 지원사업
  { category: 'situation', q: "치매 의심 어르신 검사", expected: ['WLF00005004'] }, // 치매검사비 지원
  { category: 'situation', q: "장애아동 언어치료", expected: ['WLF00003279', 'WLF00003195'] }, // 언어발달지원사업 / 발달재활서비스
  { category: 'situation', q: "가정폭력 피해 여성 쉼터", expected: ['WLF00001101'] }, // 폭력피해여성 주거지원 사업
  { category: 'situation', q: "노인 학대", expected: ['WLF00003252'] }, // 노인보호전문기관
  { category: 'situation', q: "노숙인 잘 곳", expected: ['WLF00001152'] }, // 노숙인등 복지지원
  { category: 'situation', q: "결혼이민자 통역", expected: ['WLF00003175'] }, // 결혼이민자 통번역 서비스
  { category: 'situation', q: "탈북민 취업", expected: ['WLF00003168'] }, // (북한이탈주민)취업 지원
  { category: 'situation', q: "맞벌이 초등학생 방과후 돌봄", expected: ['WLF00000089', 'WLF00003184'] }, // 다함께 돌봄 사업 / 늘봄학교
  { category: 'situation', q: "독거노인 난방비", expected: ['WLF00000072'] }, // 에너지바우처
  { category: 'situation', q: "고시원 거주 이사", expected: ['WLF00000036'] }, // 주거취약계층 주거상향 지원사업
  { category: 'situation', q: "저소득 쌀", expected: ['WLF00000074'] }, // 양곡할인
  { category: 'situation', q: "청년 목돈 마련", expected: ['WLF00005360', 'WLF00000060', 'WLF00005247'], heldOut: true }, // 청년도약계좌 / 청년내일저축계좌 / 희망두배 청년통장
  { category: 'situation', q: "산재 근로자 생활비 대출", expected: ['WLF00001080'], heldOut: true }, // 산재근로자 생활안정자금융자
  { category: 'situation', q: "학대 피해 아동 보호", expected: ['WLF00001180'], heldOut: true }, // 학대피해아동 쉼터 설치 및 운영
  { category: 'situation', q: "발달장애 성인 낮 활동", expected: ['WLF00001165'], heldOut: true }, // 발달장애인 주간활동서비스
  { category: 'situation', q: "수급자 어르신 무릎 수술", expected: ['WLF00001179'], heldOut: true }, // 노인 무릎인공관절 수술 지원 사업
  { category: 'situation', q: "청소년 임신 병원비", expected: ['WLF00003246'], heldOut: true }, // 청소년산모 임신·출산 의료비 지원

  /*
   * ---- issue 16, second round: realistic chat messages (greetings, 사연, a family member's
   * perspective, several needs in one message) across the five fields. Written before the
   * analyser was changed for them; the `heldOut` ones at the end were never run while tuning.
   */
  // 복지일반: housing and work
  { category: 'sentence', q: "안녕하세요~ 결혼한 지 얼마 안 된 신혼부부인데요 전셋집 구하려는데 보증금이 모자라요. 대출 지원 같은 거 있을까요?", expected: ['WLF00002617', 'WLF00003222'] }, // 신혼부부 임차보증금 지원사업 / 버팀목전세자금대출
  { category: 'sentence', q: "저희 집이 반지하인데 비만 오면 물이 새고 곰팡이가 너무 심해요ㅠ 집 고치는 거 도와주는 데가 있을까요", expected: ['WLF00001299'] }, // 희망의 집수리사업
  { category: 'sentence', q: "20대 후반 직장인이고 독립해서 원룸 월세 살고 있는데 월세가 너무 부담돼요. 청년한테 해주는 지원 있나요?", expected: ['WLF00004661'] }, // 청년월세 한시 특별지원
  { category: 'sentence', q: "이번에 둘째를 낳았는데 아직 집이 없어서 월세를 살아요 아기 낳은 무주택 가구 주거비 지원이 있다던데 맞나요?", expected: ['WLF00006181'] }, // 자녀출산 무주택가구 주거비 지원
  { category: 'sentence', q: "제가 40대 후반인데 다니던 공장에서 권고사직을 당하고 몇 달째 일을 못 구하고 있습니다. 취업 도와주는 곳이 있을까요", expected: ['WLF00003245'] }, // 국민취업지원제도
  { category: 'sentence', q: "결혼하고 애 키우느라 10년 넘게 일을 쉬었는데요 이제 다시 일하고 싶어요. 여성 취업 도와주는 곳 있나요?", expected: ['WLF00000071'] }, // 여성경제활동 촉진지원(여성새로일하기지원센터 사업)
  { category: 'sentence', q: "작은 식당을 하는데 요즘 장사가 너무 안 돼서 운영자금 대출이라도 받고 싶어요. 소상공인 지원 있을까요", expected: ['WLF00000058'] }, // 소상공인지원(융자)
  { category: 'situation', q: "신혼부부 전세 보증금 대출", expected: ['WLF00002617', 'WLF00003222'] }, // 신혼부부 임차보증금 지원사업 / 버팀목전세자금대출
  { category: 'situation', q: "반지하 곰팡이 집수리", expected: ['WLF00001299'] }, // 희망의 집수리사업
  { category: 'situation', q: "경력단절 여성 재취업", expected: ['WLF00000071'] }, // 여성경제활동 촉진지원(여성새로일하기지원센터 사업)
  { category: 'situation', q: "퇴직한 50대 사무직 재취업", expected: ['WLF00005852'] }, // 중장년 경력지원제
  // 저소득층
  { category: 'sentence', q: "실례합니다. 남편이 아파서 일을 그만두면서 수입이 완전히 끊겼어요. 기초생활수급 신청할 수 있을까요?", expected: ['WLF00001132', 'WLF00003180'] }, // 생계급여(맞춤형 급여) / 긴급복지 생계지원
  { category: 'sentence', q: "혼자 사는데 쌀이 다 떨어져서 며칠째 라면만 먹고 있어요.. 먹을 것 좀 지원받을 수 있을까요", expected: ['WLF00000074', 'WLF00003180'] }, // 양곡할인 / 긴급복지 생계지원
  { category: 'sentence', q: "중학생 아이 급식비랑 교복값이 너무 부담되는데 저소득층 교육비 지원 받을 수 있나요", expected: ['WLF00001089', 'WLF00001103'] }, // 교육급여(맞춤형 급여) / 초중고 교육비 지원사업(고교학비 지원)
  { category: 'sentence', q: "우리 아이가 공부를 하고 싶어하는데 학원 보낼 형편이 안 돼요. 무료로 인강 들을 수 있는 게 있을까요?", expected: ['WLF00005410'] }, // 서울런(Seoul-Learn)
  { category: 'sentence', q: "빚 때문에 신용불량자가 됐어요 이자만 계속 불어나고 갚을 방법이 없는데 다시 일어설 수 있을까요", expected: ['WLF00005036'] }, // 개인채무조정
  { category: 'sentence', q: "저희는 차상위 가정인데 병원 갈 때마다 본인부담금이 부담돼요 줄일 수 있는 방법 있나요?", expected: ['WLF00001119'] }, // 차상위본인부담경감대상자지원
  { category: 'sentence', q: "남편이 실직하고 월세도 두 달 밀렸어요. 당장 이번 달 생활비도 없어요 긴급하게 도움받을 수 있나요", expected: ['WLF00003180', 'WLF00000917'] }, // 긴급복지 생계지원 / 긴급복지 주거지원
  { category: 'situation', q: "수급자 핸드폰 요금 할인", expected: ['WLF00003257'] }, // 이동통신요금감면
  { category: 'situation', q: "저소득 중학생 교복 급식비", expected: ['WLF00001089', 'WLF00001103'] }, // 교육급여(맞춤형 급여) / 초중고 교육비 지원사업(고교학비 지원)
  // 보건의료
  { category: 'sentence', q: "어머니가 얼마 전에 암 진단을 받으셨어요. 치료비가 감당이 안 되는데 지원받을 수 있는 게 있을까요", expected: ['WLF00001184', 'WLF00003247'] }, // 암환자의료비지원 / 재난적의료비 지원 사업
  { category: 'sentence', q: "안녕하세요 아버지가 백내장 수술을 받으셔야 하는데 형편이 어려워서 수술비가 걱정이에요", expected: ['WLF00001115'] }, // 노인 안검진 및 개안수술
  { category: 'sentence', q: "아기가 예정일보다 두 달 일찍 태어나서 인큐베이터에 있어요 병원비가 걱정돼서 연락드려요", expected: ['WLF00003237'] }, // 미숙아 및 선천성이상아 의료비 지원
  { category: 'sentence', q: "희귀병 진단을 받았는데 약값이랑 치료비가 한 달에 수십만원씩 나가요. 도움받을 수 있는 제도가 있을까요", expected: ['WLF00000864'] }, // 희귀질환자 의료비 지원사업
  { category: 'sentence', q: "남편이 술을 끊지를 못해서 가족들이 너무 힘들어요 알코올 문제 상담받을 수 있는 곳이 있을까요", expected: ['WLF00000896'] }, // 중독관리통합지원센터 운영지원 및 인력지원
  { category: 'sentence', q: "중학생 아들이 하루 종일 게임만 하고 스마트폰을 손에서 못 놔요. 치료받을 수 있는 곳 있나요?", expected: ['WLF00001145'] }, // 디지털미디어 피해 청소년 회복 지원 사업
  { category: 'sentence', q: "갑자기 쓰러져서 응급실에 실려 갔는데 수술비가 수백만원 나왔어요 당장 낼 돈이 없어요", expected: ['WLF00003179', 'WLF00003247'] }, // 긴급복지 의료지원 / 재난적의료비 지원 사업
  { category: 'situation', q: "미숙아 병원비", expected: ['WLF00003237'] }, // 미숙아 및 선천성이상아 의료비 지원
  { category: 'situation', q: "저소득 암 치료비", expected: ['WLF00001184'] }, // 암환자의료비지원
  { category: 'situation', q: "남편 알코올 중독 상담", expected: ['WLF00000896'] }, // 중독관리통합지원센터 운영지원 및 인력지원
  // 여성과 가족: 아동, 청소년, 노인
  { category: 'sentence', q: "미혼모인데 아기를 혼자 키우고 있어요. 생활이 많이 어려운데 받을 수 있는 지원이 있을까요", expected: ['WLF00001068'] }, // 한부모가족 아동양육비 지원
  { category: 'sentence', q: "고등학생인데 아기를 낳아서 키우고 있어요 양육비 지원 같은 거 받을 수 있나요?", expected: ['WLF00005023', 'WLF00001109'] }, // 청소년부모 아동양육비 지원사업 / 청소년한부모 아동양육 및 자립지원
  { category: 'sentence', q: "맞벌이라서 아이 어린이집 끝나고 봐줄 사람이 없어요 집으로 와주는 돌보미 신청하고 싶어요", expected: ['WLF00000024'] }, // 아이돌봄 서비스
  { category: 'sentence', q: "중학생 딸이 학교 가기 싫다고 방에만 있어요 아이가 상담받을 수 있는 곳이 있을까요", expected: ['WLF00003263', 'WLF00003236'] }, // WEE 클래스 상담지원 / 청소년상담1388 전화상담
  { category: 'sentence', q: "고등학교를 자퇴했는데 검정고시 준비하고 싶어요 도와주는 데 있나요", expected: ['WLF00000948'] }, // 학교 밖 청소년 지원
  { category: 'sentence', q: "베트남에서 온 며느리가 한국말이 서툴러서 손주 학교 상담을 못 가요 통역해주는 서비스가 있나요", expected: ['WLF00003175'] }, // 결혼이민자 통번역 서비스
  { category: 'sentence', q: "시어머니가 치매 초기 진단을 받으셨는데 제가 낮에는 일을 해서요 낮 동안 돌봐주는 곳이 필요해요", expected: ['WLF00003248'] }, // 재가급여
  { category: 'sentence', q: "아버지가 거동을 전혀 못 하셔서 요양원에 모시려고 하는데 비용 지원이 되나요?", expected: ['WLF00003194'] }, // 시설급여
  { category: 'sentence', q: "옆집 할아버지가 아들한테 맞는 것 같아요 멍이 자주 보여요 어디에 알려야 하나요", expected: ['WLF00003252'] }, // 노인보호전문기관
  { category: 'sentence', q: "할머니가 손주 둘을 키우고 계신데 생활비가 많이 부족해요. 조손가정도 지원받을 수 있나요?", expected: ['WLF00001068'] }, // 한부모가족 아동양육비 지원
  { category: 'situation', q: "청소년 부모 양육비", expected: ['WLF00005023', 'WLF00001109'] }, // 청소년부모 아동양육비 지원사업 / 청소년한부모 아동양육 및 자립지원
  { category: 'situation', q: "학교 자퇴 청소년 검정고시", expected: ['WLF00000948'] }, // 학교 밖 청소년 지원
  { category: 'situation', q: "조손가정 손주 양육비", expected: ['WLF00001068'] }, // 한부모가족 아동양육비 지원
  { category: 'situation', q: "치매 시어머니 낮 돌봄", expected: ['WLF00003248'] }, // 재가급여
  // 장애인
  { category: 'sentence', q: "딸이 발달장애가 있는 중학생인데 학교 끝나고 갈 데가 없어요 방과후에 다닐 수 있는 프로그램 있나요", expected: ['WLF00001178'] }, // 청소년 발달장애인 방과후활동서비스
  { category: 'sentence', q: "시각장애인인데 일을 하고 싶어요 장애인도 일자리 구할 수 있게 도와주나요?", expected: ['WLF00000025', 'WLF00004655'] }, // 장애인일자리지원 / 장애인취업성공패키지
  { category: 'sentence', q: "장애 등록하려고 병원에 갔더니 진단서 발급비가 너무 비싸요 저희는 수급자예요", expected: ['WLF00000099'] }, // 저소득장애인 진단서 발급비 및 검사비 지원사업
  { category: 'sentence', q: "자폐가 있는 아이를 키우고 있는데 저도 너무 지쳐서 가끔은 쉬고 싶어요 부모가 쉴 수 있게 도와주는 게 있을까요", expected: ['WLF00001150', 'WLF00003262'] }, // 발달장애인 가족휴식지원사업 / 장애아가족양육지원
  { category: 'sentence', q: "휠체어를 타는 남편이 회사에 다니는데 출퇴근 교통비가 너무 많이 들어요", expected: ['WLF00001154'] }, // 중증장애인근로자 출퇴근비용 지원 사업
  { category: 'situation', q: "장애인 출퇴근 비용", expected: ['WLF00001154'] }, // 중증장애인근로자 출퇴근비용 지원 사업
  { category: 'situation', q: "발달장애 아이 부모 휴식", expected: ['WLF00001150', 'WLF00003262'] }, // 발달장애인 가족휴식지원사업 / 장애아가족양육지원
  { category: 'situation', q: "수급자 장애 진단서 발급비", expected: ['WLF00000099'] }, // 저소득장애인 진단서 발급비 및 검사비 지원사업
  // Third batch (written after the first engine changes, before the next ones; none held out)
  { category: 'sentence', q: "안녕하세요 상담사님ㅠㅠ 저희 아빠가 뇌졸중으로 쓰러지셔서 한쪽 몸을 못 쓰세요 집에서 돌봐줄 요양보호사 부를 수 있나요", expected: ['WLF00003248'] }, // 재가급여
  { category: 'sentence', q: "엄마가 기초연금 받으시는데 혼자 사셔서 말벗도 없고 식사도 잘 못 챙기세요", expected: ['WLF00003191'] }, // 노인맞춤돌봄서비스
  { category: 'sentence', q: "아이 둘 키우는 외벌이 가정인데 남편 월급으로는 생활이 안 돼요. 애들 앞으로 나오는 수당이 뭐가 있나요?", expected: ['WLF00001171'] }, // 아동수당 지급
  { category: 'sentence', q: "이번 겨울에 보일러가 고장 났는데 고칠 돈이 없어요. 저소득층 난방 지원 있나요?", expected: ['WLF00001128', 'WLF00000072'] }, // 저소득층에너지효율개선 / 에너지바우처
  { category: 'sentence', q: "출산하고 나서 산후우울증이 심한 것 같아요. 상담받을 수 있는 곳이 있을까요", expected: ['WLF00003169', 'WLF00005567'] }, // 정신건강복지센터 운영 / 정신건강 심리상담 바우처사업
  { category: 'sentence', q: "남편이 교통사고로 갑자기 돌아가셨어요. 장례비도 없고 앞으로 생활이 막막합니다", expected: ['WLF00003180', 'WLF00000892'] }, // 긴급복지 생계지원 / 긴급복지 장제비지원
  { category: 'sentence', q: "집주인이 갑자기 다음 달까지 방 빼라고 해요 갈 곳이 없어요 어떡하죠", expected: ['WLF00000917'] }, // 긴급복지 주거지원
  { category: 'sentence', q: "안녕하세요 저는 한쪽 다리가 불편한 지체장애인입니다. 장애인 연금이랑 수당 중에 뭘 받을 수 있나요", expected: ['WLF00003249', 'WLF00003265'] }, // 장애인연금 / 장애수당
  { category: 'sentence', q: "어르신이 계단에서 넘어지셔서 보행기가 필요해요 지원되는 게 있나요", expected: ['WLF00000103'] }, // 노인장기요양보험 복지용구 급여
  { category: 'sentence', q: "엄마 혼자 자영업 하시는데 건강보험료가 너무 많이 나와서 몇 달째 못 내고 있어요", expected: ['WLF00002721'] }, // 저소득주민 국민건강보험료 지원
  { category: 'sentence', q: "안녕하세요. 저희 집에 불이 나서 살 곳이 없어졌어요. 당장 지낼 곳이 필요합니다", expected: ['WLF00000917'] }, // 긴급복지 주거지원
  { category: 'sentence', q: "아내가 집을 나가서 제가 혼자 초등학생 두 아이를 키우고 있어요. 일하는 동안 아이들 맡길 데가 없어요", expected: ['WLF00000024', 'WLF00001068'] }, // 아이돌봄 서비스 / 한부모가족 아동양육비 지원
  { category: 'sentence', q: "택배 일 하다가 허리를 다쳐서 일을 못 하고 있어요 산재 처리가 되나요", expected: ['WLF00005447'] }, // 산재근로자 보험급여
  { category: 'sentence', q: "저 탈북해서 온 지 얼마 안 됐는데 일자리를 구하고 싶어요 어디로 가면 되나요", expected: ['WLF00003168'] }, // (북한이탈주민)취업 지원
  { category: 'sentence', q: "가스비가 너무 많이 나와요 할머니랑 둘이 사는데 겨울 나기가 힘들어요", expected: ['WLF00000072'] }, // 에너지바우처
  { category: 'sentence', q: "혼자 사는 청년인데 우울하고 아무도 만나기 싫어요 집 밖에 안 나간 지 몇 달 됐어요", expected: ['WLF00005567', 'WLF00003169'] }, // 정신건강 심리상담 바우처사업 / 정신건강복지센터 운영
  { category: 'sentence', q: "할아버지가 보훈대상자이신데 이제 요양원에 들어가셔야 할 것 같아요", expected: ['WLF00003243'] }, // 보훈요양원 이용지원
  { category: 'sentence', q: "장애가 있는 아이 때문에 직장을 그만뒀어요 아이 돌봐주는 활동보조 선생님을 구하고 싶어요", expected: ['WLF00003260'] }, // 장애인활동지원
  { category: 'sentence', q: "이혼하고 혼자 아이 둘 키우면서 월세 살고 있어요 한부모 가족이 들어갈 수 있는 임대주택이 있을까요", expected: ['WLF00000062', 'WLF00003269'] }, // 기존주택등 매입임대주택 지원사업 / 기존주택 전세임대주택 지원사업
  { category: 'sentence', q: "이번 달부터 실업급여가 끊겼는데 아직 취업을 못 했어요 생활비를 어떻게 해야 할지 모르겠어요", expected: ['WLF00003245', 'WLF00003180'] }, // 국민취업지원제도 / 긴급복지 생계지원
  { category: 'situation', q: "독거 어르신 식사 말벗", expected: ['WLF00003191'] }, // 노인맞춤돌봄서비스
  { category: 'situation', q: "화재로 집을 잃음 긴급 주거", expected: ['WLF00000917'] }, // 긴급복지 주거지원
  { category: 'situation', q: "저소득 보일러 고장", expected: ['WLF00001128'] }, // 저소득층에너지효율개선
  { category: 'situation', q: "산후 우울증 상담", expected: ['WLF00003169', 'WLF00005567'] }, // 정신건강복지센터 운영 / 정신건강 심리상담 바우처사업
  { category: 'situation', q: "한부모 임대주택", expected: ['WLF00000062', 'WLF00003269'] }, // 기존주택등 매입임대주택 지원사업 / 기존주택 전세임대주택 지원사업
  { category: 'situation', q: "보훈 어르신 요양원", expected: ['WLF00003243'] }, // 보훈요양원 이용지원
  { category: 'situation', q: "노인 보행기 대여", expected: ['WLF00000103'] }, // 노인장기요양보험 복지용구 급여
  // Fourth batch (written before the last engine changes; none held out)
  { category: 'situation', q: "실직 가장 생계비", expected: ['WLF00003180'] }, // 긴급복지 생계지원
  { category: 'situation', q: "저소득 가정 기저귀 분유", expected: ['WLF00000092'] }, // 저소득층 기저귀·조제분유 지원
  { category: 'situation', q: "어르신 안과 수술비", expected: ['WLF00001115'] }, // 노인 안검진 및 개안수술
  { category: 'situation', q: "청년 전세 대출", expected: ['WLF00003222'] }, // 버팀목전세자금대출
  { category: 'situation', q: "한부모 명절 지원금", expected: ['WLF00000767'] }, // 한부모가족 명절 격려금 지급
  { category: 'situation', q: "노인 우울 상담", expected: ['WLF00005567', 'WLF00003169'] }, // 정신건강 심리상담 바우처사업 / 정신건강복지센터 운영
  { category: 'situation', q: "장애아 어린이집 비용", expected: ['WLF00001067'] }, // 장애아보육료지원
  { category: 'situation', q: "중증장애인 수도요금", expected: ['WLF00006194'] }, // 중증장애인 세대 수도요금 감면
  { category: 'situation', q: "독거노인 응급 호출", expected: ['WLF00001093'] }, // 독거노인·장애인 응급안전안심서비스
  { category: 'situation', q: "출산 가정 가사 도우미", expected: ['WLF00005849'] }, // 서울형 가사서비스 지원사업
  { category: 'sentence', q: "안녕하세요 혹시 우리 아이 어린이집 보육료는 어디서 신청하나요? 아이가 3살이에요", expected: ['WLF00003250'] }, // 영유아보육료 지원
  { category: 'sentence', q: "지난달에 쌍둥이를 출산했어요~ 산후도우미 지원받을 수 있을까요?", expected: ['WLF00001188', 'WLF00002021'] }, // 산모·신생아 건강관리 지원사업 / 산모신생아 건강관리 지원사업
  { category: 'sentence', q: "아버지가 치매 판정을 받으셨는데 장기요양 등급 받으면 집에서 받을 수 있는 서비스가 뭐가 있나요", expected: ['WLF00003248'] }, // 재가급여
  { category: 'sentence', q: "신장 투석을 받고 있는데 병원비가 너무 부담돼요. 수급자는 아니에요", expected: ['WLF00003247'] }, // 재난적의료비 지원 사업
  { category: 'sentence', q: "청각장애인인데 전화를 못 해서 너무 불편해요 대신 통화해 주는 서비스 있나요", expected: ['WLF00003219'] }, // 통신중계서비스 제공
  { category: 'sentence', q: "어머니가 기초생활수급자신데 어제 돌아가셨어요 장례비 지원이 되나요", expected: ['WLF00003267'] }, // 장제급여
  { category: 'sentence', q: "저희 애가 학교에서 왕따를 당하는 것 같아요 아이가 상담받을 곳이 필요해요", expected: ['WLF00003263', 'WLF00003236'] }, // WEE 클래스 상담지원 / 청소년상담1388 전화상담
  { category: 'sentence', q: "40대 가장인데 회사가 부도나서 월급을 몇 달째 못 받았어요 애들 키우기가 너무 힘드네요", expected: ['WLF00003180'] }, // 긴급복지 생계지원
  { category: 'sentence', q: "탈북민인데 하나원 나와서 살 집을 구해야 해요 도와주는 곳 있나요", expected: ['WLF00000815'] }, // (북한이탈주민)주택알선 지원
  { category: 'sentence', q: "남편 폭력 때문에 이혼 소송을 하고 싶은데 변호사 비용이 없어요", expected: ['WLF00001072'] }, // 가정폭력·성폭력 등 폭력 피해자 무료법률지원
  { category: 'sentence', q: "휴대폰으로 은행 일 보는 게 어려워요 어르신이 스마트폰 배울 수 있는 곳 있나요", expected: ['WLF00001083'] }, // 디지털배움터 운영
  { category: 'sentence', q: "부부싸움이 잦아서 애들이 힘들어해요 가족이 다 같이 상담받을 수 있는 곳 있을까요", expected: ['WLF00001186'] }, // 가족센터(건강가정지원센터)운영
  { category: 'sentence', q: "혼자 사는 50대 남자인데 몸이 아파서 병원에 같이 가줄 사람이 없어요", expected: ['WLF00005003'] }, // 서울시 1인가구 동행서비스(건강동행서비스)
  { category: 'sentence', q: "공장에서 일하다 다쳐서 장애가 생겼는데 다시 일하고 싶어요 직업훈련 받을 수 있나요", expected: ['WLF00001125'] }, // 산재근로자직업훈련
  // Fifth batch (written before the last engine changes; none held out)
  { category: 'sentence', q: "수급자 가정인데 아이가 태권도를 배우고 싶어해요 운동 배우는 비용 지원이 있을까요", expected: ['WLF00000076'] }, // 스포츠강좌이용권
  { category: 'sentence', q: "저희 엄마가 갑자기 입원하셔서 제가 돌봐야 하는데 장애가 있는 동생을 봐줄 사람이 없어요", expected: ['WLF00005407'] }, // 장애인가족지원센터 긴급돌봄서비스
  { category: 'sentence', q: "안녕하세요 저는 예술 활동을 하는 사람인데 요즘 수입이 거의 없어서 창작을 못 하고 있어요", expected: ['WLF00003199'] }, // 예술활동준비금 지원
  { category: 'sentence', q: "식당에서 일하는데 월급이 너무 적어서 생활이 빠듯해요 근로장려금 같은 거 받을 수 있나요?", expected: ['WLF00001148'] }, // 근로·자녀장려금
  { category: 'sentence', q: "길에서 모르는 사람한테 폭행을 당해서 병원비가 많이 나왔어요 피해자 지원이 있나요", expected: ['WLF00003275'] }, // 범죄피해자에 대한 경제적 지원 사업
  { category: 'sentence', q: "어머니가 70대신데 집은 있는데 현금이 없어서 생활이 어려우세요 집으로 연금 받는 방법이 있나요", expected: ['WLF00001108'] }, // 주택담보노후연금보증
  { category: 'sentence', q: "아이 통장을 만들어 주고 싶은데 저소득 가정 아이한테 나라에서 돈을 같이 넣어주는 게 있다던데요", expected: ['WLF00003258'] }, // 아동발달지원계좌(디딤씨앗통장)지원
  { category: 'sentence', q: "혼자 사시는 할머니가 병원에서 퇴원하셨는데 집안일이랑 간병을 도와줄 사람이 필요해요 저소득층이에요", expected: ['WLF00001087'] }, // 가사·간병 방문 지원사업
  { category: 'sentence', q: "차상위계층인데 공연이나 영화 보는 것도 지원해 주는 카드가 있나요?", expected: ['WLF00000055'] }, // 통합문화이용권
  { category: 'situation', q: "저소득 아이 운동 강좌", expected: ['WLF00000076'] }, // 스포츠강좌이용권
  { category: 'situation', q: "예술인 생활 지원금", expected: ['WLF00003199'] }, // 예술활동준비금 지원
  { category: 'situation', q: "폭행 피해 치료비", expected: ['WLF00003275'] }, // 범죄피해자에 대한 경제적 지원 사업
  { category: 'situation', q: "저소득 어르신 가사 간병", expected: ['WLF00001087'] }, // 가사·간병 방문 지원사업
  { category: 'situation', q: "집 담보 노후 연금", expected: ['WLF00001108'] }, // 주택담보노후연금보증
  // Sixth batch (written before the last engine changes; none held out)
  { category: 'sentence', q: "신생아 청력 검사에서 재검 나왔어요ㅠ 보청기까지 해야 할 수도 있다는데 지원이 있을까요", expected: ['WLF00001130'] }, // 선천성 난청검사 및 보청기 지원
  { category: 'sentence', q: "70대 어머니 독감 주사는 무료로 맞을 수 있나요? 보건소 가면 되나요", expected: ['WLF00003213'] }, // 인플루엔자 국가예방접종 지원사업
  { category: 'sentence', q: "프리랜서라 고용보험이 없는데 출산하면 출산급여 같은 거 받을 수 있나요", expected: ['WLF00000838'] }, // 고용보험 미적용자 출산급여 지원
  { category: 'sentence', q: "회사 다니는데 다음 달 출산이에요 출산휴가 급여랑 육아휴직 급여 신청은 어떻게 해요", expected: ['WLF00003226'] }, // 모성보호육아지원(출산전후휴가 급여, 육아휴직등 급여)
  { category: 'sentence', q: "작은 가게에서 직원 두 명이랑 일하는데 사장님이 사회보험료가 부담된다고 해요 지원해주는 제도 있나요", expected: ['WLF00000095'] }, // 사회보험사각지대해소 사업(두루누리 사회보험료 지원사업)
  { category: 'sentence', q: "처음으로 집을 사려고 하는데 돈이 부족해요 집 살 때 대출 지원 받을 수 있나요", expected: ['WLF00003271'] }, // 내집마련 디딤돌 대출
  { category: 'sentence', q: "고시원에 5년째 살고 있는데 제대로 된 집으로 옮기고 싶어요 보증금이 없어요", expected: ['WLF00000036'] }, // 주거취약계층 주거상향 지원사업
  { category: 'sentence', q: "대학생인데 학교 다니면서 일할 수 있는 장학금이 있다던데 어떻게 신청해요", expected: ['WLF00001060'] }, // 대학생 근로장학금 지원
  { category: 'sentence', q: "저소득층이라 월세를 내기 너무 힘들어요 서울 살고 있고요 월세 보조해주는 거 있나요", expected: ['WLF00002255', 'WLF00003201'] }, // 서울형 주택바우처 / 주거급여(맞춤형 급여)
  { category: 'situation', q: "신생아 난청 보청기", expected: ['WLF00001130'] }, // 선천성 난청검사 및 보청기 지원
  { category: 'situation', q: "프리랜서 출산급여", expected: ['WLF00000838'] }, // 고용보험 미적용자 출산급여 지원
  { category: 'situation', q: "첫 집 구입 대출", expected: ['WLF00003271'] }, // 내집마련 디딤돌 대출
  // held out: written with the rest, never run while tuning
  { category: 'sentence', q: "안녕하세요 저희 엄마가 당뇨랑 고혈압이 있으신데 보건소에서 꾸준히 관리받을 수 있는 게 있나요?", expected: ['WLF00000047'], heldOut: true }, // 고혈압·당뇨병 등록관리사업
  { category: 'sentence', q: "제가 다리를 다쳐서 석 달째 일을 못 나가고 있어요 산재는 아니고요 생활비가 막막합니다", expected: ['WLF00004997'], heldOut: true }, // 한국형 상병수당 시범사업
  { category: 'sentence', q: "아이가 다섯 살인데 유치원비가 부담돼요 유치원 다니는 아이도 지원이 되나요", expected: ['WLF00000969'], heldOut: true }, // 유아학비 지원(3~5세 누리과정 지원)
  { category: 'sentence', q: "할아버지가 6.25 전쟁 때 참전하셨는데 받을 수 있는 수당이 있을까요?", expected: ['WLF00001066', 'WLF00003884'], heldOut: true }, // 참전명예수당 / 참전명예수당(서울)
  { category: 'sentence', q: "장애가 있는 아들이 전동휠체어를 새로 사야 하는데 비용 지원을 받을 수 있나요", expected: ['WLF00001136'], heldOut: true }, // 보험급여(건강보험 장애인보조기기)
  { category: 'sentence', q: "대학생인데 등록금이 없어서 휴학해야 할 것 같아요 장학금이나 대출 받을 수 있는 방법 있나요", expected: ['WLF00003197', 'WLF00003277'], heldOut: true }, // 국가장학금(Ⅰ, Ⅱ유형) / 취업 후 상환 학자금대출
  { category: 'sentence', q: "다문화 가정인데 아이가 또래보다 말이 좀 늦어요. 도와주는 서비스가 있을까요", expected: ['WLF00003282'], heldOut: true }, // 다문화가족 자녀 언어발달지원서비스
  { category: 'situation', q: "이혼 후 양육비 못 받음", expected: ['WLF00005856', 'WLF00003186'], heldOut: true }, // 양육비 선지급 / 양육비 이행 원스톱 종합서비스
  { category: 'situation', q: "가출 청소년 쉼터", expected: ['WLF00000751'], heldOut: true }, // 청소년복지시설 운영 지원
  { category: 'situation', q: "장애인 보호자 입원 긴급 돌봄", expected: ['WLF00005407'], heldOut: true }, // 장애인가족지원센터 긴급돌봄서비스

  /* ---- issue 16: 초성 mixed with words ---- */
  { category: 'mixed', q: "ㄱㅊ수급 생계", expected: ['WLF00001132'] }, // 생계급여(맞춤형 급여)
  { category: 'mixed', q: "ㄱㅊㅇㄱ 신청", expected: ['WLF00001164'] }, // 기초연금
  { category: 'mixed', q: "ㅇㄴㅈㅂㅇㅊ 신청방법", expected: ['WLF00000072'] }, // 에너지바우처
  { category: 'mixed', q: "ㅈㄱㄱㅇ 신청", expected: ['WLF00003201'] }, // 주거급여(맞춤형 급여)
  { category: 'mixed', q: "긴급복지 ㅅㄱ", expected: ['WLF00003180'] }, // 긴급복지 생계지원
  { category: 'mixed', q: "ㅊㅁㄴ이용권", expected: ['WLF00004656'] }, // 첫만남이용권
  { category: 'mixed', q: "장애인ㅎㄷㅈㅇ", expected: ['WLF00003260'] }, // 장애인활동지원
  { category: 'mixed', q: "ㄱㄱㅂㅈ 의료", expected: ['WLF00003179'] }, // 긴급복지 의료지원
  { category: 'mixed', q: "ㄴㅇㅇㅈㄹ 어디서 신청해요", expected: ['WLF00001155'] }, // 노인일자리 및 사회활동 지원사업
  { category: 'mixed', q: "ㅂㅁㄱㅇ 언제 나와요", expected: ['WLF00004657'] }, // 부모급여 지원
  { category: 'mixed', q: "청년ㄷㅇㄱㅈ", expected: ['WLF00005360'] }, // 청년도약계좌
  { category: 'mixed', q: "ㅇㄷㅅㄷ 얼마예요", expected: ['WLF00001171'] }, // 아동수당 지급
  { category: 'mixed', q: "ㄱㅈㅇㅇㅅㄷ 신청", expected: ['WLF00003253'] }, // 가정양육수당 지원사업
  { category: 'mixed', q: "ㅎㅂㅁ 아동양육비", expected: ['WLF00001068'] }, // 한부모가족 아동양육비 지원
  { category: 'mixed', q: "ㅈㄴㅈ 의료비", expected: ['WLF00003247'], heldOut: true }, // 재난적의료비 지원 사업
  { category: 'mixed', q: "ㅇㅇㄷㅂ 서비스 신청", expected: ['WLF00000024'], heldOut: true }, // 아이돌봄 서비스
  { category: 'mixed', q: "ㅈㅇㅇㅇㄱ 대상", expected: ['WLF00003249'], heldOut: true }, // 장애인연금
  { category: 'mixed', q: "ㄱㅁㅊㅇ지원제도", expected: ['WLF00003245'], heldOut: true }, // 국민취업지원제도
  { category: 'mixed', q: "ㅂㄷㅈㅎ 바우처", expected: ['WLF00003195'], heldOut: true }, // 발달재활서비스

  /* ---- issue 16: romanised / English names ---- */
  { category: 'romanised', q: "K-PASS 카드", expected: ['WLF00005440'] }, // 대중교통비 환급 지원(K-패스)
  { category: 'romanised', q: "energy voucher", expected: ['WLF00000072'] }, // 에너지바우처
  { category: 'romanised', q: "에너지 voucher", expected: ['WLF00000072'] }, // 에너지바우처
  { category: 'romanised', q: "Seoul Learn", expected: ['WLF00005410'] }, // 서울런(Seoul-Learn)
  { category: 'romanised', q: "seoullearn 신청", expected: ['WLF00005410'] }, // 서울런(Seoul-Learn)
  { category: 'romanised', q: "wee class 상담", expected: ['WLF00003263'] }, // WEE 클래스 상담지원
  { category: 'romanised', q: "위클래스", expected: ['WLF00003263'] }, // WEE 클래스 상담지원
  { category: 'romanised', q: "LPG 차량 지원", expected: ['WLF00001122'] }, // 국가유공자 등 LPG차량 세금인상분 지원
  { category: 'romanised', q: "햇살론 유스", expected: ['WLF00001076'] }, // 서민금융 활성화 지원(햇살론youth 보증사업)
  { category: 'romanised', q: "dream start", expected: ['WLF00003283'] }, // 아동통합서비스지원(드림스타트사업)
  { category: 'romanised', q: "브레인fit", expected: ['WLF00006262'] }, // 모바일 뇌건강 프로그램, 브레인핏45
  { category: 'romanised', q: "climate card 할인", expected: ['WLF00006170'], heldOut: true }, // 기후동행카드 다자녀·저소득층 할인제도 운영
  { category: 'romanised', q: "kpass 환급 얼마", expected: ['WLF00005440'], heldOut: true }, // 대중교통비 환급 지원(K-패스)
  { category: 'romanised', q: "심리상담 voucher", expected: ['WLF00005567'], heldOut: true }, // 정신건강 심리상담 바우처사업
  { category: 'romanised', q: "TV 보급 시각장애인", expected: ['WLF00000104'], heldOut: true }, // 시각·청각장애인용 TV 보급사업

  /* ---- issue 16: counsellor shorthand ---- */
  { category: 'shorthand', q: "기초수급 의료", expected: ['WLF00000102'] }, // 의료급여(의료급여)
  { category: 'shorthand', q: "기초수급 주거", expected: ['WLF00003201'] }, // 주거급여(맞춤형 급여)
  { category: 'shorthand', q: "기초수급 교육", expected: ['WLF00001089'] }, // 교육급여(맞춤형 급여)
  { category: 'shorthand', q: "차상위 자활", expected: ['WLF00001138'] }, // 자활근로(기초, 차상위)
  { category: 'shorthand', q: "긴급 생계", expected: ['WLF00003180'] }, // 긴급복지 생계지원
  { category: 'shorthand', q: "긴급 주거", expected: ['WLF00000917'] }, // 긴급복지 주거지원
  { category: 'shorthand', q: "긴급 장제", expected: ['WLF00000892'] }, // 긴급복지 장제비지원
  { category: 'shorthand', q: "긴급 연료비", expected: ['WLF00001162'] }, // 긴급복지 연료비 및 전기요금
  { category: 'shorthand', q: "수급 해산", expected: ['WLF00001135'] }, // 해산급여
  { category: 'shorthand', q: "의급 틀니", expected: ['WLF00001169'] }, // 의료급여 틀니·치과임플란트
  { category: 'shorthand', q: "의료급여 본인부담", expected: ['WLF00003171', 'WLF00003202', 'WLF00003273'] }, // 의료급여본인부담면제 / 의료급여(본인부담 상한금) / 의료급여(본인부담 보상금)
  { category: 'shorthand', q: "노맞돌", expected: ['WLF00003191'] }, // 노인맞춤돌봄서비스
  { category: 'shorthand', q: "국취제 1유형", expected: ['WLF00003245'] }, // 국민취업지원제도
  { category: 'shorthand', q: "긴복 의료", expected: ['WLF00003179'] }, // 긴급복지 의료지원
  { category: 'shorthand', q: "긴급 해산비", expected: ['WLF00003178'], heldOut: true }, // 긴급복지 해산비지원
  { category: 'shorthand', q: "수급 장제", expected: ['WLF00003267'], heldOut: true }, // 장제급여
  { category: 'shorthand', q: "한부모 교육비", expected: ['WLF00001104'], heldOut: true }, // 한부모가족자녀 교육비 지원
  { category: 'shorthand', q: "국취제", expected: ['WLF00003245'], heldOut: true }, // 국민취업지원제도
  { category: 'shorthand', q: "긴급 교육", expected: ['WLF00001112'], heldOut: true }, // 긴급복지 교육지원
];
