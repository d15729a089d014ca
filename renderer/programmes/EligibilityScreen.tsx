import { Alert, Checkbox, Group, List, NumberInput, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenInput, dependsOnIncome, screen, screeningQueries, type ScreenResult } from '../../common/eligibility/index.js';
import type { Programme } from '../../common/domain/index.js';
import { getDesk } from '../app/desk.js';
import { programmeKeys } from './queries.js';

const won = (n: number) => n.toLocaleString('ko-KR');
const MATCH_LIMIT = 12;
/** Per search: more than shown, since those that do not depend on income are left out. */
const SEARCH_LIMIT = 15;

type NumberValue = number | string;
const asNumber = (v: NumberValue): number | undefined => (v === '' || v === undefined ? undefined : Number(v));

/**
 * The 기준 중위소득 quick screen: household size and monthly income (with optional age,
 * disability, single parent) → share of the median, 급여 lines, programmes to look at.
 */
export function EligibilityScreen({ onOpen }: { onOpen(p: Programme): void }) {
  const { t } = useTranslation('programmes');
  const [size, setSize] = useState<NumberValue>(1);
  const [income, setIncome] = useState<NumberValue>('');
  const [age, setAge] = useState<NumberValue>('');
  const [disability, setDisability] = useState(false);
  const [singleParent, setSingleParent] = useState(false);

  const parsed = useMemo(() => {
    if (income === '') return null;
    return ScreenInput.safeParse({
      householdSize: asNumber(size), monthlyIncome: asNumber(income), age: asNumber(age), disability, singleParent,
    });
  }, [size, income, age, disability, singleParent]);
  const result = parsed?.success ? screen(parsed.data) : null;
  const issues = parsed && !parsed.success ? parsed.error.issues : [];
  const issueFor = (key: string) => issues.find((i) => i.path[0] === key)?.message;

  return (
    <Stack gap="sm" component="section" aria-label={t('screenTitle')}>
      <Title order={3} size="h5">{t('screenTitle')}</Title>
      <Alert variant="light" color="yellow" icon={<IconInfoCircle size={16} aria-hidden />} p="xs">
        <Text size="sm">{t('screenDisclaimer')}</Text>
      </Alert>
      <Group grow align="flex-start">
        <NumberInput label={t('householdSize')} min={1} max={20} clampBehavior="none" allowDecimal={false} value={size} onChange={setSize}
          error={issueFor('householdSize')} suffix={t('householdSuffix')} />
        <NumberInput label={t('age')} min={0} max={130} clampBehavior="none" allowDecimal={false} value={age} onChange={setAge} error={issueFor('age')} />
      </Group>
      <NumberInput label={t('monthlyIncome')} min={0} allowNegative={false} thousandSeparator="," value={income} onChange={setIncome}
        error={issueFor('monthlyIncome')} />
      <Group>
        <Checkbox label={t('disability')} checked={disability} onChange={(e) => setDisability(e.currentTarget.checked)} />
        <Checkbox label={t('singleParent')} checked={singleParent} onChange={(e) => setSingleParent(e.currentTarget.checked)} />
      </Group>
      <div aria-live="polite">{result && <ScreenOutcome result={result} onOpen={onOpen} />}</div>
    </Stack>
  );
}

function ScreenOutcome({ result, onOpen }: { result: ScreenResult; onOpen(p: Programme): void }) {
  const { t } = useTranslation('programmes');
  const searches = screeningQueries(result);
  const found = useQueries({
    queries: searches.map(({ q, filters }) => ({
      queryKey: programmeKeys.search(q, filters, SEARCH_LIMIT),
      queryFn: () => getDesk().programmes.search({ q, ...filters, limit: SEARCH_LIMIT }),
    })),
  });
  const matches: Programme[] = [];
  for (const r of found) {
    for (const item of r.data?.items ?? []) {
      // An income screen suggests only what income decides (not every programme tagged 저소득).
      if (!dependsOnIncome(item.programme)) continue;
      if (matches.length < MATCH_LIMIT && !matches.some((m) => m.id === item.programme.id)) matches.push(item.programme);
    }
  }
  const loading = found.some((r) => r.isPending);
  return (
    <Stack gap="xs" role="region" aria-label={t('benefitLines')}>
      <Text fw={700}>{t('percentOfMedian', { percent: result.percentOfMedian, median: won(result.medianIncome) })}</Text>
      {!result.medianVerified && <Text size="xs" c="orange">{t('medianUnverified')}</Text>}
      <List size="sm" spacing={2}>
        {result.lines.map((l) => (
          <List.Item key={l.benefit}>
            {t('lineRow', { benefit: l.benefit, percent: l.percent, threshold: won(l.threshold) })}{' '}
            <Text span fw={700} c={l.within ? 'teal.9' : 'gray.7'}>{l.within ? `✓ ${t('lineWithin')}` : t('lineAbove')}</Text>
          </List.Item>
        ))}
      </List>
      {result.within.length === 0 && <Text size="sm">{t('withinNone')}</Text>}
      <Title order={4} size="h6">{t('matching')}</Title>
      {!loading && matches.length === 0 && <Text size="sm" c="dimmed">{t('noMatching')}</Text>}
      <Stack gap={2} component="ul" aria-label={t('matching')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {matches.map((p) => (
          <li key={p.id}>
            <UnstyledButton onClick={() => onOpen(p)} title={p.name} style={{ overflowWrap: 'anywhere' }}>
              <Text size="sm" c="blue">{p.name}</Text>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
