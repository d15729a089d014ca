import { Button, Chip, Collapse, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId } from 'react';
import {
  FIELDS, HOUSEHOLDS, LIFE_STAGES, PROVIDERS, THEMES, type ProgrammeFilters, type Provider,
} from '../../common/domain/index.js';
import { useTranslation } from 'react-i18next';
import type { ProgrammesKey } from './i18n.js';

type Key = keyof ProgrammeFilters;

const PROVIDER_KEYS: Record<Provider, ProgrammesKey> = {
  central: 'providerCentral', seoul: 'providerSeoul', district: 'providerDistrict',
};

/**
 * Filters as chips, one choice per group (the search takes one value per dimension); a second
 * click on the chosen chip clears it. Collapsed by default: the side panel is narrow.
 */
export function FilterChips({ filters, onChange }: { filters: ProgrammeFilters; onChange(next: ProgrammeFilters): void }) {
  const { t } = useTranslation('programmes');
  const [open, { toggle }] = useDisclosure(false);
  const id = useId();
  const active = Object.values(filters).filter(Boolean).length;
  const groups: Array<{ key: Key; label: ProgrammesKey; values: readonly string[]; text?: (v: string) => string }> = [
    { key: 'field', label: 'filterField', values: FIELDS },
    { key: 'life', label: 'filterLife', values: LIFE_STAGES },
    { key: 'household', label: 'filterHousehold', values: HOUSEHOLDS },
    { key: 'theme', label: 'filterTheme', values: THEMES },
    { key: 'provider', label: 'filterProvider', values: PROVIDERS, text: (v) => t(PROVIDER_KEYS[v as Provider]) },
  ];
  const set = (key: Key, value: string) => {
    const next: Record<string, string | undefined> = { ...filters };
    if (next[key] === value) delete next[key];
    else next[key] = value;
    onChange(next as ProgrammeFilters);
  };
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Button variant="subtle" size="compact-sm" onClick={toggle} aria-expanded={open} aria-controls={`${id}-filters`}>
          {active > 0 ? t('filtersActive', { count: active }) : t('filters')}
        </Button>
        {active > 0 && (
          <Button variant="subtle" size="compact-sm" color="gray" onClick={() => onChange({})}>
            {t('clearFilters')}
          </Button>
        )}
      </Group>
      <Collapse expanded={open} id={`${id}-filters`}>
        <Stack gap={6}>
          {groups.map((g) => (
            <div key={g.key} role="group" aria-label={t(g.label)}>
              <Text size="xs" c="dimmed" mb={2} aria-hidden>
                {t(g.label)}
              </Text>
              <Group gap={4}>
                {g.values.map((v) => (
                  <Chip key={v} size="xs" checked={filters[g.key] === v} onChange={() => set(g.key, v)}>
                    {g.text ? g.text(v) : v}
                  </Chip>
                ))}
              </Group>
            </div>
          ))}
        </Stack>
      </Collapse>
    </Stack>
  );
}
