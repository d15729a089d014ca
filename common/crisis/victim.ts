/**
 * Who is hurt, when a message raises violence or child abuse: the two kinds differ by the victim's
 * age, not by what is done ("방에 가둬요 밥도 하루에 한 번만 줘요" is child abuse from a 고2 and
 * elder abuse from a son's mother). The classifier reads the deed; these say whose it is. They
 * run on the message as written (word starts matter: "장애가" holds 애가).
 */

/** The writer or the person concerned is under 18: a school year, an age, a child named as one. */
const MINOR = new RegExp([
  '(?<![가-힣0-9])(?:초|중|고)[1-6](?![0-9])',
  '초등|중학생|중학교|고등학생|고등학교|여학생|남학생|초딩|중딩|고딩',
  '(?<![0-9])(?:[1-9]|1[0-7])\\s?살',
  '(?<![열물])(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)\\s?살(?!림)',
  '열(?:한|두|세|네|다섯|여섯|일곱)?\\s?살(?!림)',
  // Not the children a parent flees with ("애들 데리고 나왔어요"): that is the parent's danger.
  '(?<![가-힣])(?:애|아이)(?:가|를|는|한테)(?!\\s?(?:있|데리))',
  '(?<![가-힣])(?:애|아이|아기|애기)\\s?(?:우는|울음)',
  '(?<![가-힣])(?:아기|애기)(?!\\s?(?:있|데리))|(?<![가-힣])아가(?!씨)|우리\\s?(?:애|아이)(?![가-힣])',
].join('|'), 'u');

/** Hurt by other children (school violence): violence, not abuse by a carer. */
const BY_PEERS = /학교폭력|학폭|일진|(?:같은\s?반|반)\s?(?:애들|친구들?|남자애들|여자애들)(?:이|한테|에게)|(?:애들|친구들|선배들?|형들|언니들|누나들)(?:이|한테|에게)\s?(?:[가-힣]+\s){0,8}?(?:때리|때려|때렸|때림|괴롭|왕따|돈\s?뺏|삥|맞|불러내|담배빵|빵\s?셔틀|셔틀|빠따|집합|기합)/u;
/** A carer named beside it: a teacher, a parent, a step-parent (then it is abuse after all). */
const CARER = /담임|선생|교사|원장|전도사|목사|코치|계모|계부|새아빠|새엄마|의붓|(?:아빠|아버지|엄마|어머니|할머니|할아버지|삼촌|이모|고모)(?:가|이)\s?(?:[가-힣]+\s){0,3}?(?:때|가두|가둬|굶|던지)/u;
/** The writer's own age, 18 or more. */
const WRITER_ADULT_AGE = /(?<![가-힣])(?:저|나|제가|전|난)(?:는|은)?\s?(?:1[89]|[2-9][0-9])\s?살/u;

/** The writer introducing themself by their role. */
const WRITER_ROLE = /(?:담임\s?교사|담임|교사|선생님?|원장|코치|상담\s?교사)(?:입니다|인데요|이에요|예요|이고요)/gu;
/** A date hurts the teenager (dating violence: violence). */
const BY_A_DATE = /남친|남자\s?친구|여친|여자\s?친구|애인(?:이|한테|에게)|사귀(?:던|는)|헤어지자|헤어진/u;
/** A parent's partner is a carer: what they do to the child is abuse. */
const PARENTS_PARTNER = /(?:엄마|어머니|아빠|아버지|언니|누나)(?:의|가)?\s?(?:남친|남자\s?친구|여친|여자\s?친구|애인)|(?:남친|남자\s?친구|애인)(?:이|가)\s?(?:제|내|우리)\s?(?:아들|딸|애|아이)|(?:제|내)\s?(?:남친|남자\s?친구|애인)(?:이|가)/u;

const ADULT = '(?:엄마|어머니|어머님|할머니|할머님|할아버지|할아버님|할매|할배|아내|와이프|마누라|부인|누나|언니|여동생|어르신|노인)';
/** Done to someone: as the object, or as the one who is hit. */
const DONE = '(?:때[리려렸린림]|패|팬|밀쳐|밀치|머리채|발로|주먹|목을|가두|가둬|굶기|폭행|욕하|협박)';
/** An adult named as the one hurt: the object of the deed, or the one hit or bruised. */
const ADULT_HURT = new RegExp([
  `${ADULT}(?:를|을|\\s?또)\\s?(?:[가-힣]+\\s){0,2}?${DONE}`,
  `${ADULT}\\s?${'(?:머리채|멱살)'}`,
  `${ADULT}\\s?(?:머리|얼굴|몸)(?:를|을)\\s?(?:[가-힣]+\\s){0,2}?(?:박|때|쳤|밀)`,
  `${ADULT}\\s?(?:팔|얼굴|몸|눈|다리|등|손목)(?:에|이|가)?\\s?(?:멍|상처|피가)`,
  `${ADULT}\\s?밥(?:을|도)?\\s?(?:안\\s?주|굶)`,
  `${ADULT}(?:가|이)?\\s?(?:피|코피)(?:를|가)?\\s?(?:흘리|나)`,
  // A parent hurt by a grown child: "아들놈이 … 내를 밀쳐뿌가".
  '(?:아들|딸|손자|사위|며느리)(?:놈|년|내미|녀석)?(?:이|가)\\s?(?:[가-힣]+\\s){0,4}?(?:나를|내를|날|저를|절)(?![가-힣]*(?:도|까지))',
  `${ADULT}(?:\\s?한\\s?분)?(?:가|이|께서|는)\\s?(?:[가-힣]+\\s){0,3}?(?:[가-힣]*(?:한테|에게)\\s?)?(?:맞|멍)`,
].join('|'), 'u');

