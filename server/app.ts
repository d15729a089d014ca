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
import { installProblemHandlers } from './http/problem.js';
import { ProgrammeCatalogue } from './programmes/catalogue.js';
import { authRoutes } from './routes/auth.js';
import { syncRoutes } from './routes/sync.js';
import { resourceRoutes } from './routes/index.js';
import { seedDemo } from './seed/demo.js';
import { isKakaoWebhookRoute, wireKakao } from './channels/wire-kakao.js';
import { createHash } from 'node:crypto';

export const SERVER_VERSION = '0.1.0';
export const BODY_LIMIT = 256 * 1024;

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

/** Secrets that must never reach a log line. */
const REDACT = ['req.headers.authorization', 'req.headers["x-bokji-signature"]', 'req.body.password', 'password', 'token'];

/** Builds the whole service (routes, database, seed, Kakao channel); call listen() on the result. */
export async function buildServer(config: ServerConfig): Promise<FastifyInstance> {
  const store = await openStore(config.database);
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    logger: { level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' } },
    // Desktops keep SSE streams open; do not let them hold a shutdown hostage.
    forceCloseConnections: true,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('store', store);
  // JSON only: anything else is 415, not a string handed to a schema.
  app.removeContentTypeParser('text/plain');
  app.addHook('onClose', async () => {
    await store.close();
  });

  try {
    installProblemHandlers(app);
    if (config.demo) await seedDemo(store, config, app.log);
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
    installAuth(app, store);

    const kakao = wireKakao(app, store, config, catalogue);
    const deps: ServerDeps = { config, store, catalogue, pokeOutbound: kakao.poke };

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
