import { Button } from '@mantine/core';
import { lazy, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Counsellor } from '../../common/domain/index.js';
import { LazyScreen, useOpenedOnce } from '../app/lazy-screen.js';
import { PresenceMenu } from './PresenceMenu.js';

// 현황판 with its service-level charts: a chunk of its own, loaded when first opened.
const SupervisorBoard = lazy(() => import('../supervisor/SupervisorBoard.js').then((m) => ({ default: m.SupervisorBoard })));

const isBoardKey = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && (e.code === 'KeyB' || e.key.toLowerCase() === 'b');

/** The header's team part: 내 상태 for everyone, 현황판 (Ctrl+Shift+B) for supervisors and admins. */
export function TeamHeader({ me }: { me: Counsellor }) {
  const { t } = useTranslation('team');
  const lead = me.role === 'supervisor' || me.role === 'admin';
  const [boardOpen, setBoardOpen] = useState(false);
  const boardMounted = useOpenedOnce(boardOpen);
  useEffect(() => {
    if (!lead) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !isBoardKey(e)) return;
      e.preventDefault();
      setBoardOpen((v) => !v);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [lead]);
  return (
    <>
      <PresenceMenu meId={me.id} />
      {lead && (
        <Button variant="default" size="compact-sm" onClick={() => setBoardOpen(true)} title="Ctrl+Shift+B">
          {t('board.open')}
        </Button>
      )}
      {lead && boardMounted && (
        <LazyScreen>
          <SupervisorBoard opened={boardOpen} onClose={() => setBoardOpen(false)} />
        </LazyScreen>
      )}
    </>
  );
}
