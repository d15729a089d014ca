import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Counsellor, Uuid } from '../../common/domain/index.js';
import { CounsellorInput } from '../../common/rest/contract.js';
import { passwordRuleViolation } from '../../common/accounts/index.js';
import { findCounsellor, findCounsellorByUsername, insertCounsellor, listCounsellors, unlockCounsellor, updateCounsellor } from '../db/counsellors.js';
import type { ServerDeps } from '../deps.js';
import { actor } from '../http/auth.js';
import { problems } from '../http/problem.js';

const CounsellorPatch = z
  .object({
    displayName: z.string().trim().min(1).max(64).optional(),
    role: Counsellor.shape.role.optional(),
    active: z.boolean().optional(),
    /** A reset: the owner must change it at the next login. */
    password: z.string().min(1).max(256).optional(),
  })
  .strict();

function checkPassword(password: string, username: string): void {
  const violation = passwordRuleViolation(password, username);
  if (violation) throw problems.weakPassword(violation);
}

export const counsellorRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, { store, accessLog }) => {
  app.get('/counsellors', {
    schema: { tags: ['counsellors'], summary: '상담원 계정 목록 (admin)', response: { 200: z.object({ items: z.array(Counsellor) }) } },
    config: { admin: true },
  }, async () => ({ items: await listCounsellors(store.db) }));

  app.post('/counsellors', {
    schema: { tags: ['counsellors'], summary: '상담원 계정 추가 (admin)', body: CounsellorInput, response: { 201: Counsellor } },
    config: { admin: true },
  }, async (request, reply) => {
    const me = actor(request);
    const input = request.body;
    if (!input.password) throw problems.badRequest('새 계정에는 password 가 필요합니다 (a new account needs a password).', [{ path: 'body.password', message: 'required' }]);
    const password = input.password;
    checkPassword(password, input.username);
    const created = await store.write(me.id, async (tx) => {
      if (await findCounsellorByUsername(tx.trx, input.username)) {
        throw problems.conflict(`아이디 '${input.username}' 은(는) 이미 있습니다 (user name taken).`);
      }
      return insertCounsellor(tx, {
        username: input.username, displayName: input.displayName, role: input.role, password, active: input.active, mustChangePassword: true,
      });
    });
    await accessLog.record(request, { action: 'permission_change', entity: 'counsellor', recordId: created.id, reason: `create ${created.role}` });
    return reply.code(201).send(created);
  });

  app.patch('/counsellors/:id', {
    schema: {
      tags: ['counsellors'],
      summary: '상담원 계정 수정 (admin: name, role, active, password)',
      params: z.object({ id: Uuid }),
      body: CounsellorPatch,
      response: { 200: Counsellor },
    },
    config: { admin: true },
  }, async (request) => {
    const me = actor(request);
    if (request.params.id === me.id && (request.body.active === false || request.body.role === 'counsellor')) {
      throw problems.unprocessable('자기 자신의 관리자 권한이나 계정을 끌 수 없습니다 (you cannot demote or deactivate yourself).');
    }
    if (request.body.password !== undefined) {
      const target = await findCounsellor(store.db, request.params.id);
      if (!target) throw problems.notFound('상담원 (counsellor)', request.params.id);
      checkPassword(request.body.password, target.username);
    }
    const updated = await store.write(me.id, (tx) => updateCounsellor(tx, request.params.id, request.body));
    if (!updated) throw problems.notFound('상담원 (counsellor)', request.params.id);
    const what = Object.keys(request.body).join(', ');
    await accessLog.record(request, { action: 'permission_change', entity: 'counsellor', recordId: updated.id, reason: what });
    return updated;
  });

  app.post('/counsellors/:id/unlock', {
    schema: {
      tags: ['counsellors'],
      summary: '계정 잠금 해제 (admin: after repeated failed logins)',
      params: z.object({ id: Uuid }),
      response: { 200: Counsellor },
    },
    config: { admin: true },
  }, async (request) => {
    const me = actor(request);
    const unlocked = await store.write(me.id, (tx) => unlockCounsellor(tx, request.params.id), { lockFeedFirst: false });
    if (!unlocked) throw problems.notFound('상담원 (counsellor)', request.params.id);
    await accessLog.record(request, { action: 'permission_change', entity: 'counsellor', recordId: unlocked.id, reason: 'unlock' });
    return unlocked;
  });
};
