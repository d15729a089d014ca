import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Counsellor, Presence } from '../../common/domain/index.js';
import { getDesk, queryKeys } from '../app/desk.js';
import { useCounsellors } from '../inbox/queries.js';

export const teamKeys = {
  board: ['team', 'board'] as const,
  settings: ['team', 'settings'] as const,
  accounts: ['team', 'accounts'] as const,
};

/** The signed-in counsellor as the feed last described them (presence included). */
export function useMyRecord(meId: string | null): Counsellor | null {
  const { data } = useCounsellors();
  return data?.find((c) => c.id === meId) ?? null;
}

/** Open (not 종료) chats per assignee, from the replica's conversations (the team shares one feed). */
export function useOpenChatCounts(): Map<string, number> {
  const { data } = useQuery({ queryKey: queryKeys.openChatCounts, queryFn: () => getDesk().inbox.openChatCounts() });
  return new Map((data ?? []).map((r) => [r.assigneeId, r.count]));
}

/** The board from the server, fetched again on every change the desk hears (≤ 1 s after a write). */
export function useBoard(enabled: boolean) {
  const query = useQuery({ queryKey: teamKeys.board, queryFn: () => getDesk().team.board(), enabled, staleTime: 0 });
  const { refetch } = query;
  useEffect(() => {
    if (!enabled) return;
    const desk = getDesk();
    const again = () => void refetch();
    const offs = [desk.inbox.onChange(again), desk.calls.onChange(again)];
    // Wait times grow by themselves: a fresh board every 5 s even without changes.
    const timer = setInterval(again, 5_000);
    return () => {
      offs.forEach((off) => off());
      clearInterval(timer);
    };
  }, [enabled, refetch]);
  return query;
}

// Shade 9 (or black text on yellow): white text on these stays above 4.5:1 (WCAG AA).
export const PRESENCE_COLORS: Record<Presence, string> = { available: 'teal.9', away: 'yellow.4', on_call: 'grape.9', offline: 'gray.8' };

/**
 * How 배정/이관 lists a counsellor: name, presence and open chats, so that the sender sees who
 * is there and who is busy ("이상담 · 상담 가능 · 진행 2건").
 */
export function useCounsellorOptionLabel(): (c: Counsellor) => string {
  const counts = useOpenChatCounts();
  const { t } = useTranslation('team');
  return (c) => `${c.displayName} · ${t(`presence.${c.presence}`)} · ${t('presence.optionOpen', { count: counts.get(c.id) ?? 0 })}`;
}
