import { type z } from 'zod';
import {
  API_BASE, CallLog, DESK_ID_HEADER, type CannedReplyInput, CallLogHistoryResponse, Conversation, LoginResponse, MeResponse, Message, PROBLEM_CONTENT_TYPE, Problem, PullResponse,
} from '../../../common/rest/index.js';
import { CannedReply, Programme, type CallLogInput, type ConversationPatch, type NewMessage, type ProgrammeInput } from '../../../common/domain/index.js';
import { parseRetryAfter } from '../../../common/retry/index.js';
import { AccessLogBatchResponse, type DeskAccessEvent } from '../access/access-event.js';
import { RestError, kindForStatus } from './rest-error.js';

export interface RestClientOptions {
  /** Server base URL without /api/v1; read per request because a login may change it. */
  baseUrl: () => string;
  /** The bearer token, or null when signed out. Never logged. */
  token: () => string | null;
  timeoutMs?: number;
  now?: () => Date;
  fetch?: typeof fetch;
  /** This installation (X-Bokji-Desk-Id): the server writes it into the access log. */
  deskId?: string;
  /**
   * Signed in offline from the replica without a live token: requests wait (retryable) instead of
   * signing the counsellor out while the network is down.
   */
  offlineWithoutToken?: () => boolean;
}

interface RequestOptions<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** A list is sent as the parameter repeated (topics=a&topics=b). */
  query?: Record<string, string | readonly string[] | undefined>;
  body?: unknown;
  schema: S | null;
  ifMatch?: number | null;
  idempotencyKey?: string;
  auth?: boolean;
  signal?: AbortSignal;
}

export interface Versioned<T> {
  data: T;
  /** From the ETag header when present. */
  version: number | null;
}

function describeNetworkError(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return '서버 응답 시간이 초과되었습니다 (request timed out)';
  const code = e?.cause?.code ?? '';
  return `서버에 연결할 수 없습니다 (${code || e?.cause?.message || e?.message || 'network error'})`;
}

