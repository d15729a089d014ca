import { Button, Group, Pill, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { Programme } from '../../../common/domain/index.js';
import { useCallsT } from '../useCallsT.js';

/** Programmes referred: the attached ones as removable pills, plus a small search over desk.programmes.search. */
export function ProgrammePicker({
  ids, names, onAdd, onRemove,
}: { ids: string[]; names: Record<string, string>; onAdd(p: Programme): void; onRemove(id: string): void }) {
  const t = useCallsT();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Programme[]>([]);
  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!q.trim()) return;
    let live = true;
    const timer = setTimeout(() => {
      window.desk.programmes.search({ q, limit: 5 }).then(
        (r) => live && setHits(r.items.map((i) => i.programme)),
        () => live && setHits([]),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="calls-programmes-label">{t('programmes')}</Text>
      <Group gap={4} aria-labelledby="calls-programmes-label" role="list">
        {ids.map((id) => (
          <Pill key={id} role="listitem" withRemoveButton onRemove={() => onRemove(id)}
            removeButtonProps={{ 'aria-label': `${t('programmeRemove')}: ${names[id] ?? id}` }}>
            {names[id] ?? id}
          </Pill>
        ))}
      </Group>
      <TextInput ref={searchRef} size="xs" aria-label={t('programmeSearch')} placeholder={t('programmeSearch')} value={q}
        onChange={(e) => setQ(e.currentTarget.value)} />
      {q.trim() !== '' && hits.length > 0 && (
        <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {hits.map((p) => (
            <li key={p.id}>
              <Group gap={4} wrap="nowrap">
                <Button size="compact-xs" variant="light" disabled={ids.includes(p.id)}
                  aria-label={`${t('programmeAdd')}: ${p.name}`}
                  onClick={() => {
                    onAdd(p);
                    setQ('');
                    // The clicked button goes away with the hits: keep focus in the picker, not on the page.
                    searchRef.current?.focus();
                  }}>
                  {t('programmeAdd')}
                </Button>
                <Text size="xs" lineClamp={1} title={p.name}>{p.name}</Text>
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
