import type { AccessLog } from './access-log/index.js';
import type { AuthFailureLimiter } from './auth/failure-limit.js';
import type { ServerConfig } from './config.js';
import type { TokenLookupFn } from './http/auth.js';
import type { Store } from './db/store.js';
import type { ProgrammeCatalogue } from './programmes/catalogue.js';
import type { DeskStreams } from './team/presence.js';

/** What every route plugin gets: built once in buildServer. */
export interface ServerDeps {
  config: ServerConfig;
  store: Store;
  catalogue: ProgrammeCatalogue;
  /** 접속기록: every processing of personal data is recorded through it. */
  accessLog: AccessLog;
  /** Failed authentications per client IP. */
  authFailures: AuthFailureLimiter;
  /** The auth hook's token lookup (cached): for a stream that must still be signed in long after its request. */
  tokenLookup: TokenLookupFn;
  /** Wakes the Kakao outbound delivery loop after a reply was written. */
  pokeOutbound(): void;
  /** Team operations: a pass of automatic assignment now, and the SSE streams held per counsellor. */
  team: { kickAssignment(): void; streams: DeskStreams };
}
