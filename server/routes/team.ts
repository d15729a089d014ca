import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AssignmentSettings, Counsellor, Instant, PresenceUpdate, SatisfactionSettings, ServiceLevelTargets, SupervisorBoard,
  TeamSettings,
} from '../../common/domain/index.js';
import { ServiceLevelReport, SlaGroupBy, serviceLevelReport } from '../../common/team/service-levels.js';
import type { ServerDeps } from '../deps.js';
import { actor } from '../http/auth.js';
import { problems } from '../http/problem.js';
import { buildBoard } from '../team/board.js';
import { setPresence } from '../team/presence.js';
import { serviceLevelInputs } from '../team/report.js';
import { getTeamSetting, getTeamSettings, putTeamSetting } from '../team/settings.js';

const TEAM_LEADS = ['supervisor', 'admin'] as const;

const ReportQuery = z
  .object({ from: Instant, to: Instant, groupBy: SlaGroupBy.default('day') })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from 은 to 보다 앞이어야 합니다 (from must be before to)', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, { message: '기간은 400일 이하로 정하세요 (at most 400 days)', path: ['to'] });

/** Presence, team settings, the supervisor's board and the service-level report (issue 15). */
export const teamRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, { store, team }) => {
  app.put('/me/presence', {
    schema: {
      tags: ['team'],
      summary: '내 상태 (presence: available | away | on_call | offline)',
      body: PresenceUpdate,
      response: { 200: Counsellor },
    },
  }, async (request) => {
    const me = actor(request);
    const { status, source } = request.body;
    // Setting a presence is a sign of life, like a held stream: the 60 s window starts again.
    const counsellor = await store.write(me.id, (tx) => setPresence(tx, me.id, status, source, { touch: true }));
    if (!counsellor) throw problems.notFound('상담원 (counsellor)', me.id);
    team.kickAssignment();
    return counsellor;
  });

  app.get('/settings/team', {
    schema: { tags: ['team'], summary: '팀 설정 (assignment, service-level targets, satisfaction question)', response: { 200: TeamSettings } },
  }, async () => getTeamSettings(store.db));

  app.put('/settings/assignment', {
    schema: { tags: ['team'], summary: '자동 배정 설정 (admin; off by default)', body: AssignmentSettings, response: { 200: AssignmentSettings } },
    config: { admin: true },
  }, async (request) => {
    const me = actor(request);
    const saved = await store.write(me.id, (tx) => putTeamSetting(tx, 'assignment', request.body));
    team.kickAssignment();
    return saved;
  });

  app.put('/settings/service-levels', {
    schema: { tags: ['team'], summary: '서비스 수준 목표 (admin)', body: ServiceLevelTargets, response: { 200: ServiceLevelTargets } },
    config: { admin: true },
  }, async (request) => store.write(actor(request).id, (tx) => putTeamSetting(tx, 'serviceLevels', request.body)));

  app.put('/settings/satisfaction', {
    schema: { tags: ['team'], summary: '만족도 질문 켜기/끄기 (admin; on by default)', body: SatisfactionSettings, response: { 200: SatisfactionSettings } },
    config: { admin: true },
  }, async (request) => store.write(actor(request).id, (tx) => putTeamSetting(tx, 'satisfaction', request.body)));

  app.get('/supervisor/board', {
    schema: { tags: ['team'], summary: '현황판 (supervisor board: waiting citizens, counsellors, breaches)', response: { 200: SupervisorBoard } },
    config: { roles: TEAM_LEADS },
  }, async () => buildBoard(store.db, new Date()));

  app.get('/reports/service-levels', {
    schema: {
      tags: ['team'],
      summary: '서비스 수준 보고 (first response, resolution, 20 s answer rate, missed, handle time, satisfaction)',
      querystring: ReportQuery,
      response: { 200: ServiceLevelReport },
    },
    config: { roles: TEAM_LEADS },
  }, async (request) => {
    const { from, to, groupBy } = request.query;
    const fromIso = new Date(from).toISOString();
    const toIso = new Date(to).toISOString();
    const inputs = await serviceLevelInputs(store.db, fromIso, toIso);
    const targets = await getTeamSetting(store.db, 'serviceLevels');
    return serviceLevelReport({ from: fromIso, to: toIso, groupBy, targets, ...inputs });
  });
};
