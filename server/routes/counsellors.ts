import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Counsellor, Uuid } from '../../common/domain/index.js';
import { CounsellorInput } from '../../common/rest/contract.js';
import { findCounsellorByUsername, insertCounsellor, listCounsellors, updateCounsellor } from '../db/counsellors.js';
import type { ServerDeps } from '../deps.js';
import { actor } from '../http/auth.js';
import { problems } from '../http/problem.js';

const CounsellorPatch = z
  .object({
    displayName: z.string().trim().min(1).max(64).optional(),
    role: Counsellor.shape.role.optional(),
    active: z.boolean().optional(),
    password: z.string().min(10, '비밀번호는 10자 이상이어야 합니다 (at least 10 characters)').max(256).optional(),
  })
  .strict();

export const counsellorRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, { store }) => {
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
    const created = await store.write(me.id, async (tx) => {
      if (await findCounsellorByUsername(tx.trx, input.username)) {
        throw problems.conflict(`아이디 '${input.username}' 은(는) 이미 있습니다 (user name taken).`);
      }
      return insertCounsellor(tx, { username: input.username, displayName: input.displayName, role: input.role, password, active: input.active });
    });
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
    const updated = await store.write(me.id, (tx) => updateCounsellor(tx, request.params.id, request.body));
    if (!updated) throw problems.notFound('상담원 (counsellor)', request.params.id);
    return updated;
  });
};
