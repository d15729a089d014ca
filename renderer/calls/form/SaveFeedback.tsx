import { Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { Status } from './useCallLogEditor.js';

/**
 * What saving did, next to 저장 where the counsellor is looking, and announced: a polite status for
 * progress and success, an alert for a failure. Always mounted, so screen readers hear each change.
 */
export function SaveFeedback({ status }: { status: Status | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A long form in a short side panel: keep the message on screen.
    if (status) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [status]);
  const error = status?.kind === 'error';
  return (
    <div ref={ref} style={{ flex: 1, minWidth: 160 }}>
      <Text role="status" aria-live="polite" size="sm" c={status?.kind === 'success' ? 'teal.9' : 'blue.9'}>
        {status && !error ? status.text : ''}
      </Text>
      <Text role="alert" size="sm" c="red.9" fw={500}>
        {error ? status.text : ''}
      </Text>
    </div>
  );
}