/** A typed client for the REST contract (common/rest/contract.ts): every response is parsed. */
export function createRestClient(options: RestClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 15_000;

  function url(path: string, query?: Record<string, string | readonly string[] | undefined>): string {
    const base = options.baseUrl().replace(/\/+$/, '');
    const u = new URL(`${base}${API_BASE}${path}`);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (typeof v === 'string') u.searchParams.set(k, v);
      else if (v) for (const item of v) u.searchParams.append(k, item);
    }
    return u.toString();
  }

  function headersFor(opts: { auth?: boolean; ifMatch?: number | null; idempotencyKey?: string; json?: boolean }): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.deskId) headers[DESK_ID_HEADER] = options.deskId;
    if (opts.json) headers['content-type'] = 'application/json';
    if (opts.auth !== false) {
      const token = options.token();
      if (!token && options.offlineWithoutToken?.()) {
        throw new RestError('retryable', '오프라인으로 로그인했습니다. 서버에 연결되면 로그아웃 후 다시 로그인해야 보낼 수 있습니다.');
      }
      if (!token) throw new RestError('unauthenticated', '로그인이 필요합니다 (not signed in)', 401);
      headers.authorization = `Bearer ${token}`;
    }
    if (opts.ifMatch !== undefined && opts.ifMatch !== null) headers['if-match'] = `"${opts.ifMatch}"`;
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    return headers;
  }

  async function errorFrom(res: Response): Promise<RestError> {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), now());
    let problem: Problem | null = null;
    const text = await res.text().catch(() => '');
    if (text) {
      try {
        const parsed = Problem.safeParse(JSON.parse(text));
        if (parsed.success) problem = parsed.data;
      } catch {
        // A proxy's HTML error page: keep the status line.
      }
    }
    // A 409 with Retry-After is "the same request is still in flight": it resolves by waiting.
    const kind = res.status === 409 && retryAfterMs !== null ? 'retryable' : kindForStatus(res.status);
    const fieldErrors = problem?.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
    const message = problem
      ? [problem.detail ?? problem.title, fieldErrors].filter(Boolean).join(' — ')
      : `서버 오류 ${res.status} ${res.statusText}`.trim();
    return new RestError(kind, message, res.status, retryAfterMs, problem);
  }

  async function request<S extends z.ZodType>(opts: RequestOptions<S>): Promise<Versioned<z.output<S>>> {
    const json = opts.body !== undefined;
    const headers = headersFor({ auth: opts.auth, ifMatch: opts.ifMatch, idempotencyKey: opts.idempotencyKey, json });
    const signal = opts.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await doFetch(url(opts.path, opts.query), {
        method: opts.method,
        headers,
        body: json ? JSON.stringify(opts.body) : undefined,
        signal,
      });
      if (!res.ok) throw await errorFrom(res);
      // Reading the body can fail too (connection reset mid-response): that is retryable.
      text = await res.text();
    } catch (err) {
      if (err instanceof RestError) throw err;
      throw new RestError('retryable', describeNetworkError(err));
    }
    const etag = res.headers.get('etag');
    const version = etag && /^(W\/)?"?(\d+)"?$/.test(etag) ? Number(etag.replace(/^(W\/)?"?(\d+)"?$/, '$2')) : null;
    if (!opts.schema) return { data: undefined as z.output<S>, version };
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      throw new RestError('retryable', `서버 응답을 읽을 수 없습니다 (${opts.method} ${opts.path}: not JSON)`, res.status);
    }
    const parsed = opts.schema.safeParse(body);
    if (!parsed.success) {
      const where = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new RestError('rejected', `서버 응답 형식이 계약과 다릅니다 (${opts.method} ${opts.path}: ${where})`, res.status);
    }
    return { data: parsed.data, version };
  }

  const enc = encodeURIComponent;
  return {
    request,
    login: (username: string, password: string) =>
      request({ method: 'POST', path: '/auth/login', body: { username, password }, schema: LoginResponse, auth: false }).then((r) => r.data),
    logout: () => request({ method: 'POST', path: '/auth/logout', schema: null }).then(() => undefined),
    /** Desk access events, idempotent by event id (a re-sent batch records nothing twice). */
    postAccessLog: (events: DeskAccessEvent[]) =>
      request({ method: 'POST', path: '/access-log', body: { events }, schema: AccessLogBatchResponse }).then((r) => r.data),
    me: () => request({ method: 'GET', path: '/me', schema: MeResponse }).then((r) => r.data),
    pull: (cursor: string, limit: number, signal?: AbortSignal) =>
      request({ method: 'GET', path: '/sync/pull', query: { cursor, limit: String(limit) }, schema: PullResponse, signal }).then((r) => r.data),
    getConversation: (id: string) => request({ method: 'GET', path: `/conversations/${enc(id)}`, schema: Conversation }),
    patchConversation: (id: string, patch: ConversationPatch, ifMatch: number | null, idempotencyKey: string) =>
      request({ method: 'PATCH', path: `/conversations/${enc(id)}`, body: patch, ifMatch, idempotencyKey, schema: Conversation }),
    postMessage: (conversationId: string, message: NewMessage) =>
      request({ method: 'POST', path: `/conversations/${enc(conversationId)}/messages`, body: message, idempotencyKey: message.id, schema: Message }),
    getCallLogHistory: (id: string) =>
      request({ method: 'GET', path: `/call-logs/${enc(id)}/history`, schema: CallLogHistoryResponse }).then((r) => r.data.revisions),
    getCallLog: (id: string) => request({ method: 'GET', path: `/call-logs/${enc(id)}`, schema: CallLog }),
    putCallLog: (id: string, input: CallLogInput, ifMatch: number | null, idempotencyKey: string) =>
      request({ method: 'PUT', path: `/call-logs/${enc(id)}`, body: input, ifMatch, idempotencyKey, schema: CallLog }),
    getProgramme: (id: string) => request({ method: 'GET', path: `/programmes/${enc(id)}`, schema: Programme }),
    putProgramme: (id: string, input: ProgrammeInput, ifMatch: number) =>
      request({ method: 'PUT', path: `/programmes/${enc(id)}`, body: input, ifMatch, schema: Programme }),
    postCannedReply: (id: string, input: CannedReplyInput) =>
      request({ method: 'POST', path: '/canned-replies', body: { id, ...input }, idempotencyKey: id, schema: CannedReply }),
    putCannedReply: (id: string, input: CannedReplyInput, ifMatch: number) =>
      request({ method: 'PUT', path: `/canned-replies/${enc(id)}`, body: input, ifMatch, schema: CannedReply }),
    deleteCannedReply: (id: string, ifMatch: number) =>
      request({ method: 'DELETE', path: `/canned-replies/${enc(id)}`, ifMatch, schema: null }).then(() => undefined),
    /** Opens the SSE stream; the caller reads the body. Errors are mapped like any request. */
    async openEvents(lastEventId: string | null, signal: AbortSignal): Promise<Response> {
      const headers = headersFor({});
      headers.accept = 'text/event-stream';
      if (lastEventId) headers['last-event-id'] = lastEventId;
      let res: Response;
      try {
        res = await doFetch(url('/events'), { headers, signal });
      } catch (err) {
        throw new RestError('retryable', describeNetworkError(err));
      }
      if (!res.ok) throw await errorFrom(res);
      if (!res.body) throw new RestError('retryable', '이벤트 스트림이 비어 있습니다 (empty SSE body)');
      return res;
    },
  };
}

export type RestClient = ReturnType<typeof createRestClient>;
export { PROBLEM_CONTENT_TYPE };
