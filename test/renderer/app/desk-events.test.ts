import { bindDeskEvents, createDeskQueryClient, queryKeys } from '../../../renderer/app/desk.js';
import { createFakeDesk } from '../fake-desk.js';
import { syncStatus } from './fixtures.js';

describe('desk events and the query cache', () => {
  it('invalidates what each namespace caches, and nothing else', () => {
    const fake = createFakeDesk({});
    const client = createDeskQueryClient();
    const keys = {
      programmes: ['programmes', 'search', '월세'],
      calls: ['calls', 'list'],
      list: ['inbox', 'list', 'all', ''],
      touched: queryKeys.conversation('a'),
      untouched: queryKeys.conversation('b'),
      canned: queryKeys.cannedReplies,
    };
    for (const key of Object.values(keys)) client.setQueryData(key, 1);
    const stale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated ?? false;
    const off = bindDeskEvents(fake.desk, client);

    fake.emit('inbox:onChange', { conversationIds: ['a'], entities: ['message'] });
    expect([stale(keys.list), stale(keys.touched), stale(keys.untouched), stale(keys.canned), stale(keys.programmes)]).toEqual([true, true, false, false, false]);

    fake.emit('inbox:onChange', { conversationIds: [], entities: ['cannedReply'] });
    expect(stale(keys.canned)).toBe(true);

    fake.emit('programmes:onChange', { ids: ['WLF1'] });
    expect([stale(keys.programmes), stale(keys.calls)]).toEqual([true, false]);
    fake.emit('calls:onChange', { ids: ['x'] });
    expect(stale(keys.calls)).toBe(true);

    fake.emit('sync:onSyncStatus', syncStatus({ state: 'offline' }));
    expect(client.getQueryData(queryKeys.syncStatus)).toMatchObject({ state: 'offline' });

    off();
    client.setQueryData(queryKeys.syncStatus, syncStatus());
    fake.emit('sync:onSyncStatus', syncStatus({ state: 'syncing' }));
    expect(client.getQueryData(queryKeys.syncStatus)).toMatchObject({ state: 'online' });
  });
});
