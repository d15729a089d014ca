import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerDeps } from '../deps.js';
import { auditRoutes } from './audit.js';
import { callLogRoutes } from './call-logs.js';
import { cannedReplyRoutes } from './canned-replies.js';
import { conversationRoutes } from './conversations.js';
import { counsellorRoutes } from './counsellors.js';
import { ctiRoutes } from './cti.js';
import { programmeRoutes } from './programmes.js';
import { teamRoutes } from './team.js';

/** Every resource of DESIGN.md §3 besides auth and sync. */
export const resourceRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  await app.register(conversationRoutes, deps);
  await app.register(programmeRoutes, deps);
  await app.register(callLogRoutes, deps);
  await app.register(cannedReplyRoutes, deps);
  await app.register(counsellorRoutes, deps);
  await app.register(ctiRoutes, deps);
  await app.register(auditRoutes, deps);
  await app.register(teamRoutes, deps);
};
