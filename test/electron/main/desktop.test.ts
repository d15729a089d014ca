import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DESK_CHANNELS, type DeskResultEnvelope } from '../../../common/desk-api/index.js';
import { fake, FakeBrowserWindow, FakeFrame, FakeNotification, FakeTray } from './fake-electron.js';
import { createFakeServices, type FakeServices } from './fake-services.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

const { startDesktop } = await import('../../../electron/main/desktop.js');
const { SHORTCUTS } = await import('../../../electron/main/shortcuts.js');

let services: FakeServices;
let win: FakeBrowserWindow;
let userData: string;
const logs: string[] = [];

beforeAll(async () => {
  userData = await mkdtemp(join(tmpdir(), 'bokji-shell-'));
  fake.state.app.userData = userData;
  services = createFakeServices();
  const handle = startDesktop({
    createServices: (config) => {
      services.config = config;
      return services;
    },
    paths: {
      preload: '/app/out/preload/index.cjs',
      renderer: join(userData, 'renderer'),
      icons: { app: '/icons/icon.png', tray: '/icons/tray.png', trayUnread: '/icons/tray-unread.png' },
    },
    env: { BOKJI_SERVER_URL: 'http://127.0.0.1:9999/', BOKJI_DEMO_HINT: '{"usernames":["counsellor1"],"password":"pw"}' },
    log: (m) => logs.push(m),
  });
  await handle.ready;
  win = FakeBrowserWindow.instances[0]!;
});

afterAll(async () => {
  await rm(userData, { recursive: true, force: true });
});

const invoke = (channel: string, arg: unknown, frame?: FakeFrame, sender: unknown = win.webContents): Promise<DeskResultEnvelope> => {
  const handler = fake.state.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ sender, senderFrame: frame === undefined ? win.webContents.mainFrame : frame }, arg) as Promise<DeskResultEnvelope>;
};

describe('the desk window', () => {
  it('is created once, with the secure web preferences and the compact minimum width', () => {
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const o = win.options as { minWidth: number; show: boolean; webPreferences: Record<string, unknown> };
    expect(o.minWidth).toBeGreaterThanOrEqual(360);
    expect(o.minWidth).toBeLessThanOrEqual(400);
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the renderer from the app:// protocol and registers that scheme as privileged', () => {
    expect(win.loadedUrls).toEqual(['app://bokji/index.html']);
    expect(fake.state.privilegedSchemes).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(fake.state.sessionState.protocolHandlers.has('app')).toBe(true);
  });

  it('hands the services the configuration from the environment', () => {
    expect(services.config).toMatchObject({
      serverUrl: 'http://127.0.0.1:9999',
      host: 'electron',
      demoHint: { usernames: ['counsellor1'], password: 'pw' },
      dataDir: join(userData, 'desk'),
    });
    expect(services.config?.secretStore.kind).toBe('os');
  });

  it('applies the remembered pinned state at start', () => {
    expect(win.alwaysOnTopCalls[0]).toEqual([true, 'floating']);
  });
});

describe('the IPC bridge', () => {
  it('registers a handler for every DeskApi channel and nothing else', () => {
    expect([...fake.state.ipcHandlers.keys()].sort()).toEqual([...DESK_CHANNELS].sort());
  });

  it('dispatches a call from the main frame of our page to the services', async () => {
    const res = await invoke('window:setPinned', { pinned: false });
    expect(res).toEqual({ ok: true, value: { pinned: false, host: 'electron' } });
    expect(win.alwaysOnTopCalls.at(-1)).toEqual([false, 'floating']);
  });

  it('answers an invalid argument with a typed error, not a crash', async () => {
    const before = services.calls.length;
    const res = await invoke('window:setPinned', { pinned: 'yes' });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('invalid_argument');
    expect(services.calls.length).toBe(before);
  });

  it('refuses a call from a sub-frame, a foreign origin or another web contents', async () => {
    const before = services.calls.length;
    const subFrame = new FakeFrame('app://bokji/index.html', win.webContents.mainFrame);
    const foreign = win.webContents.mainFrame;
    const results = [
      await invoke('window:getState', undefined, subFrame),
      await invoke('window:getState', undefined, null as unknown as FakeFrame),
      await invoke('window:getState', undefined, foreign, { other: true }),
    ];
    const savedUrl = foreign.url;
    foreign.url = 'https://evil.example/';
    results.push(await invoke('window:getState', undefined, foreign));
    foreign.url = savedUrl;
    for (const r of results) expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(services.calls.length).toBe(before);
    expect(logs.some((l) => l.includes('refused IPC'))).toBe(true);
  });

  it('forwards service events to the window on their namespace:event channel', () => {
    services.emit('inbox:onFocusRequest', { conversationId: '5b1f2c1e-2f6e-4a8e-9d7c-0c1b2a3d4e5f' });
    expect(win.webContents.sent.at(-1)).toEqual(['inbox:onFocusRequest', { conversationId: '5b1f2c1e-2f6e-4a8e-9d7c-0c1b2a3d4e5f' }]);
  });
});

