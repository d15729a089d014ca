import { useEffect, useState } from 'react';
import type { Counsellor } from '../../common/domain/index.js';

/** Counsellors of the centre (for filters and names); empty when the list cannot be had. */
export function useCounsellors(): Counsellor[] {
  const [list, setList] = useState<Counsellor[]>([]);
  useEffect(() => {
    let live = true;
    window.desk.inbox.counsellors().then((c) => live && setList(c), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return list;
}
