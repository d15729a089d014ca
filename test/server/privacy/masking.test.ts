import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Conversation } from '../../../common/domain/index.js';
import { startServer, ENGINES, type TestServer } from '../helpers.js';

const pad2 = (n: number) => String(n).padStart(2, '0');
const FULL_WIDTH = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** A 주민등록번호 or 외국인등록번호 with a real birth date, in one of the spellings people use. */
const spelled = fc
  .record({
    date: fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2019-12-31T00:00:00Z'), noInvalidDate: true }),
    sex: fc.integer({ min: 1, max: 2 }),
    foreigner: fc.boolean(),
    rest: fc.stringMatching(/^\d{6}$/),
    sep: fc.constantFrom('-', '', ' ', ' - ', '—', '–', '−', '‐', '.', '_', '－'),
    spaceAfterCode: fc.boolean(),
    fullWidth: fc.boolean(),
  })
  .map(({ date, sex, foreigner, rest, sep, spaceAfterCode, fullWidth }) => {
    const y = date.getUTCFullYear();
    const code = (y >= 2000 ? sex + 2 : sex) + (foreigner ? 4 : 0);
    const front = `${pad2(y % 100)}${pad2(date.getUTCMonth() + 1)}${pad2(date.getUTCDate())}`;
    const written = `${front}${sep}${code}${spaceAfterCode && sep !== '' ? ' ' : ''}${rest}`;
    return { written: fullWidth ? FULL_WIDTH(written) : written, secret: `${code}${rest}`, rest };
  });

/** Every table's text with full-width digits as ASCII: where an unmasked number would show. */
async function everything(s: TestServer): Promise<string> {
  const parts: string[] = [];
  for (const table of ['conversations', 'messages', 'call_logs', 'call_log_revisions', 'canned_replies', 'changes', 'idempotency_keys', 'audit_log'] as const) {
    const rows = await s.app.store.db.selectFrom(table).selectAll().execute();
    parts.push(JSON.stringify(rows));
  }
  return parts.join('\n').replace(/[\uFF10-\uFF19]/g, (d) => String(d.charCodeAt(0) - 0xff10));
}

describe.each(ENGINES)('no 주민등록번호 reaches storage, in any spelling or field (%s)', (engine) => {
  let s: TestServer;
  let token: string;
  let admin: string;
  let conversation: Conversation;
  beforeAll(async () => {
    s = await startServer(engine);
    token = await s.login('counsellor1');
    admin = await s.login('admin');
    const list = (await s.call('GET', '/conversations?status=open', { token })).body as { items: Conversation[] };
    conversation = list.items.find((c) => c.assigneeId !== null)!;
  });
  afterAll(async () => {
    await s?.close();
  });

  it('property: messages, notes, call-log fields, conversation name/summary/comment and canned replies are stored masked', async () => {
    await fc.assert(
      fc.asyncProperty(spelled, fc.constantFrom('note', 'callLog', 'conversation', 'canned'), async ({ written, secret }, where) => {
        const text = `상담 내용 ${written} 확인`;
        let status = 0;
        if (where === 'note') {
          status = (await s.call('POST', `/conversations/${conversation.id}/messages`, { token, body: { id: randomUUID(), direction: 'note', body: text } })).status;
        } else if (where === 'callLog') {
          const id = randomUUID();
          status = (await s.call('PUT', `/call-logs/${id}`, {
            token,
            body: {
              channel: 'phone', startedAt: new Date().toISOString(), durationSec: 60, callerName: text.slice(0, 60), dong: written.slice(0, 32),
              subTopic: text, need: text, agency: text, notes: text,
            },
          })).status;
        } else if (where === 'conversation') {
          const current = (await s.call('GET', `/conversations/${conversation.id}`, { token })).body as Conversation;
          const res = await s.call('PATCH', `/conversations/${conversation.id}`, {
            token, body: { citizenName: text.slice(0, 60), summary: text, comment: text }, headers: { 'if-match': `"${current.version}"` },
          });
          status = res.status;
        } else {
          status = (await s.call('POST', '/canned-replies', { token: admin, body: { title: text.slice(0, 100), body: text, shortcut: null } })).status;
        }
        expect(status, where).toBeLessThan(300);
        const stored = await everything(s);
        // The identifying back part (sex code + 6 digits), with or without the space people put after the code.
        expect(new RegExp(`${secret[0]} ?${secret.slice(1)}`).test(stored), `${where}: ${written}`).toBe(false);
      }),
      { numRuns: 24 },
    );
  });
});
