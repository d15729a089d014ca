import { z } from 'zod';

/**
 * Errors crossing the DeskApi boundary. Electron's IPC flattens thrown errors to a message,
 * so handlers return an envelope and the renderer side turns it back into a DeskError.
 */
export const DESK_ERROR_CODES = [
  'invalid_argument', // the call did not match its schema
  'unauthenticated', // not signed in, or the session expired
  'forbidden', // signed in, but the role may not do this
  'not_found',
  'conflict', // a newer version exists on the server (412)
  'rejected', // the server refused the write for a reason retrying cannot fix (4xx)
  'offline', // needs the server and the server cannot be reached
  'internal',
] as const;
export const DeskErrorCode = z.enum(DESK_ERROR_CODES);
export type DeskErrorCode = z.infer<typeof DeskErrorCode>;

export const DeskErrorData = z.object({
  code: DeskErrorCode,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type DeskErrorData = z.infer<typeof DeskErrorData>;

export class DeskError extends Error {
  readonly code: DeskErrorCode;
  readonly issues: DeskErrorData['issues'];
  constructor(code: DeskErrorCode, message: string, issues?: DeskErrorData['issues']) {
    super(message);
    this.name = 'DeskError';
    this.code = code;
    this.issues = issues;
  }
  toData(): DeskErrorData {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

export const DeskResultEnvelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: DeskErrorData }),
]);
export type DeskResultEnvelope = z.infer<typeof DeskResultEnvelope>;

export function zodIssues(error: z.ZodError): NonNullable<DeskErrorData['issues']> {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Whatever a DeskApi call rejected with (a DeskError, or its plain form from the preload), as a DeskError. */
export function toDeskError(err: unknown): DeskError {
  if (err instanceof DeskError) return err;
  const data = DeskErrorData.safeParse(err);
  if (data.success) return new DeskError(data.data.code, data.data.message, data.data.issues);
  return new DeskError('internal', err instanceof Error ? err.message : String(err));
}
