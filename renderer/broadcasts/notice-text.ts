import { maskResidentNumbers } from '../../common/privacy/index.js';
import { BROADCAST_MAX_LENGTH, INSECURE_LINK, noticeText } from '../../common/subscriptions/index.js';

export interface NoticeCheck {
  /** The text as the citizen reads it: title line, body, 주민등록번호 masked like the server stores it. */
  text: string;
  length: number;
  tooLong: boolean;
  /** A http:// (or ftp://) link in the title or the body. */
  insecureLink: boolean;
  /** Whether masking changed the text. */
  masked: boolean;
}

/** What the preview shows and what the form refuses before the server does (same rules: common/subscriptions). */
export function checkNotice(title: string, body: string): NoticeCheck {
  const raw = noticeText(title.trim(), body.trim());
  const text = maskResidentNumbers(raw);
  return {
    text,
    length: text.length,
    tooLong: text.length > BROADCAST_MAX_LENGTH,
    insecureLink: INSECURE_LINK.test(title) || INSECURE_LINK.test(body),
    masked: text !== raw,
  };
}

export const isHttpsUrl = (u: string): boolean => {
  try {
    return new URL(u.trim()).protocol === 'https:';
  } catch {
    return false;
  }
};
