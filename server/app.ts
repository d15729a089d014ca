import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { API_BASE, HealthResponse } from '../common/rest/contract.js';
import type { ServerConfig } from './config.js';
import { openStore, type Store } from './db/store.js';
import type { ServerDeps } from './deps.js';
import { installAuth, bearerToken } from './http/auth.js';
import { AuthFailureLimiter } from './auth/failure-limit.js';
import { installNulGuard } from './http/nul-guard.js';
import { installBodyMasking } from './http/mask-body.js';
import { installSecurityHeaders, redactUrl } from './http/security-headers.js';
import { readFile } from 'node:fs/promises';
import { installProblemHandlers, problemBody } from './http/problem.js';
import { ProgrammeCatalogue } from './programmes/catalogue.js';
import { authRoutes } from './routes/auth.js';
import { syncRoutes } from './routes/sync.js';
import { resourceRoutes } from './routes/index.js';
import { seedDemo } from './seed/demo.js';
import { startHeldExpiry } from './jobs/held-expiry.js';
import { startTeamJobs } from './team/jobs.js';
import { retentionRoutes } from './retention/routes.js';
import { startRetention } from './retention/destroy.js';
import { isKakaoWebhookRoute, wireKakao } from './channels/wire-kakao.js';
import { createHash } from 'node:crypto';
import { AccessLog, AccessLogWriter, SubjectKeyer, accessLogRoutes } from './access-log/index.js';
import { createBroadcastSender } from './broadcasts/sender.js';
import { broadcastRoutes } from './broadcasts/routes.js';
import { subscriptionRoutes } from './subscriptions/routes.js';
import { seedDemoTopics } from './subscriptions/store.js';
import { startReconfirmation } from './subscriptions/reconfirm-job.js';

export const SERVER_VERSION = '0.1.0';
export const BODY_LIMIT = 256 * 1024;
/** How often 보류-until-a-time conversations are checked for expiry. */
const HELD_EXPIRY_CHECK_MS = 30_000;
/** How often due 2-yearly consent re-confirmations are asked (and unanswered ones lapsed). */
const RECONFIRM_CHECK_MS = 60 * 60_000;

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

/** Secrets that must never reach a log line. */
const REDACT = ['req.headers.authorization', 'req.headers["x-bokji-signature"]', 'req.body.password', 'password', 'token'];

