import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../../common/rest/problem.js';
import { isTransientConflict } from '../db/unique-violation.js';

const TYPE_BASE = 'https://bokji.local/problems/';

/** An error that becomes an RFC 9457 problem response; throw it anywhere in a request. */
export class ProblemError extends Error {
  constructor(
    public readonly status: number,
    public readonly slug: string,
    public readonly title: string,
    public readonly detail?: string,
    public readonly extra: { errors?: Problem['errors']; headers?: Record<string, string>; lockedUntil?: string } = {},
  ) {
    super(detail ?? title);
    this.name = 'ProblemError';
  }
}

export const problems = {
  badRequest: (detail: string, errors?: Problem['errors']) =>
    new ProblemError(400, 'bad-request', '잘못된 요청입니다 (bad request)', detail, { errors }),
  unauthorized: (detail = '로그인이 필요합니다. 다시 로그인하세요 (sign in again).') =>
    new ProblemError(401, 'unauthorized', '인증 필요 (unauthorized)', detail, {
      headers: { 'www-authenticate': 'Bearer realm="bokji"' },
    }),
  forbidden: (detail = '관리자만 할 수 있는 작업입니다 (admin role required).') =>
    new ProblemError(403, 'forbidden', '권한 없음 (forbidden)', detail),
  notFound: (what: string, id: string) =>
    new ProblemError(404, 'not-found', '찾을 수 없음 (not found)', `${what} '${id}' 이(가) 없습니다 (does not exist).`),
  conflict: (detail: string, headers?: Record<string, string>) =>
    new ProblemError(409, 'conflict', '충돌 (conflict)', detail, { headers }),
  preconditionFailed: (current: number) =>
    new ProblemError(
      412,
      'stale-version',
      '다른 사람이 먼저 수정했습니다 (stale version)',
      `기록이 이미 바뀌었습니다. 최신 버전 "${current}" 을(를) 불러와 다시 적용하세요 (record is at version ${current}; reload and retry).`,
      { headers: { etag: `"${current}"` } },
    ),
  preconditionRequired: () =>
    new ProblemError(
      428,
      'if-match-required',
      'If-Match 헤더가 필요합니다 (precondition required)',
      '수정하려면 읽어 온 버전을 If-Match 헤더로 보내세요, 예: If-Match: "3" (send the ETag you read as If-Match).',
    ),
  sessionIdle: (minutes: number) =>
    new ProblemError(401, 'session-idle', '오래 쓰지 않아 로그인이 끝났습니다 (session idle)',
      `${minutes}분 넘게 사용하지 않아 보안을 위해 로그아웃되었습니다. 다시 로그인하세요 (token unused for over ${minutes} min; sign in again).`,
      { headers: { 'www-authenticate': 'Bearer realm="bokji", error="invalid_token"' } }),
  accountLocked: (until: string) =>
    new ProblemError(423, 'account-locked', '계정이 잠겼습니다 (account locked)',
      `로그인에 여러 번 실패하여 계정이 ${until} 까지 잠겼습니다. 그 뒤에 다시 시도하거나 관리자에게 잠금 해제를 요청하세요 (locked until ${until}, or ask an admin to unlock).`,
      { lockedUntil: until }),
  passwordChangeRequired: () =>
    new ProblemError(403, 'password-change-required', '비밀번호를 바꿔야 합니다 (password change required)',
      '관리자가 만들거나 초기화한 비밀번호입니다. POST /api/v1/auth/password 로 새 비밀번호를 정한 뒤 이용하세요 (set your own password first).'),
  weakPassword: (detail: string) => new ProblemError(400, 'weak-password', '비밀번호 규칙에 맞지 않습니다 (weak password)', detail),
  tooManyFailures: (retryAfterSec: number) =>
    new ProblemError(429, 'rate-limited', '요청이 너무 많습니다 (too many requests)',
      `인증 실패가 너무 많습니다. ${retryAfterSec}초 뒤에 다시 시도하세요 (too many failed authentications from this address).`,
      { headers: { 'retry-after': String(retryAfterSec) } }),
  unprocessable: (detail: string) => new ProblemError(422, 'unprocessable', '처리할 수 없는 요청 (unprocessable)', detail),
};

