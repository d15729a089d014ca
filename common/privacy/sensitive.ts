import { findPhoneNumbersInText } from 'libphonenumber-js';

/**
 * Personal numbers that must not travel or be stored in clear: the composer warns before they are
 * sent, the server masks 주민등록번호 before it stores a citizen's message (DESIGN.md §7).
 */
export const SENSITIVE_KINDS = ['resident_number', 'foreigner_number', 'phone', 'card', 'account'] as const;
export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];

export const SENSITIVE_KIND_LABELS: Record<SensitiveKind, string> = {
  resident_number: '주민등록번호',
  foreigner_number: '외국인등록번호',
  phone: '전화번호',
  card: '카드번호',
  account: '계좌번호 등 긴 숫자',
};

export interface SensitiveSpan {
  kind: SensitiveKind;
  /** [start, end) UTF-16 offsets into the text. */
  start: number;
  end: number;
  text: string;
}

/** ASCII or full-width (０-９) digits: people paste numbers from forms and IMEs that use either. */
const DIGIT = '[0-9\uFF10-\uFF19]';
/** Hyphens and dashes of every width, the minus sign, dot, underscore, middle dot. */
const SEPARATOR = '[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D._\u00B7\uFF0E\uFF3F]';
const SPACE = '[ \\t\u00A0\u3000]';

/**
 * YYMMDD, a separator (any dash, `.`, `_`, spaces) or none, then the 7-digit back part whose
 * first digit is the century/sex code: 1–4 (and 9/0 for the 1800s) for citizens, 5–8 for
 * registered foreigners; a space may follow the code (`-1 234567`). Digits on either side mean
 * it is part of a longer number. The birth date must be real (checked below), which keeps
 * phone, account and order numbers out.
 */
const RESIDENT_PATTERN = new RegExp(
  `(?<!${DIGIT})(${DIGIT}{6})((?:${SPACE}{0,2}${SEPARATOR}${SPACE}{0,2})|${SPACE}{1,2})?(${DIGIT})${SPACE}?(${DIGIT}{6})(?!${DIGIT})`,
  'g',
);

/** Full-width digits as ASCII. */
const asciiDigits = (text: string) => text.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));

const CENTURY_BY_CODE: Record<string, number> = { 9: 1800, 0: 1800, 1: 1900, 2: 1900, 3: 2000, 4: 2000, 5: 1900, 6: 1900, 7: 2000, 8: 2000 };

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last;
}

function residentKind(yy: string, mm: string, dd: string, code: string): SensitiveKind | null {
  const century = CENTURY_BY_CODE[code];
  if (century === undefined) return null;
  if (!isRealDate(century + Number(yy), Number(mm), Number(dd))) return null;
  return Number(code) >= 5 && Number(code) <= 8 ? 'foreigner_number' : 'resident_number';
}

