import ExcelJS from 'exceljs';
import type { CallLog, CallLogInput, CtiCall } from '../../../../common/domain/index.js';
import { createCallsService } from '../../../../electron/services/calls/index.js';
import { ADMIN, type Fixture, ME, log, makeFixture, putCti, putReplica, uuid } from './fixture.js';

const input = (over: Partial<CallLogInput> = {}): CallLogInput => ({
  conversationId: null, channel: 'phone', startedAt: '2026-03-02T01:00:00.000Z', durationSec: 300, callerName: '홍길동',
  callerPhone: '01012345678', dong: '독산1동', field: '저소득층 지원', subTopic: '기초생활', need: '생계급여 문의', programmeIds: [],
  action: 'apply_guide', agency: null, crisis: false, callbackAt: null, callbackDoneAt: null, callbackRecordId: null, notes: '',
  ctiCallId: null, ...over,
});

let f: Fixture;
beforeEach(async () => {
  f = await makeFixture();
});
afterEach(async () => {
  await f.close();
});

describe('save', () => {
  it('writes the record locally as sending, queues PUT with the client UUID and clears the draft in one step', async () => {
    const id = uuid();
    await f.service.handlers.saveDraft({ id, baseVersion: null, need: '생계' });
    const view = await f.service.handlers.save({ id, input: input(), baseVersion: null });
    expect(view).toMatchObject({ id, localState: 'sending', counsellorId: ME.id, need: '생계급여 문의' });
    const box = await f.store.all<{ op: string; record_id: string; idempotency_key: string; base_version: number | null; payload: string }>('SELECT * FROM outbox');
    expect(box).toHaveLength(1);
    expect(box[0]).toMatchObject({ op: 'callLog.put', record_id: id, idempotency_key: id, base_version: null });
    expect(JSON.parse(box[0]!.payload)).toMatchObject({ callerPhone: '01012345678', dong: '독산1동' });
    expect(await f.service.handlers.getDraft({ id })).toBeNull();
    expect(f.events).toContainEqual(['calls:onChange', { ids: [id] }]);
  });

  it('edits of a synced record carry If-Match and a fresh idempotency key', async () => {
    const synced = log({ version: 3, need: '처음' });
    await putReplica(f.store, synced);
    await f.service.handlers.save({ id: synced.id, input: input({ need: '고침' }), baseVersion: 3 });
    const row = await f.store.get<{ idempotency_key: string; base_version: number }>('SELECT * FROM outbox');
    expect(row!.base_version).toBe(3);
    expect(row!.idempotency_key).not.toBe(synced.id);
    const got = await f.service.handlers.get({ id: synced.id });
    expect(got!.callLog.need).toBe('고침');
    const last = got!.revisions.at(-1)!;
    expect(last.changes.need).toEqual({ from: '처음', to: '고침' });
    expect(last.counsellorId).toBe(ME.id);
  });

  it('refuses to overwrite a newer version silently', async () => {
    const synced = log({ version: 5 });
    await putReplica(f.store, synced);
    await expect(f.service.handlers.save({ id: synced.id, input: input(), baseVersion: 4 })).rejects.toMatchObject({ code: 'conflict' });
    expect(await f.store.all('SELECT * FROM outbox')).toHaveLength(0);
  });

  it('needs a signed-in counsellor', async () => {
    f.setCounsellor(null);
    await expect(f.service.handlers.save({ id: uuid(), input: input(), baseVersion: null })).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});

describe('drafts', () => {
  it('are kept, listed newest first, and discarded', async () => {
    const a = uuid();
    const b = uuid();
    await f.service.handlers.saveDraft({ id: a, baseVersion: null, callerName: '가' });
    f.clock.now = new Date(f.clock.now.getTime() + 1000);
    await f.service.handlers.saveDraft({ id: b, baseVersion: null, callerName: '나' });
    expect((await f.service.handlers.listDrafts(undefined)).map((d) => d.id)).toEqual([b, a]);
    await f.service.handlers.saveDraft({ id: a, baseVersion: null, callerName: '가나다' });
    expect((await f.service.handlers.getDraft({ id: a }))!.callerName).toBe('가나다');
    await f.service.handlers.discardDraft({ id: a });
    expect((await f.service.handlers.listDrafts(undefined)).map((d) => d.id)).toEqual([b]);
  });
});

describe('caller history', () => {
  it('finds records and conversations by the number however it was written', async () => {
    await putReplica(f.store, log({ callerPhone: '01012345678', need: '이전 상담' }));
    await putReplica(f.store, log({ callerPhone: '01099998888' }));
    await f.service.handlers.save({ id: uuid(), input: input({ need: '오늘 상담' }), baseVersion: null });
    const conv = {
      id: uuid(), channel: 'kakao', citizenKey: 'k1', citizenName: '홍길동', citizenPhone: '+82 10-1234-5678', status: 'closed',
      assigneeId: null, unreadCount: 0, lastMessageAt: null, lastMessagePreview: null, waitingSince: null, heldUntil: null,
      afterHoursNoticeAt: null, field: null, summary: null, crisis: null, crisisAnsweredAt: null, satisfaction: null, closedAt: null, createdAt: '2026-03-01T00:00:00.000Z',
      updatedAt: '2026-03-01T00:00:00.000Z', version: 1,
    };
    await f.store.run(
      'INSERT INTO conversations (id, data, version, status, citizen_key, citizen_phone) VALUES (?, ?, 1, ?, ?, ?)',
      [conv.id, JSON.stringify(conv), 'closed', 'k1', conv.citizenPhone],
    );
    const h = await f.service.handlers.history({ phone: '010-1234-5678' });
    expect(h.callLogs.map((l) => l.need).sort()).toEqual(['오늘 상담', '이전 상담']);
    expect(h.conversations.map((c) => c.id)).toEqual([conv.id]);
    expect((await f.service.handlers.history({ phone: '02-123-4567' })).callLogs).toEqual([]);
  });
});

describe('list', () => {
  it('filters by date range, channel, action and text', async () => {
    await putReplica(f.store, log({ startedAt: '2026-03-01T00:00:00.000Z', channel: 'phone', action: 'info', need: '주거급여 문의' }));
    await putReplica(f.store, log({ startedAt: '2026-03-03T00:00:00.000Z', channel: 'kakao', action: 'info', need: '기초연금' }));
    await putReplica(f.store, log({ startedAt: '2026-03-05T00:00:00.000Z', channel: 'phone', action: 'referral', need: '주거 상담' }));
    const all = await f.service.handlers.list({ limit: 100 });
    expect(all.map((l) => l.startedAt)).toEqual(['2026-03-05T00:00:00.000Z', '2026-03-03T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
    expect(await f.service.handlers.list({ limit: 100, channel: 'phone', action: 'info' })).toHaveLength(1);
    expect(await f.service.handlers.list({ limit: 100, from: '2026-03-02T00:00:00.000Z', to: '2026-03-04T00:00:00.000Z' })).toHaveLength(1);
    expect((await f.service.handlers.list({ limit: 100, q: '주거' })).map((l) => l.need)).toEqual(['주거 상담', '주거급여 문의']);
    await putReplica(f.store, log({ startedAt: '2026-03-06T00:00:00.000Z', callerPhone: '01033335678', need: '번호로 찾기' }));
    expect((await f.service.handlers.list({ limit: 100, phone: '010-3333-5678' })).map((l) => l.need)).toEqual(['번호로 찾기']);
    expect((await f.service.handlers.list({ limit: 100, phone: '5678' })).map((l) => l.need)).toEqual(['번호로 찾기']);
    expect(await f.service.handlers.list({ limit: 1, cursor: '1' })).toHaveLength(1);
  });
});

describe('callbacks', () => {
  it('queues callbacks, reminds when due, and completing links the new record', async () => {
    const id = uuid();
    await f.service.handlers.save({ id, input: input({ callbackAt: '2026-03-02T01:00:00.000Z' }), baseVersion: null });
    expect((await f.service.handlers.callbacks(undefined)).map((c) => c.id)).toEqual([id]);
    f.service.start();
    await vi.waitFor(() => expect(f.events.some(([n]) => n === 'calls:onCallbackDue')).toBe(true));
    expect(f.notes[0]!.title).toBe('콜백 시간입니다');
    // No phone number or need text in an OS notification.
    expect(f.notes[0]!.body).not.toMatch(/\d{4}/);
    expect(f.notes[0]!.body).toMatch(/님에게 전화할 시간입니다/);
    const follow = uuid();
    const done = await f.service.handlers.completeCallback({ id, recordId: follow });
    expect(done).toMatchObject({ callbackRecordId: follow, callbackDoneAt: f.clock.now.toISOString() });
    expect(await f.service.handlers.callbacks(undefined)).toEqual([]);
  });
});

describe('callback reminders across a restart', () => {
  it('an overdue callback reminds once, not again after the services restart; a moved one reminds again', async () => {
    const first = uuid();
    await f.service.handlers.save({ id: first, input: input({ callbackAt: '2026-03-02T00:30:00.000Z' }), baseVersion: null });
    f.service.start();
    await vi.waitFor(() => expect(f.events.filter(([n]) => n === 'calls:onCallbackDue')).toHaveLength(1));
    await f.service.close();

    // "Restart": a fresh service over the same store, with a second overdue callback that must fire.
    const second = uuid();
    await f.service.handlers.save({ id: second, input: input({ callbackAt: '2026-03-02T00:40:00.000Z' }), baseVersion: null });
    const events: Array<[string, unknown]> = [];
    const restarted = createCallsService({ ...f.deps, emit: (name, payload) => events.push([name, payload]) });
    restarted.start();
    try {
      await vi.waitFor(() => expect(events.some(([n]) => n === 'calls:onCallbackDue')).toBe(true));
      // Both were due in the same check: only the one not yet reminded fired.
      expect(events.filter(([n]) => n === 'calls:onCallbackDue').map(([, l]) => (l as CallLog).id)).toEqual([second]);
    } finally {
      await restarted.close();
    }

    // Moving the first callback to another (past) time is a new reminder.
    await f.service.handlers.save({ id: first, input: input({ callbackAt: '2026-03-02T00:50:00.000Z' }), baseVersion: null });
    const again: Array<[string, unknown]> = [];
    const third = createCallsService({ ...f.deps, emit: (name, payload) => again.push([name, payload]) });
    third.start();
    try {
      await vi.waitFor(() => expect(again.some(([n]) => n === 'calls:onCallbackDue')).toBe(true));
      expect(again.filter(([n]) => n === 'calls:onCallbackDue').map(([, l]) => (l as CallLog).id)).toEqual([first]);
    } finally {
      await third.close();
    }
  });
});

describe('CTI', () => {
  const call = (over: Partial<CtiCall> = {}): CtiCall => ({
    callId: 'c-1', from: '010-1234-5678', to: '02-2627-0000', counsellorId: ME.id, ringingAt: '2026-03-02T01:00:00.000Z',
    answeredAt: '2026-03-02T01:00:05.000Z', endedAt: null, missed: false, callLogId: null, updatedAt: '2026-03-02T01:00:05.000Z', version: 1,
    ...over,
  });

  it('pops the caller history and one prefilled draft whose duration follows the hang-up', async () => {
    await putReplica(f.store, log({ callerPhone: '01012345678', need: '지난주 상담' }));
    const first = await f.service.onCtiCall(call());
    expect(first!.history.map((l) => l.need)).toEqual(['지난주 상담']);
    const draft = await f.service.handlers.getDraft({ id: first!.draftId! });
    expect(draft).toMatchObject({ channel: 'phone', callerPhone: '01012345678', startedAt: '2026-03-02T01:00:05.000Z', durationSec: 0, ctiCallId: 'c-1', timerStartedAt: '2026-03-02T01:00:05.000Z' });
    await f.service.handlers.saveDraft({ ...draft!, baseVersion: draft!.baseVersion ?? null, need: '상담 중 입력' });
    const second = await f.service.onCtiCall(call({ endedAt: '2026-03-02T01:04:10.000Z', version: 2 }));
    expect(second!.draftId).toBe(first!.draftId);
    expect(await f.service.handlers.getDraft({ id: first!.draftId! })).toMatchObject({ durationSec: 245, need: '상담 중 입력', timerStartedAt: null });
    expect(f.events.filter(([n]) => n === 'calls:onIncomingCall')).toHaveLength(2);
  });

  it('answer and hang-up delivered in one pull land in one draft', async () => {
    const [a, b] = await Promise.all([
      f.service.onCtiCall(call({ callId: 'c-2' })),
      f.service.onCtiCall(call({ callId: 'c-2', endedAt: '2026-03-02T01:01:05.000Z', version: 2 })),
    ]);
    expect(a!.draftId).toBe(b!.draftId);
    const drafts = await f.store.all<{ body: string }>("SELECT body FROM drafts WHERE kind = 'callLog'");
    expect(drafts.filter((d) => (JSON.parse(d.body) as { ctiCallId?: string }).ctiCallId === 'c-2')).toHaveLength(1);
    expect((await f.service.handlers.getDraft({ id: a!.draftId! }))!.durationSec).toBe(60);
  });

  it('a prefilled draft nobody typed into is not offered under 복원할 초안; once something is typed, it is', async () => {
    const popped = await f.service.onCtiCall(call({ callId: 'c-3', endedAt: '2026-03-02T01:01:05.000Z' }));
    expect(await f.service.handlers.getDraft({ id: popped!.draftId! })).toMatchObject({ ctiCallId: 'c-3', durationSec: 60 });
    expect(await f.service.handlers.listDrafts(undefined)).toEqual([]);
    const draft = (await f.service.handlers.getDraft({ id: popped!.draftId! }))!;
    await f.service.handlers.saveDraft({ ...draft, baseVersion: null, need: '기초연금 문의' });
    expect((await f.service.handlers.listDrafts(undefined)).map((d) => d.id)).toEqual([popped!.draftId]);
  });

  it('ignores other counsellors’ calls and lists missed ones', async () => {
    expect(await f.service.onCtiCall(call({ counsellorId: ADMIN.id }))).toBeNull();
    await putCti(f.store, call({ callId: 'm-1', answeredAt: null, endedAt: '2026-03-02T01:01:00.000Z', missed: true, counsellorId: null }));
    await putCti(f.store, call({ callId: 'a-1' }));
    expect((await f.service.handlers.missedCalls(undefined)).map((c) => c.callId)).toEqual(['m-1']);
  });
});

describe('stats', () => {
  // Hand-counted: KST is UTC+9; weeks start on Monday.
  const rows = [
    log({ startedAt: '2026-02-28T14:59:00.000Z', field: '복지일반' }), // KST 02-28 23:59: outside the range
    log({ startedAt: '2026-02-28T15:00:00.000Z', field: '장애인 복지', channel: 'phone' }), // KST 03-01 (Sun) 00:00
    log({ startedAt: '2026-03-01T14:59:00.000Z', field: '복지일반', channel: 'phone' }), // KST 03-01 (Sun) 23:59
    log({ startedAt: '2026-03-01T15:00:00.000Z', field: '복지일반', channel: 'kakao', counsellorId: ADMIN.id }), // KST 03-02 (Mon)
    log({ startedAt: '2026-03-02T03:00:00.000Z', field: '보건의료', channel: 'phone' }), // KST 03-02 (Mon) 12:00
    log({ startedAt: '2026-03-08T16:00:00.000Z', field: null, channel: 'visit' }), // KST 03-09 (Mon) 01:00
    log({ startedAt: '2026-03-31T15:30:00.000Z', field: '보건의료', channel: 'phone' }), // KST 04-01 (Wed) 00:30
  ];
  const range = { from: '2026-02-28T15:00:00.000Z', to: '2026-04-30T15:00:00.000Z' };

  beforeEach(async () => {
    for (const r of rows) await putReplica(f.store, r);
  });

  it('per day by field', async () => {
    const s = await f.service.handlers.stats({ ...range, groupBy: 'day', dimension: 'field' });
    expect(s.total).toBe(6);
    expect(s.rows).toEqual([
      { period: '2026-03-01', key: '복지일반', count: 1 },
      { period: '2026-03-01', key: '장애인 복지', count: 1 },
      { period: '2026-03-02', key: '보건의료', count: 1 },
      { period: '2026-03-02', key: '복지일반', count: 1 },
      { period: '2026-03-09', key: '(미지정)', count: 1 },
      { period: '2026-04-01', key: '보건의료', count: 1 },
    ]);
  });

  it('per week by channel and per month by counsellor, including this desk’s unsent record', async () => {
    const w = await f.service.handlers.stats({ ...range, groupBy: 'week', dimension: 'channel' });
    expect(w.rows).toEqual([
      { period: '2026-02-23', key: 'phone', count: 2 },
      { period: '2026-03-02', key: 'kakao', count: 1 },
      { period: '2026-03-02', key: 'phone', count: 1 },
      { period: '2026-03-09', key: 'visit', count: 1 },
      { period: '2026-03-30', key: 'phone', count: 1 },
    ]);
    await f.service.handlers.save({ id: uuid(), input: input({ startedAt: '2026-03-10T00:00:00.000Z' }), baseVersion: null });
    const m = await f.service.handlers.stats({ ...range, groupBy: 'month', dimension: 'counsellor' });
    expect(m.rows).toEqual([
      { period: '2026-03-01', key: ME.id, count: 5 },
      { period: '2026-03-01', key: ADMIN.id, count: 1 },
      { period: '2026-04-01', key: ME.id, count: 1 },
    ].sort((a, b) => a.period.localeCompare(b.period) || a.key.localeCompare(b.key)));
    expect(m.total).toBe(7);
    expect(m.total).toBe(m.rows.reduce((s, r) => s + r.count, 0));
  });
});

describe('export', () => {
  beforeEach(async () => {
    await f.service.handlers.save({
      id: uuid(),
      input: input({ startedAt: '2026-03-01T15:05:00.000Z', need: '주민번호 900101-1234567 불러줌', notes: '=cmd() 딸 연락처 010-9999-8888', programmeIds: ['WLF00001164', 'WLF-UNKNOWN'] }),
      baseVersion: null,
    });
    await putReplica(f.store, log({ startedAt: '2026-03-02T03:00:00.000Z', callerPhone: '021234567', callerName: null, channel: 'visit' }));
    await f.store.run("INSERT INTO programmes (id, data, version, field, name) VALUES ('WLF00001164', '{}', 1, '저소득층 지원', '기초생활보장 생계급여')");
  });

  it('XLSX has Korean headers, KST dates, masked 주민등록번호 and masked phones for a counsellor', async () => {
    const out = await f.service.handlers.export({ format: 'xlsx', filter: {}, reason: { kind: 'caseConference', text: '11월 사례 회의' } });
    expect(out.fileName).toMatch(/^상담기록_\d{12}\.xlsx$/);
    expect(out.rows).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
    // Who, when and why: the workbook's properties and its first sheet.
    expect(wb.creator).toMatch(/김상담/);
    expect(wb.subject).toBe('사례 회의: 11월 사례 회의');
    expect(wb.description).toMatch(/행 수: 2/);
    const first = wb.worksheets[0]!;
    expect(first.name).toBe('반출 정보');
    const info = new Map<string, string>();
    first.eachRow((row, i) => {
      if (i > 1) info.set(String(row.getCell(1).value), String(row.getCell(2).value));
    });
    expect(info.get('내보낸 사람')).toMatch(/김상담/);
    expect(info.get('사유')).toBe('사례 회의: 11월 사례 회의');
    expect(info.get('행 수')).toBe('2');
    expect(info.get('내보낸 시각')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(KST\)$/);
    const ws = wb.getWorksheet('상담기록')!;
    const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
    const headers = values(1);
    expect(headers.slice(0, 7)).toEqual(['상담일시', '상담시간(초)', '채널', '상담원', '성명', '전화번호', '거주 동']);
    const col = (name: string) => headers.indexOf(name);
    const visit = values(2);
    const phone = values(3);
    expect(visit[col('상담일시')]).toBe('2026-03-02 12:00');
    expect(visit[col('성명')]).toBe('익명');
    expect(visit[col('전화번호')]).toBe('02-***-4567');
    expect(phone[col('상담일시')]).toBe('2026-03-02 00:05');
    expect(phone[col('채널')]).toBe('전화');
    expect(phone[col('상담원')]).toBe('김상담');
    expect(phone[col('전화번호')]).toBe('010-****-5678');
    expect(phone[col('주호소')]).toBe('주민번호 900101-1****** 불러줌');
    expect(phone[col('조치')]).toBe('신청안내');
    expect(phone[col('메모')]).toBe('=cmd() 딸 연락처 010-****-8888');
    // Programme names, not WLF ids; the ids in a column of their own (an unknown id stays as it is).
    expect(phone[col('연계 프로그램')]).toBe('기초생활보장 생계급여, WLF-UNKNOWN');
    expect(phone[col('연계 프로그램 ID')]).toBe('WLF00001164, WLF-UNKNOWN');
  });

  it('CSV has a BOM, and an admin sees full numbers', async () => {
    f.setCounsellor(ADMIN);
    const out = await f.service.handlers.export({ format: 'csv', filter: { channel: 'phone' }, reason: { kind: 'other', text: '민원 회신' } });
    const text = Buffer.from(out.base64, 'base64').toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    // The header block (who/when/why), an empty line, then the table.
    const [block, table] = text.slice(1).trim().split('\r\n\r\n') as [string, string];
    expect(block).toContain('# 사유,기타: 민원 회신');
    expect(block).toMatch(/# 내보낸 사람,.*\(admin|# 내보낸 사람,/);
    expect(block).toContain('# 행 수,1');
    expect(block).toContain('# 전화번호,전체 표시 (관리자)');
    const lines = table.split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.startsWith('상담일시,상담시간(초),채널')).toBe(true);
    expect(lines[1]).toContain('010-1234-5678');
    expect(lines[1]).toContain('2026-03-02 00:05');
    expect(lines[1]).toContain("'=cmd() 딸 연락처 010-9999-8888");
    expect(lines[1]).toContain('900101-1******');
    expect(lines[1]).not.toContain('1234567 ');
    expect(lines[1]).toContain(',"기초생활보장 생계급여, WLF-UNKNOWN",');
  });
});

describe('text search', () => {
  it('finds Korean text across spacing and line breaks, like the in-memory match', async () => {
    await putReplica(f.store, log({ need: '긴급\n복지 생계 지원', notes: '' }));
    await putReplica(f.store, log({ need: '주거', notes: '기초\u3000생활' }));
    await putReplica(f.store, log({ need: 'abc', notes: '' }));
    expect((await f.service.handlers.list({ limit: 100, q: '긴급복지' })).map((l) => l.need)).toEqual(['긴급\n복지 생계 지원']);
    expect((await f.service.handlers.list({ limit: 100, q: '생계지원' }))).toHaveLength(1);
    expect((await f.service.handlers.list({ limit: 100, q: '기초 생활' })).map((l) => l.need)).toEqual(['주거']);
    expect((await f.service.handlers.list({ limit: 100, q: 'ABC' })).map((l) => l.need)).toEqual(['abc']);
  });
});
