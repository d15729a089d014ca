import { DeskError } from '../../../common/desk-api/index.js';
import { RestError } from './rest-error.js';

/**
 * A call the desk makes straight to the server (no outbox), with its failure in DeskApi terms:
 * unreachable -> offline, 401 -> the session ends, 403 -> forbidden with the server's reason (the
 * screen shows why, e.g. the four-eyes rule), 404, 412 and every other refusal as the server said it.
 */
export function onlineCaller(session: { expire(reason: string): Promise<unknown> }) {
  return async function online<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof RestError)) throw err;
      if (err.kind === 'retryable') throw new DeskError('offline', `서버에 연결할 수 없어 ${what}하지 못했습니다. 잠시 후 다시 시도하세요. (${err.message})`);
      if (err.kind === 'unauthenticated') {
        await session.expire(err.message);
        throw new DeskError('unauthenticated', '로그인이 만료되었습니다. 다시 로그인하세요.');
      }
      if (err.kind === 'forbidden') throw new DeskError('forbidden', err.message);
      if (err.kind === 'conflict') throw new DeskError('conflict', err.message);
      if (err.kind === 'not_found') throw new DeskError('not_found', err.message);
      throw new DeskError('rejected', err.message);
    }
  };
}
