import { DeskError, type DeskHandlers } from '../../../common/desk-api/index.js';
import { AccessLogPage, AccessLogReview, AccessLogReviewList, AccessLogVerifyResponse, DestructionList } from '../../../common/rest/access-log.js';
import type { RestClient } from '../rest/index.js';
import { onlineCall } from '../rest/online-call.js';
import type { SessionService } from '../session/session-service.js';

export interface AuditServiceDeps {
  rest: RestClient;
  session: SessionService;
}

/**
 * 접속기록 for the administrator: the server's access log (what the server served and what every
 * desk reported), its hash-chain check, the monthly review sign-off and the 파기 대장. Online only:
 * the log is the server's, and a desk keeps no copy of other counsellors' activity.
 */
export function createAuditService({ rest, session }: AuditServiceDeps): { handlers: DeskHandlers['audit'] } {
  const requireAdmin = () => {
    if (session.requireCounsellor().role !== 'admin') throw new DeskError('forbidden', '접속기록은 관리자만 볼 수 있습니다.');
  };
  const online = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    requireAdmin();
    return onlineCall(session, what, call);
  };

  return {
    handlers: {
      log: (args) =>
        online('접속기록을 불러오', async () => {
          const query: Record<string, string> = {};
          for (const [k, v] of Object.entries(args)) if (v !== undefined) query[k] = v;
          return (await rest.request({ method: 'GET', path: '/access-log', query, schema: AccessLogPage })).data;
        }),
      verify: () => online('위·변조 검증을 하', async () => (await rest.request({ method: 'GET', path: '/access-log/verify', schema: AccessLogVerifyResponse })).data),
      reviews: () => online('점검 기록을 불러오', async () => (await rest.request({ method: 'GET', path: '/access-log/reviews', schema: AccessLogReviewList })).data.items),
      signReview: (input) =>
        online('점검 기록을 저장', async () => (await rest.request({ method: 'POST', path: '/access-log/reviews', body: input, schema: AccessLogReview })).data),
      destructions: () =>
        online('파기 대장을 불러오', async () => (await rest.request({ method: 'GET', path: '/retention/destructions', schema: DestructionList })).data.items),
    },
  };
}
