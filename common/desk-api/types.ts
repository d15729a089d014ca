import type { z } from 'zod';
import type { MethodSpec } from './define.js';
import type { DeskEvents, DeskMethods } from './spec.js';

type ClientMethod<S> = S extends MethodSpec<infer A, infer R>
  ? A extends z.ZodUndefined
    ? () => Promise<z.output<R>>
    : (arg: z.input<A>) => Promise<z.output<R>>
  : never;

type Subscribe<T extends z.ZodType> = (listener: (payload: z.output<T>) => void) => () => void;

/** `window.desk`: what the renderer sees. */
export type DeskApi = {
  [NS in keyof DeskMethods]: { [M in keyof DeskMethods[NS]]: ClientMethod<DeskMethods[NS][M]> } & {
    [E in keyof DeskEvents[NS]]: DeskEvents[NS][E] extends z.ZodType ? Subscribe<DeskEvents[NS][E]> : never;
  };
};

type HandlerMethod<S> = S extends MethodSpec<infer A, infer R> ? (arg: z.output<A>) => Promise<z.input<R>> : never;

/** What the desktop services implement; the IPC bridge and the harness call these after validation. */
export type DeskHandlers = {
  [NS in keyof DeskMethods]: { [M in keyof DeskMethods[NS]]: HandlerMethod<DeskMethods[NS][M]> };
};

export type DeskEventName = { [NS in keyof DeskEvents]: `${NS & string}:${keyof DeskEvents[NS] & string}` }[keyof DeskEvents];
export type DeskEventPayload<N extends DeskEventName> = N extends `${infer NS}:${infer E}`
  ? NS extends keyof DeskEvents
    ? E extends keyof DeskEvents[NS]
      ? DeskEvents[NS][E] extends z.ZodType
        ? z.output<DeskEvents[NS][E]>
        : never
      : never
    : never
  : never;

/** Emits DeskApi events from the services to whoever hosts them (IPC or the harness socket). */
export interface DeskEventSink {
  emit<N extends DeskEventName>(name: N, payload: DeskEventPayload<N>): void;
}

declare global {
  interface Window {
    desk: DeskApi;
  }
}
