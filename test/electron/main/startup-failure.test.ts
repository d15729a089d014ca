import { fake } from './fake-electron.js';
import { createFakeServices } from './fake-services.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);
const { startDesktop } = await import('../../../electron/main/desktop.js');

describe('a start-up that cannot succeed', () => {
  it('shows which setting is wrong and exits instead of opening a half-working window', async () => {
    const handle = startDesktop({
      createServices: createFakeServices,
      paths: { preload: '/p', renderer: '/r', icons: { app: '/i', tray: '/t', trayUnread: '/u' } },
      env: { BOKJI_SERVER_URL: 'not a url' },
      log: () => {},
    });
    await expect(handle.ready).rejects.toThrow(/BOKJI_SERVER_URL/);
    await vi.waitFor(() => expect(fake.state.app.exitCodes).toEqual([1]));
    expect(fake.state.dialogState.errorBoxes[0]?.[1]).toMatch(/BOKJI_SERVER_URL/);
  });
});
