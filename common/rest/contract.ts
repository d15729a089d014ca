import { z } from 'zod';
import {
  CallAction, CallChannel, CallLog, CallLogInput, CallLogRevision, CannedReply, Change, Conversation,
  ConversationStatus, Counsellor, CtiEvent, Field, Household, Instant, LifeStage, Message, Programme,
  ProgrammeHit, Provider, Theme, Uuid,
} from '../domain/index.js';

/**
 * The REST contract between the desktop and the central service (DESIGN.md §3), base /api/v1.
 * Both sides import these schemas: the server validates requests with them and generates its
 * OpenAPI document from them; the desktop's REST client parses every response with them.
 */
export const API_BASE = '/api/v1';

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: Instant,
  counsellor: Counsellor,
  /** Created or reset by an admin: every route but POST /auth/password, logout and /me is 403 until changed. */
  mustChangePassword: z.boolean(),
  /** A token unused this long expires (401 problem type session-idle). */
  idleTimeoutMinutes: z.number().positive(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MeResponse = z.object({ counsellor: Counsellor, mustChangePassword: z.boolean().optional() });

export const PasswordChangeRequest = z.object({
  current: z.string().min(1).max(256),
  next: z.string().min(1).max(256),
});

/** Problem types the desk tells apart (https://bokji.local/problems/<slug>). */
export const PROBLEM_TYPES = {
  unauthorized: 'https://bokji.local/problems/unauthorized',
  sessionIdle: 'https://bokji.local/problems/session-idle',
  accountLocked: 'https://bokji.local/problems/account-locked',
  passwordChangeRequired: 'https://bokji.local/problems/password-change-required',
  weakPassword: 'https://bokji.local/problems/weak-password',
} as const;

export const PullQuery = z.object({
  cursor: z.string().regex(/^\d+$/, 'cursor must be a non-negative integer').default('0'),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
export const PullResponse = z.object({ changes: z.array(Change), cursor: z.string(), hasMore: z.boolean() });
export type PullResponse = z.infer<typeof PullResponse>;

/** A change bigger than this (its JSON in UTF-8) is never carried: its event is a plain poke. */
export const SYNC_POKE_CARRY_MAX_CHANGE_BYTES = 4096;
/** Most bytes of SSE `data` that may carry changes; a bigger event is a plain poke. */
export const SYNC_POKE_CARRY_MAX_BYTES = 32_768;
/**
 * Most changes one event carries (the server reads one feed page of this size). A first message
 * from a citizen is three changes (the conversation twice, the message): 50 such messages a
 * second over a 50 ms poke window, with a stream a window behind, needed more than 16.
 */
export const SYNC_POKE_CARRY_MAX_CHANGES = 64;

/**
 * The SSE `data` of a `change` event: pull up to at least this sequence. A small batch of changes
 * may ride along (`changes`, exactly what GET /sync/pull?cursor=`after` returns, up to `seq`):
 * a desk whose cursor is `after` applies them without a pull; any other desk pulls as before.
 * Both fields are optional and come together, so a desk that reads only `seq` keeps working.
 */
/** What every `change` event says, whatever it carries: pull up to at least this sequence. */
export const SyncPokeSeq = z.object({ seq: z.number().int().nonnegative() });

export const SyncPoke = SyncPokeSeq.extend({
  after: z.number().int().nonnegative().optional(),
  changes: z.array(Change).min(1).max(SYNC_POKE_CARRY_MAX_CHANGES).optional(),
}).refine((p) => (p.after === undefined) === (p.changes === undefined), { message: 'after and changes come together' })
  // A page of the feed: increasing seqs after `after`, ending at `seq`; anything else is not applied.
  .refine((p) => !p.changes || (p.changes.every((c, i) => c.seq > (i === 0 ? p.after! : p.changes![i - 1]!.seq)) && p.changes.at(-1)!.seq === p.seq), {
    message: 'carried changes must run in order from after to seq',
  });
export type SyncPoke = z.infer<typeof SyncPoke>;

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const ConversationListQuery = z.object({
  status: ConversationStatus.optional(),
  assignee: z.union([Uuid, z.literal('none'), z.literal('me')]).optional(),
  q: z.string().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const ProgrammeQuery = z.object({
  q: z.string().max(200).default(''),
  field: Field.optional(),
  life: LifeStage.optional(),
  household: Household.optional(),
  theme: Theme.optional(),
  provider: Provider.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ProgrammeSearchResponse = z.object({
  items: z.array(z.object({ hit: ProgrammeHit, programme: Programme })),
  total: z.number().int(),
});

export const CallLogListQuery = z.object({
  from: Instant.optional(),
  to: Instant.optional(),
  counsellor: Uuid.optional(),
  field: Field.optional(),
  channel: CallChannel.optional(),
  action: CallAction.optional(),
  phone: z.string().max(32).optional(),
  q: z.string().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const CallLogHistoryResponse = z.object({ revisions: z.array(CallLogRevision) });

export const CannedReplyInput = CannedReply.pick({ title: true, body: true, shortcut: true });
export type CannedReplyInput = z.infer<typeof CannedReplyInput>;

export const CounsellorInput = z.object({
  username: z.string().trim().min(1).max(64).regex(/^[a-z0-9._-]+$/, '영문 소문자, 숫자, . _ - 만 쓸 수 있습니다'),
  displayName: z.string().trim().min(1).max(64),
  role: Counsellor.shape.role,
  /** Checked against the password rule (common/accounts); the owner must change it at first login. */
  password: z.string().min(1).max(256).optional(),
  active: z.boolean().default(true),
});

export const HealthResponse = z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']), version: z.string() });

export { CallLog, CallLogInput, CannedReply, Conversation, CtiEvent, Message };
