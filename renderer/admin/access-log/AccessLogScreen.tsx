import { Alert, Badge, Button, Group, Modal, NativeSelect, ScrollArea, Stack, Table, Tabs, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessLogArgs } from '../../../common/desk-api/index.js';
import { ACCESS_ACTIONS, type AccessAction, type AccessLogEntry } from '../../../common/rest/access-log.js';
import { useErrorText } from '../../app/errors.js';
import { kst, kstDate, kstDayRange } from '../../app/time.js';
import { useCounsellors } from '../../inbox/queries.js';
import { isNamedEntity } from './i18n.js';
import { useAccessLog, useDestructions, useReviews, useSignReview, useVerifyChain } from './queries.js';

const stamp = (iso: string) => kst(iso).format('YYYY-MM-DD HH:mm:ss');

/**
 * 접속기록 (admin): who processed whose data, when, from where and why — searchable by citizen,
 * counsellor, action and period — with the hash-chain check, the monthly review sign-off that the
 * 안전성 확보조치 기준 asks for, and the 파기 대장. Everything is read from the server.
 */
export function AccessLogScreen({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('audit');
  const [tab, setTab] = useState<string | null>('log');
  return (
    <Modal opened={opened} onClose={onClose} title={t('title')} size="100%" closeButtonProps={{ 'aria-label': t('close') }}>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List aria-label={t('tabs')}>
          <Tabs.Tab value="log">{t('tabLog')}</Tabs.Tab>
          <Tabs.Tab value="review">{t('tabReview')}</Tabs.Tab>
          <Tabs.Tab value="destructions">{t('tabDestructions')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="log" pt="sm"><LogSearch enabled={opened} /></Tabs.Panel>
        <Tabs.Panel value="review" pt="sm"><MonthlyReview enabled={opened} /></Tabs.Panel>
        <Tabs.Panel value="destructions" pt="sm"><Destructions enabled={opened} /></Tabs.Panel>
      </Tabs>
    </Modal>
  );
}

interface FilterForm { subject: string; actor: string; action: string; from: string; to: string }
const EMPTY: FilterForm = { subject: '', actor: '', action: '', from: '', to: '' };

/** The form's fields as the DeskApi filter; null when the period runs backwards. */
function toArgs(f: FilterForm): Omit<AccessLogArgs, 'cursor'> | null {
  const { from, to } = kstDayRange(f.from, f.to);
  if (from && to && Date.parse(to) <= Date.parse(from)) return null;
  const args: Omit<AccessLogArgs, 'cursor'> = {};
  if (f.subject.trim()) args.subject = f.subject.trim();
  if (f.actor) args.actor = f.actor;
  if (f.action) args.action = f.action as AccessAction;
  if (from) args.from = from;
  if (to) args.to = to;
  return args;
}

function LogSearch({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation('audit');
  const errorText = useErrorText();
  const { data: counsellors = [] } = useCounsellors();
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [applied, setApplied] = useState<Omit<AccessLogArgs, 'cursor'>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const log = useAccessLog(applied, enabled);
  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];
  const names = new Map(counsellors.map((c) => [c.id, c.displayName]));

  function submit(e: FormEvent) {
    e.preventDefault();
    const args = toArgs(form);
    if (!args) {
      setFormError(t('badPeriod'));
      return;
    }
    setFormError(null);
    setApplied(args);
  }
  const set = (k: keyof FilterForm) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [k]: value }));
  };

  return (
    <Stack gap="sm">
      <form aria-label={t('filters')} onSubmit={submit}>
        <Group align="end" gap="sm" wrap="wrap">
          <TextInput label={t('subject')} description={t('subjectHint')} value={form.subject} onChange={set('subject')} w={260} autoComplete="off" />
          <NativeSelect label={t('actor')} value={form.actor} onChange={set('actor')}
            data={[{ value: '', label: t('anyActor') }, ...counsellors.map((c) => ({ value: c.id, label: c.displayName }))]} />
          <NativeSelect label={t('action')} value={form.action} onChange={set('action')}
            data={[{ value: '', label: t('anyAction') }, ...ACCESS_ACTIONS.map((a) => ({ value: a, label: t(`actions.${a}`) }))]} />
          <TextInput type="date" label={t('from')} value={form.from} onChange={set('from')} />
          <TextInput type="date" label={t('to')} value={form.to} onChange={set('to')} />
          <Button type="submit">{t('search')}</Button>
          <Button variant="default" onClick={() => { setForm(EMPTY); setApplied({}); setFormError(null); }}>{t('reset')}</Button>
        </Group>
      </form>
      {formError && <Text role="alert" c="red.9" size="sm">{formError}</Text>}
      <VerifyChain />
      {log.error && <Alert color="red" role="alert">{errorText(log.error)}</Alert>}
      <Text size="sm" role="status">{log.isSuccess ? (entries.length ? t('count', { count: entries.length }) : t('empty')) : ''}</Text>
      <ScrollArea.Autosize mah="55vh" type="auto">
        <Table striped stickyHeader aria-label={t('results')} style={{ wordBreak: 'keep-all' }}>
          <Table.Thead>
            <Table.Tr>
              {(['at', 'who', 'what', 'record', 'citizen', 'reason', 'rows', 'where'] as const).map((k) => <Table.Th key={k} scope="col">{t(k)}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((e) => <LogRow key={e.id} entry={e} actorName={(e.actorId && names.get(e.actorId)) || e.actorName} />)}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {log.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>{t('more')}</Button>
        </Group>
      )}
    </Stack>
  );
}

