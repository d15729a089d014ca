import type { ProgrammeFilters } from '../../../common/domain/index.js';

export type QueryCategory = 'exact' | 'partial' | 'choseong' | 'spacing' | 'typo' | 'colloquial' | 'filter' | 'romanised' | 'shorthand';

export interface LabelledQuery {
  category: QueryCategory;
  q: string;
  filters?: ProgrammeFilters;
  /** Programme ids of the demo catalogue that belong in the top five (all of them). */
  expected: string[];
}

/**
 * Realistic counsellor and citizen queries over resources/catalogue/demo-programmes.json, labelled
 * by hand with the programmes a counsellor would want to see. Names are in the comments so the
 * set can be reviewed without the catalogue open. The last ~37 were written after the ranking
 * was frozen, as a held-out check, and were kept whatever their result.
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
];
