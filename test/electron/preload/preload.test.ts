import { DESK_EVENT_CHANNELS, toDeskError, type DeskApi } from '../../../common/desk-api/index.js';
import { fake } from '../main/fake-electron.js';

vi.mock('electron', async () => (await import('../main/fake-electron.js')).electron);

await import('../../../electron/preload/index.js');

const desk = (): DeskApi => fake.state.exposed[0]![1] as DeskApi;

describe('the preload', () => {
  it('exposes window.desk and nothing else', () => {
    expect(fake.state.exposed.map(([k]) => k)).toEqual(['desk']);
    expect(Object.keys(desk()).sort()).toEqual(['audit', 'broadcasts', 'calls', 'inbox', 'privacy', 'programmes', 'session', 'settings', 'sync', 'team', 'window']);
  });

  it('invokes the channel of the method and returns the value', async () => {
    fake.state.setIpcRendererReply(() => ({ ok: true, value: { pinned: true, host: 'electron' } }));
    await expect(desk().window.togglePinned()).resolves.toEqual({ pinned: true, host: 'electron' });
    expect(fake.state.ipcRendererInvokes.at(-1)).toEqual(['window:togglePinned', undefined]);
  });

  it('rejects with a plain error object that keeps the code across the context bridge', async () => {
    fake.state.setIpcRendererReply(() => ({ ok: false, error: { code: 'forbidden', message: 'no' } }));
    const err: unknown = await desk().window.getState().catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(Error);
    expect(toDeskError(err).code).toBe('forbidden');
  });

  it('turns a malformed reply into an internal error', async () => {
    fake.state.setIpcRendererReply(() => 'surprise');
    const err: unknown = await desk().window.getState().catch((e: unknown) => e);
    expect(toDeskError(err).code).toBe('internal');
  });

  it('listens on the event channel, hands over the payload only, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = desk().window.onStateChange((s) => got.push(s));
    expect(fake.state.ipcRendererListeners.listenerCount('window:onStateChange')).toBe(1);
    fake.state.ipcRendererListeners.emit('window:onStateChange', { sender: 'x' }, { pinned: false, host: 'electron' });
    expect(got).toEqual([{ pinned: false, host: 'electron' }]);
    off();
    expect(fake.state.ipcRendererListeners.listenerCount('window:onStateChange')).toBe(0);
    expect(DESK_EVENT_CHANNELS).toContain('window:onStateChange');
  });

  it('does not listen on channels outside the contract', async () => {
    const { createIpcTransport } = await import('../../../electron/preload/ipc-transport.js');
    const t = createIpcTransport(fake.electron.ipcRenderer as never);
    expect(() => t.subscribe('ipc:anything', () => {})).toThrow(/unknown DeskApi event/);
    const before = fake.state.ipcRendererInvokes.length;
    await expect(t.invoke('fs:readFile', '/etc/passwd')).resolves.toMatchObject({ ok: false });
    expect(fake.state.ipcRendererInvokes.length).toBe(before);
  });
});
