import { z } from 'zod';
import { DeskResultEnvelope } from '../../common/desk-api/index.js';

/**
 * The harness's wire format between the browser-side DeskApi and the services in Node: a call
 * carries an id echoed by its result; events are pushed unasked. Both sides validate.
 */
export const DESK_SOCKET_PATH = '/__desk';

export const CallFrame = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  channel: z.string().min(1).max(100),
  arg: z.unknown().optional(),
});
export type CallFrame = z.infer<typeof CallFrame>;

export const ResultFrame = z.object({
  type: z.literal('result'),
  /** null when the incoming frame was too broken to have an id. */
  id: z.number().int().nonnegative().nullable(),
  result: DeskResultEnvelope,
});
export type ResultFrame = z.infer<typeof ResultFrame>;

export const EventFrame = z.object({ type: z.literal('event'), channel: z.string(), payload: z.unknown() });
export type EventFrame = z.infer<typeof EventFrame>;

export const ServerFrame = z.discriminatedUnion('type', [ResultFrame, EventFrame]);
export type ServerFrame = z.infer<typeof ServerFrame>;
