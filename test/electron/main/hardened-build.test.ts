import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fake, FakeBrowserWindow } from './fake-electron.js';
import { createFakeServices, type FakeServices } from './fake-services.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

const { startDesktop } = await import('../../../electron/main/desktop.js');
const { REQUIRED_FUSES } = await import('../../../electron/main/security/fuses.js');
const { appMenuTemplate } = await import('../../../electron/main/menu.js');

let services: FakeServices;
let userData: string;

beforeAll(async () => {
  userData = await mkdtemp(join(tmpdir(), 'bokji-packaged-'));
  fake.state.app.userData = userData;
  fake.state.app.isPackaged = true;
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
    env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' },
    log: () => undefined,
  });
  await handle.ready;
});
afterAll(async () => {
  fake.state.app.isPackaged = false;
  await rm(userData, { recursive: true, force: true });
});

describe('a packaged build', () => {
  it('opens no DevTools and loads no URL from its environment', () => {
    const win = FakeBrowserWindow.instances.at(-1)!;
    expect((win.options as { webPreferences: Record<string, unknown> }).webPreferences.devTools).toBe(false);
    expect(win.loadedUrls).toEqual(['app://bokji/index.html']);
  });

  it('has a minimal menu: editing and quit, no View (reload, Toggle Developer Tools)', () => {
    const menu = fake.state.appMenus.at(-1) as { template: { label: string; submenu: { role?: string }[] }[] };
    const roles = menu.template.flatMap((m) => m.submenu.map((i) => i.role).filter(Boolean));
    expect(roles).toContain('copy');
    expect(roles).toContain('quit');
    expect(roles.some((r) => /devtools|reload|view/i.test(String(r)))).toBe(false);
    expect(appMenuTemplate(false, 'linux')).toBeNull();
  });

  it('without BOKJI_SERVER_URL the server is not fixed by configuration (the first run proposes, main checks)', () => {
    expect(services.config).toMatchObject({ serverUrl: 'http://127.0.0.1:8787', serverUrlFixed: false });
  });
});

describe('electron-builder.yml', () => {
  it('sets exactly the required Electron fuses', async () => {
    const yml = await readFile(join(process.cwd(), 'electron-builder.yml'), 'utf8');
    const block = /^electronFuses:\n((?:[ ]{2}\S.*\n)+)/m.exec(yml);
    expect(block).not.toBeNull();
    const fuses = Object.fromEntries(block![1]!.trim().split('\n').map((l) => {
      const [k, v] = l.trim().split(/:\s*/);
      return [k, v === 'true'];
    }));
    expect(fuses).toEqual(REQUIRED_FUSES);
    expect(REQUIRED_FUSES).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false });
    // The desk's store driver is an addon outside the asar.
    expect(yml).toMatch(/asarUnpack:\n\s+- "node_modules\/@journeyapps\/sqlcipher\/\*\*"/);
  });
});
