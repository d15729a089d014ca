import { ENGINES, dropStoreLocation, newStoreLocation, startServer } from './helpers.js';

describe.each(ENGINES)('demo seed (%s)', (engine) => {
  it('seeds accounts, conversations, canned replies and the catalogue once; a restart duplicates nothing', async () => {
    const location = await newStoreLocation(engine);
    try {
      const first = await startServer(engine, { location });
      const counts = await first.countRows();
      expect(counts.counsellors).toBe(6);
      expect(counts.conversations).toBe(5);
      expect(counts.canned_replies).toBeGreaterThanOrEqual(5);
      expect(counts.programmes).toBeGreaterThan(0);
      const token = await first.login('counsellor4');
      expect(token.length).toBeGreaterThan(20);
      const before = { ...counts, auth_tokens: (counts.auth_tokens ?? 0) + 1, audit_log: (counts.audit_log ?? 0) + 1 };
      await first.stop();

      const second = await startServer(engine, { location });
      expect(await second.countRows()).toEqual(before);
      // The token survives the restart: it lives in the database.
      expect((await second.call('GET', '/me', { token })).status).toBe(200);
      await second.stop();
    } finally {
      await dropStoreLocation(location);
    }
  });
});
