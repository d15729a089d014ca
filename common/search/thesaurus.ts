import type { Household, LifeStage, Theme } from '../domain/index.js';

/**
 * How citizens and counsellors actually ask, mapped to the words the catalogue uses.
 * `says` are matched on the spaceless query (so "먹고 살기" = "먹고살기"); `means` are searched
 * in names and summaries like typed words; `themes`/`households`/`lifeStages` lift programmes
 * tagged so. Entries map words to vocabulary, never to programme ids.
 */
export interface ThesaurusEntry {
  says: readonly string[];
  /** Preferred vocabulary first: earlier words rank slightly higher. */
  means: readonly string[];
  /**
   * How much a match says about the need (default 1). General distress ("돈이 없어요") is
   * weaker than a named need ("집세"), so that "집세 낼 돈이 없어요" is about housing.
   */
  weight?: number;
  themes?: readonly Theme[];
  households?: readonly Household[];
  lifeStages?: readonly LifeStage[];
}

export const WELFARE_THESAURUS: readonly ThesaurusEntry[] = [
  // Romanised and English brand names as citizens type them (normalised to lower case, no spaces).
  { says: ['kpass', 'k-pass', 'k패스', '케이패스', '케이-패스'], means: ['K-패스', '대중교통비 환급'] },
  { says: ['월세', '집세', '방세', '월셋집', '사글세', '렌트비', '집값이 밀', '방값'], means: ['주거급여', '임차료', '월세', '주거비', '주택임대료', '주택바우처'], themes: ['주거'] },
  { says: ['전세', '전셋집', '전세금', '보증금'], means: ['전세자금', '전세임대', '임차보증금', '버팀목'], themes: ['주거'] },
  { says: ['집수리', '집 고치', '도배', '장판', '곰팡이', '단열', '집이 낡'], means: ['집수리', '주거환경', '에너지효율개선', '주택개량'], themes: ['주거'] },
  { says: ['임대아파트', '공공임대', '살 집', '집을 구', '집 구하', '이사 갈', '쫓겨나', '집이 없'], means: ['임대주택', '공공임대', '행복주택', '주거지원', '전세임대'], themes: ['주거'] },
  { says: ['난방비', '가스비', '가스요금', '전기세', '전기료', '전기요금', '기름값', '연탄', '보일러', '등유', '에어컨', '냉방비', '더위', '추위'], means: ['에너지바우처', '연료비', '전기요금', '난방', '에너지'], themes: ['에너지'] },
  { says: ['수도세', '수도요금', '수도료', '물값', '물세'], means: ['수도요금'] },
  { says: ['병원비', '치료비', '수술비', '입원비', '약값', '약제비', '진료비', '의료비', '병원 갈 돈', '아파서'], means: ['재난적의료비', '의료비', '의료지원', '의료급여', '본인부담', '진료비'], themes: ['신체건강'] },
  { says: ['틀니', '임플란트', '치과', '이가 아파', '이빨'], means: ['틀니', '치과임플란트', '치과'] },
  { says: ['기저귀', '분유', '아기용품', '애기용품', '육아용품', '아기 용품', '젖병'], means: ['기저귀', '조제분유', '아동용품'], lifeStages: ['영유아'] },
  { says: ['생활비', '먹고살기', '먹고 살기', '살기 힘들', '살기 어렵', '생계가 어렵', '돈이 없', '굶', '밥값', '끼니', '당장 쓸 돈', '형편이 어렵', '어려운 형편'], means: ['생계급여', '긴급복지', '생계지원', '기초생활', '생활안정', '기초보장'], themes: ['생활지원'], households: ['저소득'], weight: 0.6 },
  { says: ['일자리', '알바', '아르바이트', '취직', '일하고 싶', '일할 곳', '구직', '직장 구', '일 구', '일거리'], means: ['노인일자리', '국민취업지원제도', '취업', '일자리', '고용'], themes: ['일자리'] },
  { says: ['실업', '실직', '해고', '잘렸', '잘려서', '잘리', '짤렸', '짤려', '권고사직', '회사를 그만', '일을 그만', '폐업', '가게 문 닫'], means: ['국민취업지원제도', '재취업', '긴급복지', '생계지원'], themes: ['일자리'] },
  { says: ['노령연금', '노인연금', '어르신 용돈', '노인수당', '노인 돈', '어르신 연금', '65세 연금'], means: ['기초연금'], lifeStages: ['노년'] },
  { says: ['장애연금', '장애인 돈', '장애 수당', '장애인 수당'], means: ['장애인연금', '장애수당'], households: ['장애인'] },
  { says: ['애 봐줄', '아이 봐줄', '애기 봐줄', '베이비시터', '돌보미', '아이 맡길', '애 맡길'], means: ['아이돌봄', '시간제보육', '돌봄'], themes: ['보육'] },
  { says: ['어린이집비', '어린이집 비용', '어린이집 돈', '보육비', '유치원비', '유치원 비용'], means: ['보육료', '유아학비', '어린이집'], themes: ['보육'] },
  { says: ['출산축하금', '출산지원금', '출산장려금', '애 낳', '아기 낳', '아이 낳', '출산하면', '출생 축하', '출산 선물'], means: ['첫만남이용권', '출생축하금', '부모급여', '출산'], themes: ['임신·출산'] },
  { says: ['산후조리', '산후도우미', '조리원', '산후 도우미', '산모 도우미'], means: ['산후조리', '산모신생아', '산모'], themes: ['임신·출산'] },
  { says: ['임신했', '임산부', '임신 중', '배가 불', '임신부'], means: ['임신', '임산부', '출산'], themes: ['임신·출산'] },
  { says: ['난임', '시험관', '아기가 안 생', '인공수정', '난자'], means: ['난임', '보조생식술', '냉동난자'] },
  { says: ['양육비 안', '양육비를 안', '양육비 못', '양육비를 못', '전 남편', '전남편', '전 부인', '이혼'], means: ['양육비 이행', '양육비 선지급', '한부모'], households: ['한부모·조손'] },
  { says: ['한부모', '싱글맘', '싱글대디', '미혼모', '미혼부', '혼자 키우', '혼자 애', '엄마 혼자', '아빠 혼자', '조부모가 키우', '할머니가 키우', '손주', '손자', '손녀', '조손'], means: ['한부모가족', '아동양육비', '청소년부모', '한부모'], households: ['한부모·조손'] },
  { says: ['맞았', '때려', '때리', '가정폭력', '매 맞', '폭행', '성폭력', '성추행', '스토킹', '데이트폭력'], means: ['가정폭력', '폭력 피해자', '성폭력', '1366'], themes: ['안전·위기'] },
  { says: ['우울', '마음이 힘들', '마음이 아프', '상담 받고 싶', '자살', '죽고 싶', '정신과', '심리상담', '불면', '공황', '트라우마'], means: ['정신건강', '심리상담', '마음', '심리'], themes: ['정신건강'] },
  { says: ['치매', '깜빡', '기억력', '건망증', '뇌건강'], means: ['치매', '뇌건강'], lifeStages: ['노년'] },
  { says: ['혼자 사는 노인', '혼자 사는 어르신', '독거노인', '홀몸', '혼자 계신', '노인 돌봄', '어르신 돌봄', '부모님 돌봄'], means: ['노인맞춤돌봄', '독거노인', '응급안전', '돌봄'], lifeStages: ['노년'] },
  { says: ['요양원', '요양병원', '요양보호사', '간병', '간병인', '누워 계신', '거동이 불편', '거동 불편'], means: ['장기요양', '요양', '간병', '재가급여', '시설급여'] },
  { says: ['장례비', '장례', '장제비', '돌아가셨', '사망', '상을 당'], means: ['장제급여', '장제비', '사망일시금'] },
  { says: ['학비', '학원비', '등록금', '수업료', '교복', '학용품', '급식비', '교육비'], means: ['교육급여', '교육비', '장학금', '학자금', '수업료'], themes: ['교육'] },
  { says: ['학자금', '대학 등록금', '대학교 등록금', '장학금'], means: ['국가장학금', '학자금대출', '장학금'], themes: ['교육'] },
  { says: ['빚', '빚 갚', '대출 갚', '채무', '신용불량', '파산', '독촉', '연체'], means: ['개인채무조정', '신용회복', '서민금융'], themes: ['서민금융'] },
  { says: ['급전', '돈 빌리', '돈을 빌리', '대출 받', '대출받', '융자'], means: ['대출', '융자', '대부', '햇살론'], themes: ['서민금융'] },
  { says: ['목돈', '적금', '저축', '통장 만들', '돈 모으', '자산 형성'], means: ['저축계좌', '자산형성', '통장', '내일저축', '도약계좌'], themes: ['서민금융'] },
  { says: ['교통비', '버스비', '지하철비', '차비', '버스 요금', '지하철 요금'], means: ['교통', '대중교통비', 'k패스', '버스요금', '기후동행카드'] },
  { says: ['휴대폰 요금', '핸드폰 요금', '통신비', '폰 요금', '휴대전화 요금', '핸드폰비'], means: ['이동통신요금감면', '통신'] },
  { says: ['쌀', '먹을 것', '식료품', '반찬', '도시락', '밥을 못'], means: ['양곡할인', '농식품바우처', '급식', '식품'], themes: ['생활지원'] },
  { says: ['노숙', '잘 곳', '길에서 자', '거리에서', '쪽방'], means: ['노숙인', '긴급복지 주거지원', '주거지원'], themes: ['안전·위기'] },
  { says: ['다문화', '외국인 며느리', '결혼이민', '국제결혼', '외국인 엄마'], means: ['다문화가족', '결혼이민자', '다문화'], households: ['다문화·탈북민'] },
  { says: ['탈북', '북한에서 온', '새터민', '북한 이탈'], means: ['북한이탈주민', '탈북'], households: ['다문화·탈북민'] },
  { says: ['보훈', '참전용사', '유공자', '상이군경', '6·25', '월남전'], means: ['국가유공자', '보훈', '참전'], households: ['보훈대상자'] },
  { says: ['휠체어', '보청기', '보조기', '전동휠체어', '의족', '의수', '보장구'], means: ['보조기기', '보장구', '보청기', '보조공학기기'] },
  { says: ['활동보조', '활동 도우미', '장애인 도우미', '활동지원사'], means: ['장애인활동지원', '활동지원'], households: ['장애인'] },
  { says: ['건강검진', '검진', '종합검진', '암 검사'], means: ['건강검진', '암검진', '검진'], themes: ['신체건강'] },
  { says: ['예방접종', '독감주사', '독감 주사', '독감', '백신', '주사 맞'], means: ['예방접종', '인플루엔자'], themes: ['신체건강'] },
  { says: ['아이 키우는 돈', '애 키우는 돈', '양육수당', '육아수당', '아기 수당', '키우는 데 돈'], means: ['아동수당', '부모급여', '가정양육수당', '양육수당'], lifeStages: ['영유아'] },
  { says: ['생리대', '생리용품', '위생용품'], means: ['생리용품'] },
  { says: ['육아휴직', '출산휴가', '산전후휴가', '배우자 출산휴가'], means: ['육아휴직', '출산휴가', '모성보호', '출산전후휴가'] },
  { says: ['보육원', '그룹홈', '아동양육시설', '시설 나온', '시설에서 나', '시설 퇴소', '보호 끝난', '보호종료', '자립준비', '자립하'], means: ['자립준비청년', '자립수당', '자립정착금', '보호종료아동'] },
  { says: ['경력단절', '경단녀', '다시 일하', '일을 다시'], means: ['여성새로일하기', '재취업', '경력'], themes: ['일자리'] },
  { says: ['창업', '가게 차리', '장사 시작', '사업 시작'], means: ['창업'], themes: ['일자리'] },
  { says: ['법률 상담', '법률상담', '소송', '변호사', '법적'], means: ['법률지원', '법률구조', '법률'], themes: ['법률'] },
  { says: ['학대', '방임', '버려진'], means: ['학대피해', '노인보호전문기관', '아동보호', '학대'], themes: ['안전·위기'] },
  { says: ['게임 중독', '스마트폰 중독', '인터넷 중독', '알코올', '술을', '음주', '도박', '마약', '중독'], means: ['중독관리', '과의존', '알코올중독', '중독'], themes: ['정신건강'] },
  { says: ['방과후', '방과 후', '학교 끝나고', '학교 끝나면', '하교 후', '맞벌이', '초등학생 돌봄', '초등 돌봄', '초등학생', '초등학교'], means: ['다함께 돌봄', '늘봄학교', '방과후', '지역아동센터', '아이돌봄'], themes: ['보호·돌봄'] },
  { says: ['노후', '은퇴', '연금 준비'], means: ['노후준비', '주택담보노후연금', '노후'] },
  { says: ['입원', '아파서 일을 못', '병가', '아파서 쉬'], means: ['입원', '상병수당', '입원 생활비'], themes: ['신체건강'] },
  { says: ['위기', '갑자기 어려', '급하게 도움', '긴급 지원', '긴급지원', '당장 도움'], means: ['긴급복지', '긴급지원', '위기'], themes: ['안전·위기'] },
  { says: ['수급자', '기초수급', '기초생활수급', '수급 신청', '기초생활보장'], means: ['기초생활', '생계급여', '의료급여', '주거급여', '교육급여', '수급자'], households: ['저소득'] },
  { says: ['차상위'], means: ['차상위', '본인부담경감', '자활'], households: ['저소득'] },
  // Who is asking rather than what they need: lighter than a need in a sentence.
  { says: ['1인가구', '혼자 살', '혼자 사는'], means: ['1인가구', '독거', '동행'], weight: 0.5 },
  { says: ['발달장애', '자폐', '지적장애'], means: ['발달장애인', '발달재활', '주간활동'], households: ['장애인'] },
  { says: ['말이 늦', '언어치료', '말을 못'], means: ['언어발달', '발달재활', '치료지원'] },
  { says: ['키즈카페', '놀이터', '아이 놀 곳'], means: ['키즈카페'], themes: ['보육'] },
  { says: ['입양', '위탁가정', '가정위탁'], means: ['입양', '가정위탁', '위탁'], themes: ['입양·위탁'] },
  { says: ['장애인 콜택시', '콜택시', '이동 지원', '이동이 불편', '외출이 어렵'], means: ['교통', '버스요금', '이동', '동행'] },
  { says: ['고독', '외로', '고립', '말벗', '고독사'], means: ['1인가구', '동행', '마음', '돌봄'], themes: ['정신건강'] },
  { says: ['단전', '단수', '가스가 끊', '전기가 끊', '전기 끊', '가스 끊', '공과금'], means: ['긴급복지', '연료비', '전기요금', '에너지바우처'], themes: ['에너지'] },
  { says: ['병간호', '병수발', '간병비'], means: ['간병', '가사·간병', '요양', '돌봄'] },
  { says: ['눈이 안 보', '시력', '백내장', '녹내장', '안과', '눈 수술'], means: ['안검진', '개안수술', '시각'] },
  { says: ['관절', '인공관절', '다리 수술'], means: ['인공관절', '무릎'] },
  { says: ['청약', '임대주택', '영구임대', '국민임대'], means: ['임대주택', '행복주택', '통합공공임대', '공공분양'], themes: ['주거'] },
  { says: ['주민세', '자동차세', '세금 감면', '세금 깎', '재산세'], means: ['지방세', '감면', '세금'] },
  { says: ['군대', '제대', '전역', '군 복무'], means: ['제대군인', '장기복무', '군인'] },
  { says: ['이사비', '이사 비용', '이삿짐'], means: ['주거지원', '긴급복지 주거지원', '주거'], themes: ['주거'] },
  { says: ['고시원', '비닐하우스', '반지하', '컨테이너', '여관'], means: ['주거취약계층', '주거상향', '주거지원'], themes: ['주거'] },
  { says: ['실업급여', '구직수당', '구직급여'], means: ['국민취업지원제도', '구직촉진', '취업'], themes: ['일자리'] },
  { says: ['산재', '일하다 다쳤', '일하다가 다쳤', '업무상 재해', '공장에서 다쳤', '현장에서 다쳤'], means: ['산재근로자', '산재보험', '재해'] },
  { says: ['사기를 당', '사기 당', '폭행당', '범죄 피해', '강도'], means: ['범죄피해자', '피해자'], themes: ['안전·위기'] },
  { says: ['장애 등록', '장애등록', '장애 판정', '장애진단', '장애 진단'], means: ['진단서', '검사비', '장애인'], households: ['장애인'] },
  { says: ['통역', '번역', '한국어 교육', '한국말'], means: ['통번역', '결혼이민자', '다문화가족', '언어발달'], households: ['다문화·탈북민'] },
  { says: ['컴퓨터', '인터넷 교육', '스마트폰 교육', '디지털'], means: ['정보화교육', '디지털배움터', '정보통신보조기기', '정보격차'] },
  // Situations (issue 16): what happened, as a message tells it.
  { says: ['쫓겨나', '쫓겨날', '쫓겨났', '밀려서', '밀렸', '퇴거', '집을 비워', '나가라고', '집주인이 나가'], means: ['긴급복지 주거지원', '주거급여', '주거지원', '임대주택'], themes: ['주거'] },
  { says: ['태어났', '태어난', '출생했', '출산했', '낳았', '신생아'], means: ['첫만남이용권', '부모급여', '출생축하금', '아동수당'], themes: ['임신·출산'], lifeStages: ['영유아'] },
  { says: ['고장', '수리', '고쳐', '망가졌', '망가져', '부서졌', '부러졌'], means: ['수리'] },
  { says: ['임신 준비', '임신 전', '산전검사', '가임력'], means: ['임신 사전건강관리', '난임', '임신'], themes: ['임신·출산'] },
];

