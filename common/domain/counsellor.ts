import { z } from 'zod';
import { Instant, Uuid } from './primitives.js';
import { Presence } from './team.js';
import { Role } from './vocabulary.js';

export const Counsellor = z.object({
  id: Uuid,
  username: z.string().min(1).max(64),
  displayName: z.string().min(1).max(64),
  role: Role,
  active: z.boolean(),
  /** 상담 가능 / 자리 비움 / 통화 중 / 오프라인; records from before presence read as offline. */
  presence: Presence.default('offline'),
  presenceSince: Instant.nullable().default(null),
});
export type Counsellor = z.infer<typeof Counsellor>;
