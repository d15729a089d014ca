import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundCitizenEvent, InboundFiled } from '../../../server/channels/kakao/port.js';
import { openStore, type Store } from '../../../server/db/store.js';
import { handleSubscriptionWords } from '../../../server/subscriptions/kakao-dialog.js';

/**
 * A citizen's ordinary message is not for the channel: it must not cost a transaction that runs
 * alone among the writers (it stalled every webhook filing beside it under load).
 */
let dir: string;
let store: Store;
let writes = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bokji-channel-precheck-'));
  const opened = await openStore({ engine: 'sqlite', file: join(dir, 'db.sqlite') });
  const write = opened.write.bind(opened);
  store = { ...opened, write: (actor, fn, opts) => { writes++; return write(actor, fn, opts); } };
});

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

const event = (userKey: string, message: string): InboundCitizenEvent => ({
  serialNumber: randomUUID(), event: 'message', userKey, messageType: 'TX', message, imageUrl: null, sentAt: new Date().toISOString(),
});
const filed: InboundFiled = {
  duplicate: false, conversationId: randomUUID(), messageId: null, afterHoursNoticeAlreadySent: false, channelAnswered: false, crisisToAnswer: null,
};

describe('handleSubscriptionWords pre-check', () => {
  it('runs no write for an ordinary message of a citizen with no dialog and no recent notice', async () => {
    writes = 0;
    expect(await handleSubscriptionWords(store, event('citizen-plain', '기초연금 신청은 어떻게 하나요?'), filed)).toBe(false);
    expect(writes).toBe(0);
  });

  it('still runs the write for a subscription word', async () => {
    writes = 0;
    await handleSubscriptionWords(store, event('citizen-word', '구독'), filed);
    expect(writes).toBe(1);
  });

  it('still runs the write for a citizen with an open dialog', async () => {
    await store.db.insertInto('subscription_dialogs').values({
      citizen_key: 'citizen-dialog', state: 'choose', topics: '[]', expires_at: new Date(Date.now() + 60_000).toISOString(), updated_at: new Date().toISOString(),
    }).execute();
    writes = 0;
    await handleSubscriptionWords(store, event('citizen-dialog', '1'), filed);
    expect(writes).toBe(1);
  });
});