/**
 * English and romanised words as citizens type them beside or instead of the Korean spelling
 * ("energy voucher", "브레인fit", "햇살론 유스"). A word gets the other spelling as an alternative;
 * latin runs inside a word are replaced too. `toLatin` pairs also go the other way (the catalogue
 * writes "햇살론youth", "WEE 클래스").
 */
export interface Spelling {
  latin: string;
  hangul: string;
  toLatin?: true;
}
export const SPELLINGS: readonly Spelling[] = [
  { latin: 'voucher', hangul: '바우처' }, { latin: 'vouchar', hangul: '바우처' }, { latin: 'energy', hangul: '에너지' },
  { latin: 'dreamstart', hangul: '드림스타트' }, { latin: 'dream', hangul: '드림' }, { latin: 'start', hangul: '스타트' },
  { latin: 'youth', hangul: '유스', toLatin: true }, { latin: 'weeclass', hangul: '위클래스', toLatin: true },
  { latin: 'class', hangul: '클래스' }, { latin: 'climate', hangul: '기후동행' }, { latin: 'card', hangul: '카드' },
  { latin: 'kpass', hangul: 'k패스' }, { latin: 'pass', hangul: '패스' }, { latin: 'brainfit', hangul: '브레인핏' },
  { latin: 'brain', hangul: '브레인' }, { latin: 'fit', hangul: '핏' }, { latin: 'kids', hangul: '키즈' }, { latin: 'kidscafe', hangul: '키즈카페' },
  { latin: 'cafe', hangul: '카페' }, { latin: 'care', hangul: '케어' }, { latin: 'center', hangul: '센터' }, { latin: 'centre', hangul: '센터' },
  { latin: 'seoullearn', hangul: '서울런' }, { latin: 'seoul', hangul: '서울' }, { latin: 'learn', hangul: '런' },
  { latin: 'baby', hangul: '아기' }, { latin: 'bus', hangul: '버스' }, { latin: 'taxi', hangul: '택시' }, { latin: 'call', hangul: '콜' },
  { latin: 'mentoring', hangul: '멘토링' }, { latin: 'mentor', hangul: '멘토링' }, { latin: 'insurance', hangul: '보험' },
  { latin: 'startup', hangul: '창업' }, { latin: 'loan', hangul: '대출' }, { latin: 'job', hangul: '일자리' }, { latin: 'jobs', hangul: '일자리' },
  { latin: 'housing', hangul: '주거' }, { latin: 'rent', hangul: '월세' }, { latin: 'sunshine', hangul: '햇살론' },
];

