import { z } from 'zod';
import {
  AssignmentSettings, Counsellor, SatisfactionSettings, ServiceLevelTargets, SupervisorBoard, TeamSettings,
} from '../../../common/domain/index.js';
import { DeskError, type DeskHandlers } from '../../../common/desk-api/index.js';
import { ServiceLevelReport } from '../../../common/team/service-levels.js';
import type { EventHub } from '../events/event-hub.js';
import { readCounsellors } from '../replica/read.js';
import { putCounsellor } from '../replica/write.js';
import { onlineCall } from '../rest/online-call.js';
import type { RestClient } from '../rest/index.js';
import type { SessionService } from '../session/session-service.js';
import type { Store } from '../store/index.js';
import { buildServiceLevelWorkbook } from './service-level-export.js';

export interface TeamServiceDeps {
  store: Store;
  rest: RestClient;
  session: SessionService;
  events: EventHub;
  now: () => Date;
}

const ok = { ok: true as const };

/**
 * Team operations on the desk: presence, the supervisor's board and reports, team settings and
 * accounts. They talk to the server directly (no outbox): presence and the board only mean
 * something live, and an admin's edit must meet a refusal while the form is still open.
 */
export function createTeamService(deps: TeamServiceDeps): { handlers: DeskHandlers['team'] } {
  const { store, rest, session, events } = deps;

  const online = <T>(what: string, call: () => Promise<T>) => onlineCall(session, what, call);

  const requireRole = (roles: readonly string[], what: string) => {
    if (!roles.includes(session.requireCounsellor().role)) throw new DeskError('forbidden', `${what}은(는) ${roles.includes('supervisor') ? '팀장·관리자' : '관리자'}만 볼 수 있습니다.`);
  };

  /** A counsellor record from the server goes into the replica at once (the feed brings it too). */
  async function keepCounsellor(c: Counsellor): Promise<Counsellor> {
    await store.transaction((tx) => putCounsellor(tx, c));
    events.emit('inbox:onChange', { conversationIds: [], entities: ['counsellor'] });
    return c;
  }

  const get = <S extends z.ZodType>(path: string, schema: S, query?: Record<string, string>) =>
    rest.request({ method: 'GET', path, schema, ...(query ? { query } : {}) }).then((r) => r.data);
  const put = <S extends z.ZodType>(path: string, body: unknown, schema: S) => rest.request({ method: 'PUT', path, body, schema }).then((r) => r.data);

  const report: DeskHandlers['team']['report'] = async ({ from, to, groupBy }) => {
    requireRole(['supervisor', 'admin'], '서비스 수준 보고');
    return online('보고서를 불러오', () => get('/reports/service-levels', ServiceLevelReport, { from, to, groupBy }));
  };

  return {
    handlers: {
      setPresence: async ({ status, source }) => {
        session.requireCounsellor();
        const me = await online('상태를 바꾸', () => put('/me/presence', { status, source: source ?? 'manual' }, Counsellor));
        return keepCounsellor(me);
      },
      settings: async () => online('팀 설정을 불러오', () => get('/settings/team', TeamSettings)),
      saveAssignment: async (settings) => {
        requireRole(['admin'], '자동 배정 설정');
        return online('자동 배정 설정을 저장', () => put('/settings/assignment', settings, AssignmentSettings));
      },
      saveServiceLevels: async (targets) => {
        requireRole(['admin'], '서비스 수준 목표');
        return online('목표를 저장', () => put('/settings/service-levels', targets, ServiceLevelTargets));
      },
      saveSatisfaction: async (settings) => {
        requireRole(['admin'], '만족도 설정');
        return online('만족도 설정을 저장', () => put('/settings/satisfaction', settings, SatisfactionSettings));
      },
      board: async () => {
        requireRole(['supervisor', 'admin'], '현황판');
        return online('현황판을 불러오', () => get('/supervisor/board', SupervisorBoard));
      },
      report,
      exportReport: async (args) => {
        const data = await report(args);
        const names = new Map((await readCounsellors(store)).map((c) => [c.id, c.displayName]));
        return buildServiceLevelWorkbook(data, { counsellorName: (id) => names.get(id) ?? id, now: deps.now() });
      },
      accounts: async () => {
        requireRole(['admin'], '계정 관리');
        return online('계정 목록을 불러오', () => get('/counsellors', z.object({ items: z.array(Counsellor) }))).then((r) => r.items);
      },
      createAccount: async (input) => {
        requireRole(['admin'], '계정 관리');
        const created = await online('계정을 만들', () =>
          rest.request({ method: 'POST', path: '/counsellors', body: { ...input, active: true }, schema: Counsellor }).then((r) => r.data));
        return keepCounsellor(created);
      },
      updateAccount: async ({ id, ...changes }) => {
        requireRole(['admin'], '계정 관리');
        const updated = await online('계정을 저장', () => rest.request({ method: 'PATCH', path: `/counsellors/${encodeURIComponent(id)}`, body: changes, schema: Counsellor }).then((r) => r.data));
        return keepCounsellor(updated);
      },
      unlockAccount: async ({ id }) => {
        requireRole(['admin'], '계정 관리');
        await online('잠금을 풀', () => rest.request({ method: 'POST', path: `/counsellors/${encodeURIComponent(id)}/unlock`, schema: null }));
        return ok;
      },
    },
  };
}
