import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { DESK_CHANNELS, DESK_EVENT_CHANNELS, dispatchDeskCall, type DeskResultEnvelope } from '../../../common/desk-api/index.js';
import type { DeskServices } from '../../services/host.js';
import { checkSender } from '../security/sender.js';

export interface DeskIpcOptions {
  services: DeskServices;
  /** The one window allowed to call; resolved per call since it can be recreated. */
  getWindow: () => BrowserWindow | null;
  /** Origins of our own page: app://bokji, or the dev server in development. */
  allowedOrigins: readonly string[];
  log?: (message: string) => void;
}

/**
 * The IPC bridge: every DeskApi channel gets an ipcMain.handle that checks who is calling and
 * then hands the raw argument to dispatchDeskCall, which validates it. Events from the services
 * go to the window on their `namespace:onX` channel. Returns a function that removes it all.
 */
export function installDeskIpc(options: DeskIpcOptions): () => void {
  const log = options.log ?? ((m: string) => console.warn(m));
  const eventChannels = new Set(DESK_EVENT_CHANNELS);

  for (const channel of DESK_CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, arg: unknown): Promise<DeskResultEnvelope> => {
      const win = options.getWindow();
      const verdict =
        win && !win.isDestroyed() && event.sender === win.webContents
          ? checkSender(event.senderFrame, win.webContents.mainFrame, options.allowedOrigins)
          : ({ ok: false, reason: 'not the desk window' } as const);
      if (!verdict.ok) {
        log(`[bokji-desk] refused IPC ${channel}: ${verdict.reason}`);
        return { ok: false, error: { code: 'forbidden', message: '이 창에서는 호출할 수 없습니다 (call refused: unknown sender)' } };
      }
      return dispatchDeskCall(options.services.handlers, channel, arg);
    });
  }

  const unsubscribe = options.services.onEvent((name, payload) => {
    if (!eventChannels.has(name)) return;
    const win = options.getWindow();
    if (win && !win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(name, payload);
  });

  return () => {
    unsubscribe();
    for (const channel of DESK_CHANNELS) ipcMain.removeHandler(channel);
  };
}
