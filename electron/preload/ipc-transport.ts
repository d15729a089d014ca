import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { DESK_CHANNELS, DESK_EVENT_CHANNELS, DeskResultEnvelope, type DeskTransport } from '../../common/desk-api/index.js';

/**
 * The DeskApi transport over Electron IPC, limited to the contract's channels: the page can
 * neither invoke nor listen on anything else, whatever it passes in.
 */
export function createIpcTransport(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): DeskTransport {
  const calls = new Set(DESK_CHANNELS);
  const events = new Set(DESK_EVENT_CHANNELS);
  return {
    async invoke(channel, arg) {
      if (!calls.has(channel)) return { ok: false, error: { code: 'invalid_argument', message: `알 수 없는 호출입니다: ${channel}` } };
      const reply: unknown = await ipc.invoke(channel, arg);
      const parsed = DeskResultEnvelope.safeParse(reply);
      return parsed.success ? parsed.data : { ok: false, error: { code: 'internal', message: `잘못된 응답입니다 (${channel})` } };
    },
    subscribe(channel, listener) {
      if (!events.has(channel)) throw new Error(`unknown DeskApi event: ${channel}`);
      // The IPC event object carries the sender; the page gets the payload only.
      const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipc.on(channel, wrapped);
      return () => {
        ipc.removeListener(channel, wrapped);
      };
    },
  };
}
