/**
 * Runs in the page, before the renderer: installs `window.desk` as a DeskApi whose transport is
 * the harness's loopback WebSocket. Bundled into a classic script by renderer-build.ts.
 */
import { createDeskClient, DESK_EVENT_CHANNELS, type DeskResultEnvelope, type DeskTransport } from '../../common/desk-api/index.js';
import { DESK_SOCKET_PATH, ServerFrame } from './ws-protocol.js';

const offline = (message: string): DeskResultEnvelope => ({ ok: false, error: { code: 'offline', message } });

function createSocketTransport(url: string): DeskTransport {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 250;
  const pending = new Map<number, (res: DeskResultEnvelope) => void>();
  const queued: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const connect = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('open', () => {
      retryMs = 250;
      for (const frame of queued.splice(0)) ws.send(frame);
    });
    ws.addEventListener('message', (event) => {
      let frame: ServerFrame;
      try {
        frame = ServerFrame.parse(JSON.parse(String(event.data)));
      } catch (err) {
        console.error('[desk-harness] malformed frame from the harness', err);
        return;
      }
      if (frame.type === 'event') {
        for (const l of listeners.get(frame.channel) ?? []) l(frame.payload);
      } else if (frame.id !== null) {
        pending.get(frame.id)?.(frame.result);
        pending.delete(frame.id);
      }
    });
    ws.addEventListener('close', () => {
      socket = null;
      // Calls in flight may or may not have run; tell the caller rather than guess.
      for (const resolve of pending.values()) resolve(offline('하네스 연결이 끊겼습니다 (harness connection lost)'));
      pending.clear();
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    });
  };
  connect();

  return {
    invoke(channel, arg) {
      const id = nextId++;
      const frame = JSON.stringify({ type: 'call', id, channel, arg });
      return new Promise<DeskResultEnvelope>((resolve) => {
        pending.set(id, resolve);
        if (socket?.readyState === WebSocket.OPEN) socket.send(frame);
        else queued.push(frame);
      });
    },
    subscribe(channel, listener) {
      if (!DESK_EVENT_CHANNELS.includes(channel)) throw new Error(`unknown DeskApi event: ${channel}`);
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
}

const socketUrl = new URL(DESK_SOCKET_PATH, window.location.href);
socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';
window.desk = createDeskClient(createSocketTransport(socketUrl.href));