/** Builds the whole service (routes, database, seed, Kakao channel); call listen() on the result. */
export async function buildServer(config: ServerConfig): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    ...(config.tls ? { https: { cert: await readFile(config.tls.certFile), key: await readFile(config.tls.keyFile) } } : {}),
    trustProxy: config.trustProxy,
    logger: {
      level: config.logLevel,
      redact: { paths: REDACT, censor: '[redacted]' },
      // Request logs carry no personal data: query values (q=, phone=, names) are redacted.
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }),
      },
    },
    // Desktops keep SSE streams open; do not let them hold a shutdown hostage.
    forceCloseConnections: true,
    return503OnClosing: true,
    // Errors the HTTP parser meets before fastify sees a request (headers or URL too large).
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
      const status = tooLarge ? 431 : 400;
      const body = JSON.stringify(problemBody(status, tooLarge ? 'headers-too-large' : 'bad-request',
        tooLarge ? '요청 헤더나 주소가 너무 깁니다 (request header fields too large)' : '잘못된 HTTP 요청 (bad request)'));
      if (socket.writable) {
        socket.end(
          `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
            `Content-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      } else {
        socket.destroy(err);
      }
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const store = await openStore(config.database, { logger: app.log });
  app.decorate('store', store);
  // JSON only: anything else is 415, not a string handed to a schema.
  app.removeContentTypeParser('text/plain');
  app.addHook('onClose', async () => {
    await store.close();
  });

  try {
    installProblemHandlers(app);
    installNulGuard(app);
    installBodyMasking(app);
    installSecurityHeaders(app, { hsts: config.tls !== null });
    if (config.demo) {
      await seedDemo(store, config, app.log);
      await seedDemoTopics(store);
    }
    const catalogue = await ProgrammeCatalogue.load(store);

    app.addHook('onRoute', (route) => {
      if (isKakaoWebhookRoute(route.url)) route.config = { ...(route.config ?? {}), public: true, rateLimit: false };
    });
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.0.3',
        info: { title: 'Bokji Desk central service (복지 데스크 중앙 서비스)', version: SERVER_VERSION },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
      },
      transform: jsonSchemaTransform,
    });
    await app.register(fastifyRateLimit, {
      global: true,
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => {
        const token = bearerToken(request);
        return token ? `t:${createHash('sha256').update(token).digest('hex').slice(0, 32)}` : `ip:${request.ip}`;
      },
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        message: `요청이 너무 많습니다. ${Math.ceil(context.ttl / 1000)}초 뒤에 다시 시도하세요 (retry after ${Math.ceil(context.ttl / 1000)} s).`,
      }),
    });
    const authFailures = new AuthFailureLimiter(config.authFailuresPerMinute);
    const tokenLookup = installAuth(app, store, { idleTimeoutMinutes: config.idleTimeoutMinutes, failures: authFailures });

    const kakao = wireKakao(app, store, config, catalogue);
    const heldExpiry = startHeldExpiry(store, app.log, HELD_EXPIRY_CHECK_MS);
    const teamJobs = startTeamJobs(store, app.log, { offlineAfterMs: config.presenceOfflineMs });
    const retention = startRetention(store, config, app.log);
    app.addHook('preClose', async () => {
      await heldExpiry.stop();
      await teamJobs.stop();
      await retention.stop();
    });
    const broadcasts = createBroadcastSender({
      store,
      sendUrl: config.kakao.sendUrl,
      senderKey: config.kakao.senderKey,
      logger: app.log,
      ratePerSecond: config.broadcast.ratePerSecond,
      quietHours: config.broadcast.quietHours,
      programmeLink: async (id) => catalogue.get(id)?.sourceUrl ?? null,
    });
    const reconfirm = startReconfirmation(store, app.log, RECONFIRM_CHECK_MS, kakao.poke);
    app.addHook('preClose', async () => {
      await reconfirm.stop();
      await broadcasts.close();
    });
    const accessLog = new AccessLog(new AccessLogWriter(store.writer, store.engine), await SubjectKeyer.load(store.db));
    app.addHook('preClose', async () => {
      await accessLog.writer.idle();
    });
    const deps: ServerDeps = {
      config, store, catalogue, accessLog, authFailures, tokenLookup, pokeOutbound: kakao.poke,
      team: { kickAssignment: teamJobs.kickAssignment, streams: teamJobs.streams },
    };

    await app.register(async (api) => {
      api.get('/healthz', {
        schema: { tags: ['ops'], summary: '상태 확인 (health)', response: { 200: HealthResponse } },
        config: { public: true },
      }, async () => {
        await store.latestSeq();
        return { status: 'ok' as const, db: store.engine, version: SERVER_VERSION };
      });
      api.get('/openapi.json', {
        schema: { hide: true },
        config: { public: true },
      }, async () => app.swagger());
      await api.register(authRoutes, deps);
      await api.register(syncRoutes, deps);
      await api.register(resourceRoutes, deps);
      await api.register(accessLogRoutes, deps);
      await api.register(retentionRoutes, deps);
      await api.register(subscriptionRoutes, deps);
      await api.register(broadcastRoutes, { ...deps, pokeBroadcasts: () => broadcasts.poke() });
    }, { prefix: API_BASE });
    // The webhook route carries its absolute contract path.
    await app.register(kakao.routes);
    await app.ready();
  } catch (err) {
    await app.close();
    throw err;
  }
  return app;
}