function findResidentNumbers(text: string): SensitiveSpan[] {
  const spans: SensitiveSpan[] = [];
  for (const m of text.matchAll(RESIDENT_PATTERN)) {
    const birth = asciiDigits(m[1]!);
    const kind = residentKind(birth.slice(0, 2), birth.slice(2, 4), birth.slice(4, 6), asciiDigits(m[3]!));
    if (kind) spans.push({ kind, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return spans;
}

/**
 * Long numbers: digit groups joined by hyphens (accounts such as 110-123-456789), or card-style
 * groups of four joined by spaces. Words or other spacing end a number, so two numbers written
 * side by side are not read as one.
 */
const LONG_NUMBER = /(?<![\d-])(?:\d{4}(?: \d{4}){2,3}(?: \d{1,3})?|\d+(?:-\d+)*)(?![\d])/g;
const MIN_LONG_DIGITS = 10;

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function findPhones(text: string): SensitiveSpan[] {
  const spans: SensitiveSpan[] = [];
  for (const found of findPhoneNumbersInText(text, 'KR')) {
    const written = text.slice(found.startsAt, found.endsAt);
    // People write a personal number with its 0 prefix or +82; without one it is more likely a
    // date (2026-11-28) or a 1588-style service number of a business.
    if (!/^(?:0|\+\s*82)/.test(written)) continue;
    if (found.number.countryCallingCode !== '82') continue;
    spans.push({ kind: 'phone', start: found.startsAt, end: found.endsAt, text: written });
  }
  return spans;
}

const overlaps = (a: SensitiveSpan, b: SensitiveSpan) => a.start < b.end && b.start < a.end;

/**
 * Every sensitive number in `text`, in order, without overlaps. A 주민등록번호 wins over a phone or
 * card reading of the same digits; a valid Korean phone number wins over a generic long number.
 */
export function findSensitive(text: string): SensitiveSpan[] {
  const chosen: SensitiveSpan[] = [];
  const add = (span: SensitiveSpan) => {
    if (!chosen.some((c) => overlaps(c, span))) chosen.push(span);
  };
  findResidentNumbers(text).forEach(add);
  findPhones(text).forEach(add);
  for (const m of text.matchAll(LONG_NUMBER)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < MIN_LONG_DIGITS) continue;
    const kind: SensitiveKind = digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? 'card' : 'account';
    add({ kind, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** Whether the text holds anything the composer should warn about. */
export function hasSensitive(text: string): boolean {
  return findSensitive(text).length > 0;
}

function maskResident(span: string): string {
  const digits = asciiDigits(span).replace(/\D/g, '');
  // Written without a separator it stays as long as it was, so a field at its length limit still fits.
  return digits.length === span.length ? `${digits.slice(0, 7)}******` : `${digits.slice(0, 6)}-${digits[6]}******`;
}

/**
 * Masks 주민등록번호 and 외국인등록번호 as YYMMDD-G****** (YYMMDDG****** when written without a
 * separator): birth date and sex code stay readable for eligibility questions, the part that
 * identifies the person is gone. Never longer than the input, idempotent. This is the one
 * masking the server applies to every free-text field before it stores anything.
 */
export function maskResidentNumbers(text: string): string {
  return replaceSpans(text, findResidentNumbers(text), (s) => maskResident(s.text));
}

/** Masks every sensitive number: registration numbers as above, phones as 010-****-5678, others to the last 4 digits. */
export function maskSensitive(text: string): string {
  return replaceSpans(text, findSensitive(text), (s) => {
    switch (s.kind) {
      case 'resident_number':
      case 'foreigner_number':
        return maskResident(s.text);
      case 'phone':
        return maskPhone(s.text);
      default:
        return s.text.replace(/\d(?=(?:\D*\d){4})/g, '*');
    }
  });
}

function replaceSpans(text: string, spans: SensitiveSpan[], mask: (s: SensitiveSpan) => string): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + mask(span);
    at = span.end;
  }
  return out + text.slice(at);
}

/**
 * A phone number with its middle part hidden: 010-1234-5678 -> 010-****-5678, 02-123-4567 ->
 * 02-***-4567, +82 10 1234 5678 -> 010-****-5678. Anything unparseable keeps only its last 4 digits.
 */
export function maskPhone(phone: string): string {
  let digits = phone.replace(/\D/g, '');
  if (phone.trim().startsWith('+82') || (digits.startsWith('82') && digits.length >= 11 && !digits.startsWith('820'))) {
    digits = `0${digits.slice(2)}`;
  }
  const groups =
    /^(050\d)(\d{3,4})(\d{4})$/.exec(digits) ??
    /^(02)(\d{3,4})(\d{4})$/.exec(digits) ??
    /^(0\d{2})(\d{3,4})(\d{4})$/.exec(digits) ??
    /^(0\d{3})(\d{4})(\d{4})$/.exec(digits);
  if (groups) return `${groups[1]}-${'*'.repeat(groups[2]!.length)}-${groups[3]}`;
  if (digits.length <= 4) return '*'.repeat(digits.length) || '****';
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}