/** The writer hurt by a spouse or an in-law: the writer is the adult, whoever else is named. */
const WRITER_HURT_BY_FAMILY = new RegExp(
  `(?:남편|신랑|와이프|아내|시어머니|시아버지|시누이|시댁)(?:이|가|은|는)\\s?(?:[가-힣]+\\s){0,5}?(?:저를|나를|절|날)\\s?(?:[가-힣]+\\s){0,2}?${DONE}`, 'u');

/** Hurt at work by a foreman or a boss (a minor at work is the child's case, above). */
const AT_WORK = /(?:반장|작업반장|사장|팀장|과장|부장|상사|관리자|매니저)(?:님)?(?:이|가|한테|에게)/u;

/** Abuse of an elder in care: the care home, dementia, a daughter-in-law, an elder sister-in-law. */
const ELDER_CARE = /요양원|요양병원|요양보호사|간병인|치매|며느리(?:가|는|이|랑)|형님/u;
const CHILD_NAMED = /(?<![가-힣])(?:딸|아들|손자|손녀|조카|자녀|손주|막내)(?!\s?(?:한테|에게|놈|내외|며느리|부부))|아동|어린이|꼬마|원아/u;

/** The writer themself, or a sibling, is hurt too: a child among the victims. */
const CHILD_ALSO_HURT = /(?<![가-힣])(?:저|나|제|내|동생)(?:를|을|도|까지)\s?(?:[가-힣]+\s){0,2}?(?:때|가두|가둬|맞|굶)|(?<![가-힣])절\s?(?:때|가두)/u;

/** A child left without food or carers: neglect is the child's, whoever else was hurt. */
const NEGLECT = /먹을\s?(?:게|것이?)\s?없|굶|혼자\s?두고|(?:저|나)(?:랑|하고)\s?동생(?:\([^)]*\))?\s?(?:만|둘)|며칠째\s?안\s?(?:들어|와)/u;

/** A minor hurt by a carer; an adult; a minor hurt by other children or a date (violence too). */
export type Victim = 'minor' | 'adult' | 'peers';

/** Whose the violence is, when the message says; null when it leaves it to the classifier. */
export function victimOf(text: string): Victim | null {
  const t = text.normalize('NFC');
  // The writer says they are grown up ("저는 25살이고"): whatever else reads young.
  if (WRITER_ADULT_AGE.test(t)) return 'adult';
  const minor = MINOR.test(t);
  if (WRITER_HURT_BY_FAMILY.test(t)) return 'adult';
  const adult = ADULT_HURT.test(t);
  if (adult && !(minor && (CHILD_ALSO_HURT.test(t) || NEGLECT.test(t)))) return 'adult';
  // Classmates or a date, with no carer or neglect named: violence among the young.
  // A teacher who writes in is the one reporting, not the one who hurt ("담임교사입니다").
  const noCarer = !CARER.test(t.replace(WRITER_ROLE, '')) && !NEGLECT.test(t);
  if (minor) return noCarer && !PARENTS_PARTNER.test(t) && (BY_PEERS.test(t) || BY_A_DATE.test(t)) ? 'peers' : 'minor';
  if (noCarer && BY_PEERS.test(t)) return 'peers';
  if (AT_WORK.test(t) || (ELDER_CARE.test(t) && !CHILD_NAMED.test(t))) return 'adult';
  return null;
}

/** A pet named as the one who hits, bites or scratches. */
const BY_AN_ANIMAL = /(?:강아지|고양이|냥이|댕댕이|멍멍이|햄스터|앵무새|토끼|우리\s?개)(?:가|이)\s?(?:[가-힣]+\s){0,4}?(?:때리|때려|때렸|때림|물어|물었|물림|깨물|할퀴|쪼아|긁)/u;
/** A person named as the one who does it: then the pet is beside the point. */
const BY_A_PERSON = new RegExp(
  '(?:남편|신랑|아내|와이프|아빠|아버지|엄마|어머니|오빠|형|누나|언니|동생|아들|딸|남친|남자\\s?친구|여친|애인|시어머니|시아버지|며느리|사위|계부|계모|새아빠|새엄마|삼촌|선생님?|선배|친구들?|애들|사장|팀장|반장|상사|그\\s?사람|그\\s?놈)(?:이|가|님이|께서|한테|에게)', 'u');

/** The message tells of a pet's claws or teeth, not of a person's violence ("고양이가 저를 때려요 ㅋㅋ"). */
export const doneByAnAnimal = (text: string): boolean => {
  const t = text.normalize('NFC');
  return BY_AN_ANIMAL.test(t) && !BY_A_PERSON.test(t);
};
