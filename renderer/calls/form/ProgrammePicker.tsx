import { Group, Pill, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Programme } from '../../../common/domain/index.js';
import { useProgrammeSearch } from '../../programmes/queries.js';

const NO_FILTERS = {};

/**
 * Programmes referred: the attached ones as removable pills, plus a small search (a combobox):
 * ↑↓ move through the suggestions, Enter adds the highlighted one (and never saves the record).
 */
export function ProgrammePicker({
  ids, names, onAdd, onRemove,
}: { ids: string[]; names: Record<string, string>; onAdd(p: Programme): void; onRemove(id: string): void }) {
  const { t } = useTranslation('calls');
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const [debounced] = useDebouncedValue(q.trim(), 200);
  const search = useProgrammeSearch(debounced, NO_FILTERS, debounced !== '');
  const hits = q.trim() && debounced ? (search.data?.items ?? []).slice(0, 5).map((i) => i.programme).filter((p) => !ids.includes(p.id)) : [];
  const open = hits.length > 0;
  const current = Math.min(active, Math.max(0, hits.length - 1));
  const pick = (p: Programme) => {
    onAdd(p);
    setQ('');
    setActive(0);
  };
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="calls-programmes-label">{t('programmes')}</Text>
      {ids.length > 0 && (
        <Group gap={4} aria-labelledby="calls-programmes-label" role="list">
          {ids.map((id) => (
            <Pill key={id} role="listitem" withRemoveButton onRemove={() => onRemove(id)}
              removeButtonProps={{ 'aria-label': `${t('programmeRemove')}: ${names[id] ?? id}` }}>
              {names[id] ?? id}
            </Pill>
          ))}
        </Group>
      )}
      <TextInput size="xs" aria-label={t('programmeSearch')} placeholder={t('programmeSearch')} value={q}
        role="combobox" aria-expanded={open} aria-autocomplete="list"
        {...(open ? { 'aria-controls': 'calls-programme-hits', 'aria-activedescendant': `calls-programme-hit-${current}` } : {})}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && open) {
            e.preventDefault();
            setActive((current + 1) % hits.length);
          } else if (e.key === 'ArrowUp' && open) {
            e.preventDefault();
            setActive((current - 1 + hits.length) % hits.length);
          } else if (e.key === 'Enter') {
            // Enter belongs to the suggestions here, never to the record form.
            e.preventDefault();
            if (open && !e.nativeEvent.isComposing) pick(hits[current]!);
          } else if (e.key === 'Escape' && q) {
            e.preventDefault();
            setQ('');
          }
        }} />
      {open && (
        <Stack gap={2} component="ul" role="listbox" id="calls-programme-hits" aria-label={t('programmeSearch')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {hits.map((p, i) => (
            <li key={p.id} id={`calls-programme-hit-${i}`} role="option" aria-selected={i === current}
              // The focus stays in the search box; a click picks without blurring it first.
              onMouseDown={(e) => e.preventDefault()} onClick={() => pick(p)}
              style={{ cursor: 'pointer', padding: '2px 6px', borderRadius: 4, background: i === current ? 'var(--mantine-color-blue-light)' : undefined }}>
              <Text size="xs" lineClamp={1} title={p.name}>{t('programmeAdd')}: {p.name}</Text>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
