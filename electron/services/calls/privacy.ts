/**
 * 주민등록번호 masking for exports. common/privacy (channel engineer) provides the shared
 * maskResidentNumbers; until it lands this local rule keeps exports safe: YYMMDD-Gxxxxxx with a
 * plausible date and a gender digit 1-4, kept as YYMMDD-G******.
 */
const RESIDENT = /(?<!\d)(\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))\s?-?\s?([1-4])\d{6}(?!\d)/g;

export function maskResidentNumbers(text: string): string {
  return text.replace(RESIDENT, (_m, birth: string, g: string) => `${birth}-${g}******`);
}
