import type { FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../../../common/rest/problem.js';

/** Same problem type namespace as the rest of the server, so clients can match on `type`. */
const TYPE_BASE = 'https://bokji.local/problems/';

export function sendProblem(
  reply: FastifyReply,
  status: number,
  slug: string,
  title: string,
  detail: string,
  extra: { errors?: Problem['errors']; headers?: Record<string, string> } = {},
): FastifyReply {
  for (const [k, v] of Object.entries(extra.headers ?? {})) reply.header(k, v);
  const body: Problem = {
    type: TYPE_BASE + slug,
    title,
    status,
    detail,
    instance: reply.request.url.split('?')[0],
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(body);
}
