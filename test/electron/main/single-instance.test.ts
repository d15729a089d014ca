import { fake, FakeBrowserWindow } from './fake-electron.js';
import { createFakeServices } from './fake-services.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);
const { startDesktop } = await import('../../../electron/main/desktop.js');

describe('single instance', () => {
  it('a second launch quits at once without opening a window or the services', async () => {
    fake.state.app.singleInstance = false;
    const createServices = vi.fn(createFakeServices);
    const handle = startDesktop({
      createServices,
      paths: { preload: '/p', renderer: '/r', icons: { app: '/i', tray: '/t', trayUnread: '/u' } },
      env: {},
      log: () => {},
    });
    await handle.ready;
    expect(fake.state.app.quitCalls).toBe(1);
    expect(createServices).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(fake.state.ipcHandlers.size).toBe(0);
  });
});
