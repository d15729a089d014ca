import { Alert, Badge, Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GEUMCHEON_DONGS, type ConsentMethod, type Dong, type Subscriber } from '../../common/subscriptions/index.js';
import { useErrorText } from '../app/errors.js';
import { useConsentStatement, useSaveSubscriber, useSubscriber, useTopics } from './queries.js';
import { useConsentLine } from './SubscriberList.js';

/** At the desk the counsellor reads the statement in a chat, on the phone or at a visit ('chat' is the citizen's own KakaoTalk dialog). */
const DESK_METHODS: ConsentMethod[] = ['counsellor', 'phone', 'visit'];

/**
 * 구독 관리 (every role): look a citizen up by their full key, see their subscriptions and consent
 * history, and subscribe, change or unsubscribe them after reading the consent statement aloud.
 */
export function SubscriberLookup({ initialKey = '' }: { initialKey?: string }) {
  const { t } = useTranslation('broadcasts');
  const errorText = useErrorText({ refusalReason: true });
  const [typed, setTyped] = useState(initialKey);
  const [key, setKey] = useState<string | null>(initialKey.trim() || null);
  const subscriber = useSubscriber(key);
  return (
    <section aria-labelledby="lookup-heading">
      <Title order={3} size="h5" id="lookup-heading" mb="sm">{t('lookupHeading')}</Title>
      <form
        role="search"
        aria-label={t('lookupHeading')}
        onSubmit={(e) => {
          e.preventDefault();
          setKey(typed.trim() || null);
        }}
      >
        <Group align="flex-end" gap="xs">
          <TextInput
            label={t('citizenKey')}
            description={t('lookupHint')}
            value={typed}
            maxLength={128}
            autoComplete="off"
            onChange={(e) => setTyped(e.currentTarget.value)}
            style={{ flex: '1 1 280px' }}
          />
          <Button type="submit" disabled={!typed.trim()}>{t('lookup')}</Button>
        </Group>
      </form>
      {subscriber.error && <Alert color="red" role="alert" mt="sm">{errorText(subscriber.error)}</Alert>}
      {key && subscriber.isPending && <Text size="sm" mt="sm">{t('loading')}</Text>}
      {subscriber.data && <SubscriberEditor key={subscriber.data.citizenKey} s={subscriber.data} />}
    </section>
  );
}

function SubscriberEditor({ s }: { s: Subscriber }) {
  const { t } = useTranslation('broadcasts');
  const errorText = useErrorText({ refusalReason: true });
  const topics = useTopics();
  const statement = useConsentStatement();
  const save = useSaveSubscriber();
  const consentLine = useConsentLine();
  const active = s.status === 'active';
  const [chosen, setChosenState] = useState<string[]>(active ? s.topics : []);
  const [dongs, setDongsState] = useState<Dong[]>(active ? s.dongs : []);
  const [method, setMethodState] = useState<ConsentMethod>('counsellor');
  const [read, setReadState] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  // Any change to the form clears the last result.
  const edit = <T,>(setter: (v: T) => void) => (v: T) => {
    setNote(null);
    setter(v);
  };
  const setChosen = edit(setChosenState);
  const setDongs = edit(setDongsState);
  const setMethod = edit(setMethodState);
  const setRead = edit(setReadState);
  const names = new Map((topics.data ?? []).map((x) => [x.id, x.name]));

  const put = async (next: string[], done: string) => {
    if (!statement.data) return;
    try {
      await save.mutateAsync({ citizenKey: s.citizenKey, topics: next, dongs: next.length ? dongs : [], consent: { method, statement: statement.data.statement } });
      setReadState(false);
      if (next.length === 0) setChosenState([]);
      setNote({ ok: true, text: done });
    } catch (err) {
      setNote({ ok: false, text: errorText(err) });
    }
  };

  return (
    <Stack gap="sm" mt="md">
      <Group gap="xs">
        <Badge variant="outline" color="gray.8">{t(`subStatus.${s.status}`)}</Badge>
        <Text size="sm">{t('currentTopics', { topics: active ? s.topics.map((id) => names.get(id) ?? id).join(', ') || t('none') : t('none') })}</Text>
      </Group>
      <Checkbox.Group label={t('topics')} value={chosen} onChange={setChosen}>
        <Group gap="md" mt={4}>
          {(topics.data ?? []).map((x) => <Checkbox key={x.id} value={x.id} label={x.name} />)}
        </Group>
      </Checkbox.Group>
      <Checkbox.Group label={t('dongs')} value={dongs} onChange={(v) => setDongs(v as Dong[])}>
        <Group gap="sm" mt={4}>
          {GEUMCHEON_DONGS.map((d) => <Checkbox key={d} value={d} label={d} size="xs" />)}
        </Group>
      </Checkbox.Group>
      <NativeSelect label={t('methodLabel')} w={220} value={method} onChange={(e) => setMethod(e.currentTarget.value as ConsentMethod)} data={DESK_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))} />
      <Paper withBorder p="sm">
        <Text size="sm" fw={500} id="consent-statement-label">{t('statement')}</Text>
        <Text size="sm" className="pre-wrap" data-testid="consent-statement">{statement.data?.statement ?? t('loading')}</Text>
      </Paper>
      <Checkbox label={t('statementRead')} checked={read} onChange={(e) => setRead(e.currentTarget.checked)} />
      {note && <Alert color={note.ok ? 'teal' : 'red'} role={note.ok ? 'status' : 'alert'}>{note.text}</Alert>}
      <Group>
        <Button onClick={() => void put(chosen, t('subscriptionSaved'))} disabled={!read || chosen.length === 0 || !statement.data} loading={save.isPending}>
          {t('saveSubscription')}
        </Button>
        <Button variant="default" color="red" onClick={() => void put([], t('unsubscribed'))} disabled={!active || save.isPending || !statement.data}>
          {t('unsubscribeAll')}
        </Button>
      </Group>
      <section aria-labelledby="consent-history">
        <Title order={4} size="h6" id="consent-history">{t('historyHeading')}</Title>
        {s.history.length === 0 ? <Text size="sm">{t('noHistory')}</Text> : (
          <ul className="plain-list">
            {s.history.map((e) => <li key={e.id}><Text size="sm">{consentLine(e)}</Text></li>)}
          </ul>
        )}
      </section>
    </Stack>
  );
}