function LogRow({ entry: e, actorName }: { entry: AccessLogEntry; actorName: string | null }) {
  const { t } = useTranslation('audit');
  const entity = isNamedEntity(e.entity) ? t(`entities.${e.entity}`) : e.entity;
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{stamp(e.at)}</Table.Td>
      <Table.Td>{actorName ?? '—'}</Table.Td>
      <Table.Td><Badge color={e.action === 'export' || e.action === 'reveal' || e.action === 'login_failed' ? 'red.9' : 'gray.8'}>{t(`actions.${e.action}`)}</Badge></Table.Td>
      <Table.Td>
        {e.recordId ? (
          <Tooltip label={e.recordId}><span>{entity} · {e.recordId.slice(0, 8)}</span></Tooltip>
        ) : entity}
      </Table.Td>
      <Table.Td>{e.subject?.display ?? '—'}</Table.Td>
      <Table.Td>{e.reason ?? '—'}</Table.Td>
      <Table.Td>{e.rows ?? '—'}</Table.Td>
      <Table.Td>{[e.deskId, e.ip].filter(Boolean).join(' · ') || '—'}</Table.Td>
    </Table.Tr>
  );
}

function VerifyChain() {
  const { t } = useTranslation('audit');
  const errorText = useErrorText();
  const verify = useVerifyChain();
  return (
    <Group gap="sm" align="center">
      <Button variant="default" onClick={() => verify.mutate()} loading={verify.isPending}>{t('verify')}</Button>
      {verify.data && (verify.data.ok
        ? <Text role="status" c="teal.9" size="sm">{t('verifyOk', { entries: verify.data.entries })}</Text>
        : <Text role="alert" c="red.9" size="sm" fw={600}>{t('verifyBroken', { id: verify.data.brokenAt ?? '?', entries: verify.data.entries })}</Text>)}
      {verify.error && <Text role="alert" c="red.9" size="sm">{errorText(verify.error)}</Text>}
    </Group>
  );
}

/** The month before this one (KST), which is what a monthly review usually covers. */
function lastMonth(): string {
  const [y, m] = kstDate(new Date()).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function MonthlyReview({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation('audit');
  const errorText = useErrorText();
  const reviews = useReviews(enabled);
  const sign = useSignReview();
  const [period, setPeriod] = useState(lastMonth);
  const [note, setNote] = useState('');

  return (
    <Stack gap="md">
      <form aria-labelledby="audit-review-form" onSubmit={(e) => {
        e.preventDefault();
        sign.mutate({ period, note: note.trim() }, { onSuccess: () => setNote('') });
      }}>
        <Stack gap="xs">
          <Title order={3} size="h6" id="audit-review-form">{t('reviewForm')}</Title>
          <Group align="end" gap="sm">
            <TextInput type="month" required label={t('period')} value={period} onChange={(e) => setPeriod(e.currentTarget.value)} />
          </Group>
          <Textarea required label={t('note')} description={t('noteHint')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxLength={2000} />
          <Group justify="flex-end"><Button type="submit" loading={sign.isPending} disabled={!note.trim()}>{t('sign')}</Button></Group>
          {sign.isSuccess && <Text role="status" c="teal.9" size="sm">{t('signed', { period: sign.data.period })}</Text>}
          {sign.error && <Text role="alert" c="red.9" size="sm">{errorText(sign.error)}</Text>}
        </Stack>
      </form>
      {reviews.error && <Alert color="red" role="alert">{errorText(reviews.error)}</Alert>}
      <Table striped aria-label={t('reviews')} style={{ wordBreak: 'keep-all' }}>
        <Table.Thead>
          <Table.Tr>
            {(['period', 'reviewer', 'entries', 'chain', 'note', 'signedAt'] as const).map((k) => <Table.Th key={k} scope="col">{t(k)}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(reviews.data ?? []).map((r) => (
            <Table.Tr key={r.id}>
              <Table.Th scope="row">{r.period}</Table.Th>
              <Table.Td>{r.reviewerName}</Table.Td>
              <Table.Td>{r.entries}</Table.Td>
              <Table.Td><Badge color={r.chainOk ? 'teal.9' : 'red.9'}>{r.chainOk ? t('chainOk') : t('chainBroken')}</Badge></Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.note}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{stamp(r.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {reviews.isSuccess && reviews.data.length === 0 && <Text size="sm">{t('reviewsEmpty')}</Text>}
    </Stack>
  );
}

function Destructions({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation('audit');
  const errorText = useErrorText();
  const list = useDestructions(enabled);
  return (
    <Stack gap="sm">
      {list.error && <Alert color="red" role="alert">{errorText(list.error)}</Alert>}
      <Table striped aria-label={t('destructions')} style={{ wordBreak: 'keep-all' }}>
        <Table.Thead>
          <Table.Tr>
            {(['at', 'class', 'destroyed', 'periodCovered', 'rule'] as const).map((k) => <Table.Th key={k} scope="col">{t(k)}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{stamp(d.at)}</Table.Td>
              <Table.Td>{isNamedEntity(d.class) ? t(`entities.${d.class}`) : d.class}</Table.Td>
              <Table.Td>{d.count}</Table.Td>
              <Table.Td>{d.periodFrom ? `${kstDate(d.periodFrom)} ~ ${kstDate(d.periodTo)}` : `~ ${kstDate(d.periodTo)}`}</Table.Td>
              <Table.Td>{d.rule}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.isSuccess && list.data.length === 0 && <Text size="sm">{t('destructionsEmpty')}</Text>}
    </Stack>
  );
}
