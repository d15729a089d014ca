import { Badge, Box, Group, Text } from '@mantine/core';
import { useEffect, useRef, type MouseEvent } from 'react';
import type { Programme, ProgrammeHit } from '../../common/domain/index.js';
import { HighlightedName } from './HighlightedName.js';

export interface ResultItem {
  programme: Programme;
  hit?: ProgrammeHit;
}

export const optionId = (listId: string, programmeId: string) => `${listId}-${programmeId}`;

/**
 * Results as a listbox driven from the searchbox (aria-activedescendant): the focus stays in the
 * searchbox while ↑↓ move the active option, so typing never stops. Names wrap rather than being
 * cut; the summary is clamped to two lines with the full text in its title.
 */
export function ResultList({
  id, label, items, active, onActivate, onOpen,
}: {
  id: string;
  label: string;
  items: ResultItem[];
  active: number;
  onActivate(index: number): void;
  onOpen(p: Programme): void;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  // Keyboard selection wins until the mouse really moves: a list that appears or scrolls under a
  // resting pointer gets mouseenter and (in Chromium) synthetic mousemove events at the same spot,
  // which must not move the highlight that Enter will open.
  const pointer = useRef<{ x: number; y: number } | null>(null);
  function onPointerMove(e: MouseEvent<HTMLLIElement>, i: number) {
    const last = pointer.current;
    pointer.current = { x: e.screenX, y: e.screenY };
    if (last && (last.x !== e.screenX || last.y !== e.screenY) && i !== active) onActivate(i);
  }
  const activeId = items[active] ? optionId(id, items[active].programme.id) : null;
  useEffect(() => {
    if (!activeId) return;
    listRef.current?.querySelector(`#${CSS.escape(activeId)}`)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);
  return (
    <ul ref={listRef} id={id} role="listbox" aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map(({ programme: p, hit }, i) => (
        <li
          key={p.id}
          id={optionId(id, p.id)}
          role="option"
          aria-selected={i === active}
          onMouseMove={(e) => onPointerMove(e, i)}
          // Options are picked from the searchbox (↑↓ Enter) or by pointer; no nested buttons inside an option.
          onClick={() => onOpen(p)}
          style={{
            cursor: 'pointer',
            borderRadius: 4,
            outline: i === active ? '2px solid var(--mantine-color-blue-6)' : 'none',
            outlineOffset: -2,
            background: i === active ? 'var(--mantine-color-blue-0)' : undefined,
          }}
        >
          <Box p={6} title={p.name}>
            <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
              <HighlightedName name={p.name} spans={hit?.nameMatches ?? []} />
            </Text>
            {p.summary && (
              <Text size="xs" c="dimmed" lineClamp={2} title={p.summary}>
                {p.summary}
              </Text>
            )}
            <Group gap={4} mt={2}>
              <Badge size="xs" variant="light">{p.field}</Badge>
              <Badge size="xs" variant="outline" color="gray">{p.agency || p.provider}</Badge>
            </Group>
          </Box>
        </li>
      ))}
    </ul>
  );
}
