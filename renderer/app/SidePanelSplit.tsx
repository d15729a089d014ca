import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';

export type SideCollapsed = 'none' | 'programmes' | 'calls';
export interface SideLayout {
  /** The programme lookup's share of the side panel's height, 0.15–0.85. */
  split: number;
  collapsed: SideCollapsed;
}

const KEY = 'bokji.sidePanel';
const MIN = 0.15;
const MAX = 0.85;
const clamp = (v: number) => Math.min(MAX, Math.max(MIN, v));

/** How this workstation last left the side panel (a per-window view preference, so kept in the window's own storage). */
function load(): SideLayout {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<SideLayout> | null;
    const collapsed = v?.collapsed === 'programmes' || v?.collapsed === 'calls' ? v.collapsed : 'none';
    return { split: typeof v?.split === 'number' && Number.isFinite(v.split) ? clamp(v.split) : 0.5, collapsed };
  } catch {
    return { split: 0.5, collapsed: 'none' };
  }
}

export function useSideLayout(): [SideLayout, (next: SideLayout) => void] {
  const [layout, setLayout] = useState(load);
  const update = useCallback((next: SideLayout) => {
    const v = { split: clamp(next.split), collapsed: next.collapsed };
    setLayout(v);
    try {
      localStorage.setItem(KEY, JSON.stringify(v));
    } catch {
      // Storage full or refused: the layout still works for this session.
    }
  }, []);
  return [layout, update];
}

/**
 * The bar between the programme lookup and the call log in the wide layout: drag it or use ↑/↓
 * (Home/End) on it to move the split; the two buttons fold one half away and back.
 */
export function SidePanelSplit({ layout, onChange }: { layout: SideLayout; onChange: (next: SideLayout) => void }) {
  const { t } = useTranslation('app');
  const ref = useRef<HTMLDivElement>(null);
  const pct = Math.round(layout.split * 100);

  function onKeyDown(e: KeyboardEvent) {
    const step = e.key === 'ArrowUp' ? -0.05 : e.key === 'ArrowDown' ? 0.05 : 0;
    if (step) onChange({ split: layout.split + step, collapsed: 'none' });
    else if (e.key === 'Home') onChange({ split: MIN, collapsed: 'none' });
    else if (e.key === 'End') onChange({ split: MAX, collapsed: 'none' });
    else return;
    e.preventDefault();
  }

  function onPointerDown(e: PointerEvent<HTMLDivElement>) {
    const side = ref.current?.parentElement;
    if (!side || e.button !== 0) return;
    e.preventDefault();
    const box = side.getBoundingClientRect();
    const move = (ev: globalThis.PointerEvent) => onChange({ split: (ev.clientY - box.top) / box.height, collapsed: 'none' });
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }

  const fold = (half: 'programmes' | 'calls') => onChange({ ...layout, collapsed: layout.collapsed === half ? 'none' : half });
  return (
    <div className="side-split" ref={ref}>
      <div
        role="separator"
        aria-orientation="horizontal"
        aria-label={t('side.split')}
        aria-valuemin={15}
        aria-valuemax={85}
        aria-valuenow={layout.collapsed === 'programmes' ? 0 : layout.collapsed === 'calls' ? 100 : pct}
        tabIndex={0}
        className="side-split-handle"
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
      />
      <Group gap={2} className="side-split-buttons">
        <Tooltip label={layout.collapsed === 'programmes' ? t('side.showProgrammes') : t('side.hideProgrammes')}>
          <ActionIcon size="sm" variant="subtle" color="gray" aria-pressed={layout.collapsed === 'programmes'} aria-label={t('side.hideProgrammes')} onClick={() => fold('programmes')}>
            <IconChevronUp size={14} aria-hidden />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={layout.collapsed === 'calls' ? t('side.showCalls') : t('side.hideCalls')}>
          <ActionIcon size="sm" variant="subtle" color="gray" aria-pressed={layout.collapsed === 'calls'} aria-label={t('side.hideCalls')} onClick={() => fold('calls')}>
            <IconChevronDown size={14} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Group>
    </div>
  );
}
