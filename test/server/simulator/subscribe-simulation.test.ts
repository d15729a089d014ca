import type { Subscriber } from '../../../common/subscriptions/index.js';
import { createCitizenSimulator, startKakaoSink, type KakaoSink } from '../../../server/simulator/index.js';
import { ENGINES, WEBHOOK_SECRET, startServer, type TestServer } from '../helpers.js';

describe.each(ENGINES)('simulated citizens subscribe and unsubscribe (%s)', (engine) => {
  let s: TestServer;
  let sink: KakaoSink;
  beforeAll(async () => {
    sink = await startKakaoSink();
    s = await startServer(engine, { env: { KAKAO_SEND_URL: sink.url } });
  });
  afterAll(async () => {
    await s?.close();
    await sink?.close();
  });

  it('with subscribeRatio 1 each citizen runs 구독 -> topics -> 네, then 수신거부', async () => {
    const sim = createCitizenSimulator({ serverUrl: s.url, secret: WEBHOOK_SECRET, citizens: 2, messages: 8, rate: 50, redeliverRatio: 0, subscribeRatio: 1, seed: 7, concurrency: 1 });
    const summary = await sim.run();
    expect(summary.byFlavour.subscribe).toBe(6);
    expect(summary.byFlavour.unsubscribe).toBe(2);
    const token = await s.login('counsellor1');
    for (const key of summary.userKeys) {
      const sub = (await s.call('GET', `/subscribers/${key}`, { token })).body as Subscriber;
      expect(sub.history.map((h) => h.action)).toEqual(['subscribe', 'unsubscribe']);
    }
  });
});
