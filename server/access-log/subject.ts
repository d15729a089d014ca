import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AccessSubjectInput } from '../../common/rest/access-log.js';
import { normaliseKoreanPhone, phoneMatchKey } from '../../common/phone/index.js';
import { maskPhone } from '../../common/privacy/index.js';
import type { Database } from '../db/schema.js';

/**
 * Whose data an access-log entry is about, without putting the citizen's identifier into the
 * log in clear: a keyed hash (HMAC-SHA256 with the server's subject key, so the log alone cannot
 * be matched against a list of phone numbers) plus a masked form a reviewer can read.
 */
export interface Subject {
  hash: string;
  display: string;
}

export class SubjectKeyer {
  constructor(private readonly key: Buffer) {}

  static async load(db: Kysely<Database>): Promise<SubjectKeyer> {
    const row = await db.selectFrom('server_secrets').select('value').where('name', '=', 'subject_key').executeTakeFirstOrThrow();
    return new SubjectKeyer(Buffer.from(row.value, 'base64url'));
  }

  private mac(kind: string, value: string): string {
    return createHmac('sha256', this.key).update(`${kind}:${value}`).digest('hex');
  }

  of(input: AccessSubjectInput | null | undefined): Subject | null {
    if (!input) return null;
    if ('phone' in input) {
      const normal = normaliseKoreanPhone(input.phone) ?? phoneMatchKey(input.phone);
      if (!normal) return null;
      return { hash: this.mac('phone', normal), display: maskPhone(normal) };
    }
    return { hash: this.mac('citizen', input.citizenKey), display: maskCitizenKey(input.citizenKey) };
  }

  /** Hashes an admin's search term may stand for: a hash itself, a citizen key, or a phone number. */
  candidates(term: string): string[] {
    const t = term.trim();
    if (/^[0-9a-f]{64}$/.test(t)) return [t];
    const out = [this.mac('citizen', t)];
    const phone = normaliseKoreanPhone(t);
    if (phone) out.push(this.mac('phone', phone));
    return out;
  }
}

/** A Kakao user_key as a reviewer sees it: its first and last two characters. */
export function maskCitizenKey(key: string): string {
  if (key.length <= 4) return '*'.repeat(key.length);
  return `${key.slice(0, 2)}${'*'.repeat(Math.min(key.length - 4, 6))}${key.slice(-2)}`;
}