function send(reply: FastifyReply, request: FastifyRequest, problem: Problem, headers?: Record<string, string>) {
  if (headers) for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...problem, instance: problem.instance ?? request.url.split('?')[0] });
}

/** The one problem+json body of the service (RFC 9457): every error response is built here. */
export const problemBody = (status: number, slug: string, title: string, detail?: string): Problem => ({
  type: TYPE_BASE + slug,
  title,
  status,
  ...(detail ? { detail } : {}),
});
const make = problemBody;

/**
 * Sends a problem from a route that answers by itself instead of throwing (the Kakao webhook,
 * whose error handler is scoped to it): same body, same type namespace.
 */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  slug: string,
  title: string,
  detail: string,
  extra: { errors?: Problem['errors']; headers?: Record<string, string> } = {},
): FastifyReply {
  return send(reply, reply.request, { ...problemBody(status, slug, title, detail), ...(extra.errors ? { errors: extra.errors } : {}) }, extra.headers);
}

/** Maps fastify's built-in error codes to problems a person can act on. */
function fromFastifyError(err: FastifyError): Problem | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return make(413, 'body-too-large', '요청 본문이 너무 큽니다 (payload too large)', '본문은 256 KiB 이하여야 합니다 (max 256 KiB).');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return make(415, 'unsupported-media-type', '지원하지 않는 형식 (unsupported media type)', 'Content-Type: application/json 으로 보내세요.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return make(400, 'bad-request', '잘못된 요청입니다 (bad request)', 'JSON 본문이 비어 있습니다 (empty JSON body).');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return make(400, 'bad-request', '잘못된 요청입니다 (bad request)', `JSON을 읽을 수 없습니다 (malformed JSON): ${err.message}`);
    case 'FST_ERR_VALIDATION':
      return make(400, 'validation', '입력값 오류 (validation failed)', err.message);
    default:
      break;
  }
  if (err instanceof SyntaxError) {
    return make(400, 'bad-request', '잘못된 요청입니다 (bad request)', `JSON을 읽을 수 없습니다 (malformed JSON): ${err.message}`);
  }
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return make(err.statusCode, 'http-' + err.statusCode, err.message || 'client error');
  }
  return null;
}

export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof ProblemError) {
      return send(
        reply,
        request,
        {
          ...make(error.status, error.slug, error.title, error.detail),
          ...(error.extra.errors ? { errors: error.extra.errors } : {}),
          ...(error.extra.lockedUntil ? { lockedUntil: error.extra.lockedUntil } : {}),
        },
        error.extra.headers,
      );
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        path: [error.validationContext ?? 'body', ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid',
      }));
      const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
      return send(reply, request, { ...make(400, 'validation', '입력값 오류 (validation failed)', detail), errors });
    }
    const fe = error as FastifyError;
    if (fe.statusCode === 429) {
      return send(reply, request, make(429, 'rate-limited', '요청이 너무 많습니다 (too many requests)', fe.message));
    }
    if (isTransientConflict(error)) {
      // PostgreSQL broke a deadlock between two writes by cancelling this one: nothing was written.
      return send(reply, request, make(409, 'conflict', '충돌 (conflict)', '같은 기록을 동시에 바꾸는 요청이 있었습니다. 잠시 뒤 다시 시도하세요 (concurrent update; retry).'), { 'retry-after': '1' });
    }
    const mapped = fromFastifyError(fe);
    if (mapped) return send(reply, request, mapped);
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, make(500, 'internal', '서버 오류 (internal error)', '서버에서 예기치 않은 오류가 났습니다. 관리자에게 알려 주세요.'));
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, request, make(404, 'not-found', '찾을 수 없음 (not found)', `${request.method} ${request.url.split('?')[0]} 경로가 없습니다 (no such route).`)),
  );
}
