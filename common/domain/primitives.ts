import { z } from 'zod';

/** Client- or server-generated record id. Call logs, messages and notes use client UUIDs. */
export const Uuid = z.uuid();
export type Uuid = z.infer<typeof Uuid>;

/** An instant, ISO 8601 with offset (the server writes UTC `Z`). */
export const Instant = z.iso.datetime({ offset: true });
export type Instant = z.infer<typeof Instant>;

/** Optimistic-concurrency version; the ETag of a record is `"<version>"`. */
export const Version = z.number().int().nonnegative();

/** Free text a person typed: trimmed length limits keep rows and screens sane. */
export const text = (max: number) => z.string().max(max);
export const nonEmptyText = (max: number) => z.string().trim().min(1).max(max);

/** Longest reply a counsellor may send (KakaoTalk 상담톡 text limit is 1,000 characters). */
export const MESSAGE_MAX_LENGTH = 1000;

/**
 * A link a citizen or counsellor may open: http: or https: only, so a `javascript:` or `data:`
 * link can never reach a screen or a KakaoTalk button.
 */
export const HttpUrl = z
  .string()
  .max(2048, '주소가 너무 깁니다 (max 2048 characters)')
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'http:// 또는 https:// 로 시작하는 주소여야 합니다 (only http and https URLs)');
export const isHttpUrl = (v: string | null | undefined): v is string => typeof v === 'string' && HttpUrl.safeParse(v).success;