describe('navigation and permissions', () => {
  it('denies window.open and asks before opening an http(s) link outside', async () => {
    // The guards are installed on every web contents as it is created.
    fake.state.app.emit('web-contents-created', {}, win.webContents);
    fake.state.dialogState.response = 1; // 취소
    expect(win.webContents.windowOpenHandler?.({ url: 'https://www.bokjiro.go.kr/' })).toEqual({ action: 'deny' });
    fake.state.dialogState.response = 0; // 열기
    expect(win.webContents.windowOpenHandler?.({ url: 'https://www.bokjiro.go.kr/x' })).toEqual({ action: 'deny' });
    expect(win.webContents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.state.dialogState.opened).toEqual(['https://www.bokjiro.go.kr/x']);
  });

  it('blocks navigation away from the app but not within it', () => {
    const away = { preventDefault: vi.fn() };
    win.webContents.emit('will-navigate', away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const within = { preventDefault: vi.fn() };
    win.webContents.emit('will-navigate', within, 'app://bokji/index.html');
    expect(within.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    win.webContents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies permission requests (camera, geolocation, notifications) and allows only clipboard writes from our page', () => {
    const handler = fake.state.sessionState.permissionRequest!;
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal']) handler(win.webContents, p, (g) => answers.push(g));
    expect(answers).toEqual([false, false, false, false]);
    let clip: boolean | null = null;
    handler(win.webContents, 'clipboard-sanitized-write', (g) => (clip = g));
    expect(clip).toBe(true);
    const check = fake.state.sessionState.permissionCheck!;
    expect(check(win.webContents, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(check(win.webContents, 'media', 'app://bokji')).toBe(false);
  });

  it('serves the renderer with the CSP header and refuses path traversal through the protocol', async () => {
    const handler = fake.state.sessionState.protocolHandlers.get('app')!;
    const res = await handler(new Request('app://bokji/..%2f..%2fetc%2fpasswd'));
    expect(res.status).toBe(403);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

describe('tray, shortcuts and notifications', () => {
  it('registers the show/hide and pin shortcuts; the pin shortcut goes through the services', async () => {
    expect([...fake.state.shortcuts.keys()].sort()).toEqual(Object.values(SHORTCUTS).sort());
    const before = services.pinned;
    fake.state.shortcuts.get(SHORTCUTS.togglePinned)!();
    await vi.waitFor(() => expect(services.pinned).toBe(!before));
    expect(win.alwaysOnTopCalls.at(-1)).toEqual([!before, 'floating']);
  });

  it('show/hide shortcut hides a focused window and brings back a hidden one', () => {
    win.visible = true;
    win.focused = true;
    fake.state.shortcuts.get(SHORTCUTS.toggleWindow)!();
    expect(win.visible).toBe(false);
    win.focused = false;
    fake.state.shortcuts.get(SHORTCUTS.toggleWindow)!();
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(true);
  });

  it('shows the unread count on the tray and the badge', () => {
    const tray = FakeTray.instances[0]!;
    services.config!.windowControl.setUnreadBadge(3);
    expect(tray.tooltip).toContain('3건');
    expect(tray.image).toEqual({ path: '/icons/tray-unread.png' });
    expect(fake.state.app.badgeCounts.at(-1)).toBe(3);
    services.config!.windowControl.setUnreadBadge(0);
    expect(tray.image).toEqual({ path: '/icons/tray.png' });
    expect(tray.tooltip).toBe('복지 데스크');
  });

  it('a clicked notification focuses the window and runs the services callback', () => {
    win.visible = false;
    win.focused = false;
    const onClick = vi.fn();
    services.config!.windowControl.notify({ title: '김민수', body: '월세 지원 문의', silent: true, onClick });
    const n = FakeNotification.instances.at(-1)!;
    expect(n.shown).toBe(true);
    expect(n.options).toEqual({ title: '김민수', body: '월세 지원 문의', silent: true });
    n.emit('click');
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(true);
    expect(onClick).toHaveBeenCalledOnce();
  });

  it('a second launch focuses the existing window', () => {
    win.visible = false;
    win.focused = false;
    fake.state.app.emit('second-instance', {}, [], '/');
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(true);
  });
});

describe('shutdown', () => {
  it('remembers where the window was moved, written when the app quits', async () => {
    win.bounds = { x: 1200, y: 40, width: 480, height: 900 };
    win.emit('move');
    win.bounds = { x: 1100, y: 40, width: 520, height: 900 };
    win.emit('resize');
    const ev = { preventDefault: vi.fn() };
    fake.state.app.emit('will-quit', ev);
    expect(ev.preventDefault).toHaveBeenCalled();
    await vi.waitFor(async () => {
      const saved = JSON.parse(await readFile(join(userData, 'window-state.json'), 'utf8')) as { byDisplay: Record<string, unknown>; lastDisplay: string };
      expect(saved.byDisplay[saved.lastDisplay]).toEqual({ x: 1100, y: 40, width: 520, height: 900 });
    });
  });

  it('closes the services before quitting', async () => {
    // The first will-quit (previous test) was held back until the services closed.
    await vi.waitFor(() => expect(services.closed).toBe(true));
    await vi.waitFor(() => expect(fake.state.app.quitCalls).toBeGreaterThan(0));
    expect(fake.state.ipcHandlers.size).toBe(0);
    expect(fake.state.shortcuts.size).toBe(0);
  });
});
