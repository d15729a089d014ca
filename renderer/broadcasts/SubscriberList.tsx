import { Alert, Badge, Button, Group, NativeSelect, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GEUMCHEON_DONGS, type ConsentEntry, type Dong, type SubscriberStatus } from '../../common/subscriptions/index.js';
import { useErrorText } from '../app/errors.js';
import { formatDateTime } from '../app/time.js';
import { type SubscriberFilter, useSubscribers, useTopics } from './queries.js';

const STATUSES: SubscriberStatus[] = ['active', 'unsubscribed', 'lapsed'];

/** One line of a consent ledger entry: when, what, how, by whom. */
export function useConsentLine(): (e: ConsentEntry) => string {
  const { t } = useTranslation('broadcasts');
  const { i18n } = useTranslation();
  return (e) => `${formatDateTime(e.at, i18n.language)} ${t(`action.${e.action}`)} (${t(`method.${e.method}`)}, ${e.actorName ?? t('citizenSelf')})`;
}

/**
 * 구독자 목록 (supervisor/admin): masked keys and names, filtered by topic, 동 and status, 20 a
 * page, with each subscriber's consent history folded under the row. The server logs each page read.
 */
export function SubscriberList() {
  const { t } = useTranslation('broadcasts');
  const { i18n } = useTranslation();
  const errorText = useErrorText({ refusalReason: true });
  const topics = useTopics();
  const consentLine = useConsentLine();
  const [filter, setFilter] = useState<SubscriberFilter>({ topic: null, dong: null, status: 'active' });
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const cursor = cursors.at(-1) ?? null;
  const page = useSubscribers(filter, cursor);
  const names = new Map((topics.data ?? []).map((x) => [x.id, x.name]));
  const change = (next: Partial<SubscriberFilter>) => {
    setFilter((f) => ({ ...f, ...next }));
    setCursors([null]);
  };
  const start = Number(cursor ?? 0);
  const items = page.data?.items ?? [];
  return (
    <section aria-labelledby="subscribers-heading">
      <Title order={3} size="h5" id="subscribers-heading" mb="sm">{t('subscribersHeading')}</Title>
      <Group gap="sm" align="flex-end" role="group" aria-label={t('subscribersHeading')}>
        <NativeSelect
          label={t('filterTopic')}
          value={filter.topic ?? ''}
          onChange={(e) => change({ topic: e.currentTarget.value || null })}
          data={[{ value: '', label: t('all') }, ...(topics.data ?? []).map((x) => ({ value: x.id, label: x.name }))]}
        />
        <NativeSelect
          label={t('filterDong')}
          value={filter.dong ?? ''}
          onChange={(e) => change({ dong: (e.currentTarget.value || null) as Dong | null })}
          data={[{ value: '', label: t('all') }, ...GEUMCHEON_DONGS.map((d) => ({ value: d, label: d }))]}
        />
        <NativeSelect
          label={t('filterStatus')}
          value={filter.status ?? ''}
          onChange={(e) => change({ status: (e.currentTarget.value || null) as SubscriberStatus | null })}
          data={[{ value: '', label: t('all') }, ...STATUSES.map((s) => ({ value: s, label: t(`subStatus.${s}`) }))]}
        />
        {page.data && <Text size="sm" aria-live="polite">{t('total', { count: page.data.total })}</Text>}
      </Group>
      {page.error && <Alert color="red" role="alert" mt="sm">{errorText(page.error)}</Alert>}
      {page.data && items.length === 0 ? <Text size="sm" mt="sm">{t('subscribersEmpty')}</Text> : (
        <Table mt="sm" aria-labelledby="subscribers-heading" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('citizen')}</Table.Th>
              <Table.Th scope="col">{t('status')}</Table.Th>
              <Table.Th scope="col">{t('topics')}</Table.Th>
              <Table.Th scope="col">{t('filterDong')}</Table.Th>
              <Table.Th scope="col">{t('consentedAt')}</Table.Th>
              <Table.Th scope="col">{t('historyHeading')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((s, i) => (
              <Table.Tr key={`${s.citizenKeyMasked}-${i}`}>
                <Table.Th scope="row">{s.citizenName ? `${s.citizenName} · ` : ''}{s.citizenKeyMasked}</Table.Th>
                <Table.Td><Badge variant="outline" color="gray.8">{t(`subStatus.${s.status}`)}</Badge></Table.Td>
                <Table.Td>{s.topics.map((id) => names.get(id) ?? id).join(', ') || '—'}</Table.Td>
                <Table.Td>{s.dongs.join(', ') || t('all')}</Table.Td>
                <Table.Td>{s.consentedAt ? formatDateTime(s.consentedAt, i18n.language) : '—'}</Table.Td>
                <Table.Td>
                  <details>
                    <summary>{t('history', { count: s.history.length })}</summary>
                    <ul className="plain-list">
                      {s.history.map((e) => <li key={e.id}><Text size="xs">{consentLine(e)}</Text></li>)}
                    </ul>
                  </details>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group mt="xs" gap="xs">
        <Button size="xs" variant="default" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>{t('prev')}</Button>
        {items.length > 0 && <Text size="sm">{t('page', { from: start + 1, to: start + items.length })}</Text>}
        <Button size="xs" variant="default" disabled={!page.data?.nextCursor} onClick={() => page.data?.nextCursor && setCursors((c) => [...c, page.data!.nextCursor])}>{t('next')}</Button>
      </Group>
    </section>
  );
}
