import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { ServerConfig } from '../config.js';
import { createKakaoInbox } from '../db/kakao-inbox.js';
import { handleSubscriptionWords } from '../subscriptions/kakao-dialog.js';
import type { Store } from '../db/store.js';
import type { OutboundKind } from '../delivery/outbound-claims.js';
import type { ProgrammeCatalogue } from '../programmes/catalogue.js';
import { KAKAO_WEBHOOK_PATH, createKakaoOutbound, kakaoWebhookRoutes } from './kakao/index.js';

export interface KakaoWiring {
  /** Registers the webhook route (at its absolute contract path). */
  routes: FastifyPluginAsync;
  poke(): void;
}

/**
 * Connects the channel engineer's adapter (server/channels/kakao) to the data layer: the inbox
 * port over the store, the outbound delivery loop (stopped on close) and the signed webhook.
 * Without KAKAO_WEBHOOK_SECRET the webhook is not mounted (404) and a warning says why.
 */
export function wireKakao(
  app: FastifyInstance,
  store: Store,
  config: ServerConfig,
  catalogue: ProgrammeCatalogue,
  /** Further kinds of outbound work (broadcasts) sent through the same claimed, per-citizen ordered queue. */
  outboundKinds: readonly OutboundKind[] = [],
): KakaoWiring {
  const port = createKakaoInbox(store, { kinds: outboundKinds });
  const outbound = createKakaoOutbound({
    port,
    sendUrl: config.kakao.sendUrl,
    senderKey: config.kakao.senderKey,
    logger: app.log,
    programmeLink: async (id) => {
      const p = catalogue.get(id);
      return p ? { url: p.sourceUrl, name: p.name } : null;
    },
  });
  app.addHook('onClose', async () => {
    await outbound.close();
  });
  if (!config.kakao.sendUrl) app.log.warn('KAKAO_SEND_URL is not set: replies to citizens will be marked failed');

  const routes: FastifyPluginAsync = async (scope) => {
    const secret = config.kakao.webhookSecret;
    if (!secret) {
      app.log.warn('KAKAO_WEBHOOK_SECRET is not set: the Kakao webhook is not mounted');
      return;
    }
    await scope.register(kakaoWebhookRoutes, { port, secret, outbound, afterFiled: (event, filed) => handleSubscriptionWords(store, event, filed) });
  };
  return { routes, poke: () => outbound.poke() };
}

/** The webhook authenticates by signature, not bearer token, and one provider IP carries every citizen. */
export function isKakaoWebhookRoute(url: string | undefined): boolean {
  return url === KAKAO_WEBHOOK_PATH;
}
