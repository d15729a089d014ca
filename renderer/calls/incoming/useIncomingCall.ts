import { useCallback, useEffect, useRef, useState } from 'react';
import type { IncomingCall } from '../../../common/desk-api/index.js';
import { getDesk } from '../../app/desk.js';

/**
 * The pop-up's state. Every CTI event of a call (answer, hang-up) arrives as an IncomingCall: the
 * pop-up showing that call takes the update in place, and a call the counsellor dismissed (닫기 or
 * 기록 시작) stays dismissed — its hang-up does not bring the pop-up back.
 * `onUpdate` sees every event first (the form takes a hang-up's duration); returning true consumes it.
 */
export function useIncomingCall(onUpdate: (c: IncomingCall) => boolean) {
  const [incoming, setIncoming] = useState<IncomingCall | null>(null);
  const dismissed = useRef(new Set<string>());
  const onUpdateRef = useRef(onUpdate);
  useEffect(() => {
    onUpdateRef.current = onUpdate;
  });
  useEffect(() => getDesk().calls.onIncomingCall((c) => {
    if (onUpdateRef.current(c)) return;
    if (dismissed.current.has(c.call.callId)) return;
    setIncoming(c);
  }), []);
  const dismiss = useCallback(() => {
    setIncoming((c) => {
      if (c) dismissed.current.add(c.call.callId);
      return null;
    });
  }, []);
  return { incoming, dismiss };
}
