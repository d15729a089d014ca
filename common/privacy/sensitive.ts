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

/**
 * YYMMDD, an optional hyphen or space, then the 7-digit back part whose first digit is the
 * century/sex code: 1–4 (and 9/0 for the 1800s) for citizens, 5–8 for registered foreigners.
 * Digits on either side mean it is part of a longer number, not a 주민등록번호.
 */
const RESIDENT_PATTERN = /(?<!\d)(\d{2})(\d{2})(\d{2})[ \t]?[-‐‑–][ \t]?([0-9])(\d{6})(?!\d)|(?<!\d)(\d{2})(\d{2})(\d{2})[ \t]?([0-9])(\d{6})(?!\d)/g;

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
    const [yy, mm, dd, code] = m[1] !== undefined ? [m[1], m[2]!, m[3]!, m[4]!] : [m[6]!, m[7]!, m[8]!, m[9]!];
    const kind = residentKind(yy, mm, dd, code);
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
  const digits = span.replace(/\D/g, '');
  return `${digits.slice(0, 6)}-${digits[6]}******`;
}

/**
 * Masks 주민등록번호 and 외국인등록번호 as YYMMDD-G******: birth date and sex code stay readable for
 * eligibility questions, the part that identifies the person is gone. Idempotent.
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
