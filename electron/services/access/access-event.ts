import { z } from 'zod';

/**
 * One desk event of POST /api/v1/access-log (the `privacy` branch's AccessLogBatch, see
 * DESIGN.md §3): what was read from the replica, by whom is the token's counsellor.
 * TODO(merge): use common/rest/access-log.ts once the server side lands (same shape).
 */
export const DESK_ACCESS_ACTIONS = ['view', 'search', 'list', 'export', 'print', 'reveal'] as const;
export const DeskAccessEvent = z.object({
  id: z.uuid(),
  at: z.iso.datetime({ offset: true }),
  deskId: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/),
  action: z.enum(DESK_ACCESS_ACTIONS),
  entity: z.string().regex(/^[a-z_]{1,32}$/),
  recordId: z.string().max(128).nullable(),
  subject: z.union([z.object({ citizenKey: z.string().min(1).max(128) }), z.object({ phone: z.string().min(1).max(32) })]).nullable(),
  reason: z.string().max(500).nullable(),
  rows: z.number().int().nonnegative().nullable(),
});
export type DeskAccessEvent = z.infer<typeof DeskAccessEvent>;

export const AccessLogBatchResponse = z.object({ recorded: z.number().int(), duplicates: z.number().int() });
