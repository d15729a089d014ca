import type { FastifyInstance } from 'fastify';
import { maskResidentNumbers } from '../../common/privacy/index.js';

/** Body members that are secrets, not text about a citizen: passed on untouched (and never stored in clear anyway). */
const SECRET_KEYS = new Set(['password', 'current', 'next']);

/** A copy of a parsed JSON value with every string run through the one masking function. */
export function maskStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskResidentNumbers(value);
  if (depth > 64 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map((v) => maskStrings(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k) ? v : maskStrings(v, depth + 1)]));
}

/**
 * 주민등록번호 never reaches storage (DESIGN.md §7): every string of every validated request body
 * — messages, notes, call-log fields, conversation name/summary/comment, canned replies,
 * programme and broadcast texts — is masked before a handler sees it, so no route can forget a
 * field, and the database, the change feed and the stored idempotency responses only ever hold
 * the masked text. (The Kakao webhook parses its own raw body and masks the citizen's message there.)
 */
export function installBodyMasking(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    if (request.body !== null && typeof request.body === 'object' && !Buffer.isBuffer(request.body)) {
      request.body = maskStrings(request.body);
    }
  });
}
