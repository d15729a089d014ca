import { DeskError } from '../../../common/desk-api/index.js';
import type { SessionService } from '../session/session-service.js';
import { RestError, type RestErrorKind } from './rest-error.js';

/** A Korean message for a refusal, given the server's own (English) wording for the logs. */
type Wording = Partial<Record<Exclude<RestErrorKind, 'retryable' | 'unauthenticated'>, (serverMessage: string) => string>>;

/**
 * The one way a handler that talks to the server directly (no outbox: admin edits, the board,
 * reports, the access log) turns a failed request into what the counsellor reads: offline says
 * to try again, an expired session signs out, a refusal keeps the server's reason. `what` is the
 * verb phrase of the action ("계정을 저장"), `wording` overrides the message of a kind.
 */
export async function onlineCall<T>(session: Pick<SessionService, 'expire'>, what: string, call: () => Promise<T>, wording: Wording = {}): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof RestError)) throw err;
    if (err.kind === 'retryable') throw new DeskError('offline', `서버에 연결할 수 없어 ${what}하지 못했습니다. 잠시 후 다시 시도하세요. (${err.message})`);
    if (err.kind === 'unauthenticated') {
      await session.expire(err.message);
      throw new DeskError('unauthenticated', '로그인이 만료되었습니다. 다시 로그인하세요.');
    }
    const custom = wording[err.kind];
    if (custom) throw new DeskError(err.kind, custom(err.message));
    if (err.kind === 'forbidden') throw new DeskError('forbidden', `권한이 없습니다. (${err.message})`);
    throw new DeskError(err.kind, err.message);
  }
}
