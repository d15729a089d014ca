import { z } from 'zod';

/** RFC 9457 problem details: the body of every error response of the central service. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  /** Field-level validation errors: path -> message. */
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** 423 account-locked: until when the account stays locked. */
  lockedUntil: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
