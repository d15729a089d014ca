import { z } from 'zod';
import type { MethodSpec } from './define.js';
import { DeskError, type DeskResultEnvelope, zodIssues } from './errors.js';
import { deskEvents, deskMethods } from './spec.js';
import type { DeskApi, DeskHandlers } from './types.js';

/** Every invokable channel, `namespace:method`. */
export const DESK_CHANNELS: readonly string[] = Object.entries(deskMethods).flatMap(([ns, methods]) =>
  Object.keys(methods).map((m) => `${ns}:${m}`),
);
/** Every event channel, `namespace:onX`. */
export const DESK_EVENT_CHANNELS: readonly string[] = Object.entries(deskEvents).flatMap(([ns, events]) =>
  Object.keys(events).map((e) => `${ns}:${e}`),
);

function specFor(channel: string): MethodSpec | undefined {
  const [ns, m] = channel.split(':');
  if (!ns || !m || !Object.hasOwn(deskMethods, ns)) return undefined;
  const methods = deskMethods[ns as keyof typeof deskMethods] as Record<string, MethodSpec>;
  return Object.hasOwn(methods, m) ? methods[m] : undefined;
}

/**
 * Validates a call on its way in, runs the handler, validates the result on its way out, and
 * turns every failure into an envelope: a bad call from the renderer can never crash the host.
 */
export async function dispatchDeskCall(handlers: DeskHandlers, channel: string, rawArg: unknown): Promise<DeskResultEnvelope> {
  const spec = specFor(channel);
  if (!spec) return { ok: false, error: { code: 'invalid_argument', message: `알 수 없는 호출입니다: ${channel}` } };
  const parsed = spec.arg.safeParse(rawArg);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid_argument', message: `잘못된 입력입니다 (${channel})`, issues: zodIssues(parsed.error) },
    };
  }
  const [ns, m] = channel.split(':') as [string, string];
  const fn = (handlers as unknown as Record<string, Record<string, (a: unknown) => Promise<unknown>>>)[ns]?.[m];
  if (typeof fn !== 'function') return { ok: false, error: { code: 'internal', message: `구현되지 않은 호출입니다: ${channel}` } };
  try {
    const value = spec.result.parse(await fn(parsed.data));
    return { ok: true, value };
  } catch (err) {
    if (err instanceof DeskError) return { ok: false, error: err.toData() };
    if (err instanceof z.ZodError) {
      return { ok: false, error: { code: 'internal', message: `결과 형식 오류 (${channel})`, issues: zodIssues(err) } };
    }
    return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
  }
}

/** What a transport (preload IPC, harness WebSocket) provides to build `window.desk`. */
export interface DeskTransport {
  invoke(channel: string, arg: unknown): Promise<DeskResultEnvelope>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/** Builds the DeskApi object over a transport; used by the preload and by the browser harness. */
export function createDeskClient(transport: DeskTransport, options: { plainErrors?: boolean } = {}): DeskApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const [ns, methods] of Object.entries(deskMethods)) {
    const target: Record<string, unknown> = {};
    for (const m of Object.keys(methods)) {
      target[m] = async (arg?: unknown) => {
        const res = await transport.invoke(`${ns}:${m}`, arg);
        if (!res.ok) {
          // Across Electron's contextBridge an Error keeps only its message; a plain object keeps the code.
          if (options.plainErrors) throw { name: 'DeskError', ...res.error };
          throw new DeskError(res.error.code, res.error.message, res.error.issues);
        }
        return res.value;
      };
    }
    for (const e of Object.keys(deskEvents[ns as keyof typeof deskEvents])) {
      target[e] = (listener: (payload: unknown) => void) => {
        if (typeof listener !== 'function') throw new TypeError('listener must be a function');
        return transport.subscribe(`${ns}:${e}`, listener);
      };
    }
    api[ns] = Object.freeze(target);
  }
  return Object.freeze(api) as unknown as DeskApi;
}