/** Counsellors' abbreviations of programme names, as whole words ("노맞돌", "국취제", "긴복 의료"). */
export const SHORTHAND: ReadonlyMap<string, string> = new Map([
  ['노맞돌', '노인맞춤돌봄'], ['국취제', '국민취업지원제도'], ['국취', '국민취업지원제도'], ['긴복', '긴급복지'], ['의급', '의료급여'],
  ['주급', '주거급여'], ['생급', '생계급여'], ['교급', '교육급여'], ['기생', '기초생활'],
  ['장연', '장애인연금'], ['기연', '기초연금'], ['재난의료비', '재난적의료비'], ['활보', '장애인활동지원'], ['장활', '장애인활동지원'],
  ['첫만남', '첫만남이용권'], ['에바', '에너지바우처'], ['희망저축', '희망저축계좌'], ['내일저축', '청년내일저축계좌'],
]);

/**
 * Who is asking, read from a sentence ("혼자 사는 70대", "스무살", "수급자예요"): life stages and
 * households are facets of the situation; a programme tagged with them covers more of it.
 */
export interface SituationFacet {
  says: readonly string[];
  lifeStages?: readonly LifeStage[];
  households?: readonly Household[];
}
export const SITUATION_FACETS: readonly SituationFacet[] = [
  { says: ['60대', '70대', '80대', '90대', '65세', '칠십', '팔십', '노인', '어르신', '할머니', '할아버지', '노부모', '연세', '고령', '독거노인'], lifeStages: ['노년'] },
  { says: ['40대', '50대', '중년', '중장년', '신중년'], lifeStages: ['중장년'] },
  { says: ['20대', '30대', '청년', '스무살', '스물', '대학생', '취준생', '사회초년생', '자립준비'], lifeStages: ['청년'] },
  { says: ['중학생', '고등학생', '고딩', '중딩', '청소년', '고등학교', '중학교', '10대'], lifeStages: ['청소년'] },
  { says: ['초등학생', '초등학교', '초등생', '초딩'], lifeStages: ['아동'] },
  { says: ['아기', '애기', '신생아', '갓난', '태어났', '영아', '영유아', '돌 된', '개월 된'], lifeStages: ['영유아'] },
  { says: ['임신', '임산부', '출산 예정', '산모', '임신부'], lifeStages: ['임신·출산'] },
  { says: ['수급자', '기초수급', '차상위', '저소득', '형편이 어렵', '생활이 어렵'], households: ['저소득'] },
  { says: ['장애', '휠체어', '발달장애', '시각장애', '청각장애'], households: ['장애인'] },
  { says: ['한부모', '이혼', '혼자 키우', '싱글맘', '싱글대디', '미혼모', '조손'], households: ['한부모·조손'] },
  { says: ['다문화', '결혼이민', '탈북', '외국인 엄마', '국제결혼'], households: ['다문화·탈북민'] },
  { says: ['유공자', '보훈', '참전'], households: ['보훈대상자'] },
  { says: ['다자녀', '셋째', '애가 셋', '아이가 셋', '세 자녀'], households: ['다자녀'] },
];
