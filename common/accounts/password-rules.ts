/**
 * The password rule of Korean public-sector systems (행정안전부 정보보안 기본지침 style): at
 * least 10 characters of two kinds, or 8 of three kinds, among letters, digits and symbols; and
 * not the user name. The server also refuses the last 3 passwords (it alone knows them). Pure,
 * so the desk can tell the counsellor before it asks the server.
 */
export const PASSWORD_HISTORY = 3;

const KINDS: readonly [string, RegExp][] = [
  ['영문자', /\p{L}/u],
  ['숫자', /\p{Nd}/u],
  ['특수문자', /[^\p{L}\p{Nd}\s]/u],
];

/** Why the password is not acceptable (Korean, with English), or null when it is. */
export function passwordRuleViolation(password: string, username: string): string | null {
  const length = [...password].length;
  const kinds = KINDS.filter(([, re]) => re.test(password)).length;
  if (!(length >= 10 && kinds >= 2) && !(length >= 8 && kinds >= 3)) {
    return '비밀번호는 영문자·숫자·특수문자 중 2종류 이상으로 10자 이상, 또는 3종류로 8자 이상이어야 합니다 (at least 10 characters of two kinds of letters/digits/symbols, or 8 of all three).';
  }
  const name = username.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name)) {
    return '비밀번호에 아이디를 넣을 수 없습니다 (the password must not contain the user name).';
  }
  return null;
}
