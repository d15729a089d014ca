import type { FastifyInstance } from 'fastify';
import { ProblemError } from './problem.js';

/** Where in a parsed value a string (or key) holds U+0000, as a dotted path; null when none. */
export function findNulByte(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  // Parsed JSON nests only as deep as the body limit allows; the cap keeps this walk cheap anyway.
  if (depth > 64 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [key, child] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (key.includes('\u0000')) return at;
    const found = findNulByte(child, at, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses a NUL character (U+0000) anywhere in a request's path parameters, query or JSON body
 * with a 400. PostgreSQL cannot store it in text and fails the whole statement, which would be a
 * 5xx; no field of this API has a use for it. (The Kakao webhook parses its own raw body and
 * strips it from citizens' text instead: a citizen's message must not be lost for it.)
 */
export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const where =
      findNulByte(request.params, 'params') ?? findNulByte(request.query, 'querystring') ?? findNulByte(request.body, 'body');
    if (where) {
      throw new ProblemError(400, 'validation', '입력값 오류 (validation failed)',
        `${where}: NUL 문자(\\u0000)는 쓸 수 없습니다. 지우고 다시 보내세요 (NUL characters are not allowed).`,
        { errors: [{ path: where, message: 'NUL 문자(\\u0000)는 쓸 수 없습니다 (NUL characters are not allowed)' }] });
    }
  });
}
