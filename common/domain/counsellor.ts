import { z } from 'zod';
import { Uuid } from './primitives.js';
import { Role } from './vocabulary.js';

export const Counsellor = z.object({
  id: Uuid,
  username: z.string().min(1).max(64),
  displayName: z.string().min(1).max(64),
  role: Role,
  active: z.boolean(),
});
export type Counsellor = z.infer<typeof Counsellor>;
