import { useQuery } from '@tanstack/react-query';
import type { SessionState } from '../../common/desk-api/index.js';
import { getDesk, queryKeys } from '../app/desk.js';

/** The session as the main side knows it; kept current by session.onChange (see bindDeskEvents). */
export function useSession(): { state: SessionState | undefined; error: unknown } {
  const q = useQuery({ queryKey: queryKeys.session, queryFn: () => getDesk().session.getState() });
  return { state: q.data, error: q.error };
}
