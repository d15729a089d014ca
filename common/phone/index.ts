import { AsYouType, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Korean phone numbers as counsellors type them (010-1234-5678, 02-123-4567, +82 10…) and as the
 * records store them: digits of the national format with the leading 0 (01012345678). One
 * normal form lets the caller's history match however the number was written.
 */
const STORED = /^0\d{8,10}$/;

/** Digits-only national form, or null when the text is not a valid Korean number with an area/mobile prefix. */
export function normaliseKoreanPhone(raw: string): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const parsed = parsePhoneNumberFromString(trimmed, 'KR');
  if (!parsed || parsed.country !== 'KR' || !parsed.isValid()) return null;
  const digits = parsed.format('NATIONAL').replace(/\D/g, '');
  // 1588-style service numbers have no leading 0 and cannot call back as a citizen's number.
  return STORED.test(digits) ? digits : null;
}

/** Looser key for matching stored text that may not be valid (old data): digits, +82 turned into 0. */
export function phoneMatchKey(raw: string): string {
  const normal = normaliseKoreanPhone(raw);
  if (normal) return normal;
  const digits = raw.replace(/\D/g, '');
  return digits.startsWith('82') && raw.trim().startsWith('+') ? `0${digits.slice(2)}` : digits;
}

/** Formats as typed: "0101234" -> "010-1234", "021234567" -> "02-123-4567". */
export function formatKoreanPhoneAsTyped(raw: string): string {
  if (!/\d/.test(raw)) return raw;
  return new AsYouType('KR').input(raw);
}

/** Display form of a stored number: 01012345678 -> 010-1234-5678. */
export function formatKoreanPhone(stored: string): string {
  const parsed = parsePhoneNumberFromString(stored, 'KR');
  return parsed && parsed.isValid() ? parsed.format('NATIONAL') : stored;
}

/** Hides the middle part: 010-****-5678, 02-***-4567. */
export function maskKoreanPhone(stored: string): string {
  const shown = formatKoreanPhone(stored);
  const parts = shown.split('-');
  if (parts.length === 3) return `${parts[0]}-${'*'.repeat(parts[1]!.length)}-${parts[2]}`;
  const digits = stored.replace(/\D/g, '');
  return digits.length > 4 ? `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}` : '****';
}
