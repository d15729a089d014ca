import type { DeskHandlers } from '../../../../common/desk-api/index.js';
import { createAuditedHandlers } from '../../../../electron/services/access/audited-handlers.js';
import type { AccessFact, AccessRecorder } from '../../../../electron/services/access/access-recorder.js';

describe('audited inbox reads', () => {
  it('logs a search of the windowed list once, with the number of matches, and not an empty query', async () => {
    const facts: AccessFact[] = [];
    const recorder = { record: async (f: AccessFact) => void facts.push(f) } as unknown as AccessRecorder;
    const clock = { t: Date.parse('2026-12-02T00:00:00Z') };
    const audited = createAuditedHandlers(recorder, () => new Date(clock.t));
    const inbox = audited.inbox({
      page: async ({ offset }: { offset: number }) => ({ items: [], total: 137, offset }),
    } as unknown as DeskHandlers['inbox']);
    await inbox.page({ view: 'all', q: '', offset: 0, limit: 50 });
    expect(facts).toEqual([]);
    await inbox.page({ view: 'all', q: '010-1234-5678', offset: 0, limit: 50 });
    // The next window of the same search is the same search.
    await inbox.page({ view: 'all', q: '010-1234-5678', offset: 50, limit: 50 });
    expect(facts).toEqual([
      { action: 'search', entity: 'conversation', recordId: null, subject: { phone: '01012345678' }, reason: null, rows: 137 },
    ]);
  });
});
