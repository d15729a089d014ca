import { Alert, Button, Checkbox, Grid, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIFE_STAGES, type LifeStage } from '../../common/domain/index.js';
import {
  BROADCAST_MAX_LENGTH, GEUMCHEON_DONGS, type Broadcast, type BroadcastButton, type Dong,
} from '../../common/subscriptions/index.js';
import { useErrorText } from '../app/errors.js';
import { isoToKstWall, kstWallToIso } from '../app/time.js';
import { WallClockInput } from '../calls/form/WallClockInput.js';
import { KakaoPreview } from './KakaoPreview.js';
import { checkNotice, isHttpsUrl } from './notice-text.js';
import { useAudience, useBroadcasts, useSaveNotice, useTopics, useTransition } from './queries.js';

interface Form {
  title: string;
  body: string;
  topics: string[];
  dongs: Dong[];
  lifeStages: LifeStage[];
  buttons: BroadcastButton[];
  /** `YYYY-MM-DDTHH:mm` KST, or ''. */
  scheduledAt: string;
}
const EMPTY: Form = { title: '', body: '', topics: [], dongs: [], lifeStages: [], buttons: [{ name: '', url: '' }, { name: '', url: '' }], scheduledAt: '' };
const formOf = (b: Broadcast): Form => ({
  title: b.title, body: b.body, topics: b.topics, dongs: b.dongs, lifeStages: b.lifeStages,
  buttons: [0, 1].map((i) => b.buttons[i] ?? { name: '', url: '' }), scheduledAt: b.scheduledAt ? isoToKstWall(b.scheduledAt) : '',
});

/**
 * 소식 작성: title, text, topics and narrowing, up to two link buttons, an optional schedule; the
 * live audience count and a KakaoTalk preview beside the form. 임시 저장 keeps a draft; 승인 요청
 * saves and hands it to another supervisor or admin.
 */
export function NoticeComposer() {
  const { t } = useTranslation('broadcasts');
  const errorText = useErrorText({ refusalReason: true });
  const topics = useTopics();
  const drafts = useBroadcasts('draft');
  const save = useSaveNotice();
  const submit = useTransition('submit');
  const [editing, setEditing] = useState<Broadcast | null>(null);
  const [form, setForm] = useState<Form>(EMPTY);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [newId, setNewId] = useState(() => crypto.randomUUID());
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setNote(null);
    setForm((f) => ({ ...f, [key]: value }));
  };

  const check = checkNotice(form.title, form.body);
  const buttons = form.buttons.filter((b) => b.name.trim() || b.url.trim()).map((b) => ({ name: b.name.trim(), url: b.url.trim() }));
  const badButton = buttons.some((b) => !b.name || !isHttpsUrl(b.url));
  const scheduledIso = form.scheduledAt ? kstWallToIso(form.scheduledAt) : null;
  const badSchedule = form.scheduledAt !== '' && scheduledIso === null;
  const audience = useAudience(form.topics, form.dongs, form.lifeStages);
  const invalid = !form.title.trim() || !form.body.trim() || form.topics.length === 0 || check.tooLong || check.insecureLink || badButton || badSchedule;

  const start = (b: Broadcast | null) => {
    setEditing(b);
    setForm(b ? formOf(b) : EMPTY);
    if (!b) setNewId(crypto.randomUUID());
  };

  async function persist(): Promise<Broadcast | null> {
    try {
      const saved = await save.mutateAsync({
        existing: editing,
        input: {
          id: editing?.id ?? newId, title: form.title.trim(), body: form.body.trim(), topics: form.topics, dongs: form.dongs,
          lifeStages: form.lifeStages, buttons, scheduledAt: scheduledIso,
        },
      });
      setEditing(saved);
      return saved;
    } catch (err) {
      setNote({ ok: false, text: errorText(err) });
      return null;
    }
  }

  async function onSave() {
    const saved = await persist();
    if (saved) setNote({ ok: true, text: t('saved') });
  }

  async function onSubmit() {
    const saved = await persist();
    if (!saved) return;
    try {
      await submit.mutateAsync(saved.id);
      start(null);
      setNote({ ok: true, text: t('submitted') });
    } catch (err) {
      setNote({ ok: false, text: errorText(err) });
    }
  }

  const busy = save.isPending || submit.isPending;
  const draftList = (drafts.data ?? []).filter((d) => d.status === 'draft');
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <form
          aria-labelledby="compose-heading"
          onSubmit={(e) => {
            e.preventDefault();
            void onSubmit();
          }}
        >
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={3} size="h5" id="compose-heading">{editing ? t('editHeading') : t('composeHeading')}</Title>
              {editing && <Button variant="subtle" size="compact-sm" onClick={() => start(null)}>{t('newNotice')}</Button>}
            </Group>
            <TextInput label={t('noticeTitle')} required maxLength={60} value={form.title} onChange={(e) => set('title', e.currentTarget.value)} />
            <Textarea
              label={t('noticeBody')}
              required
              autosize
              minRows={5}
              maxRows={14}
              value={form.body}
              onChange={(e) => set('body', e.currentTarget.value)}
              description={t('length', { count: check.length, max: BROADCAST_MAX_LENGTH })}
              error={check.tooLong ? t('tooLong', { max: BROADCAST_MAX_LENGTH }) : check.insecureLink ? t('httpsOnly') : undefined}
            />
            {check.masked && <Text size="sm" c="orange.9">{t('masked')}</Text>}
            <Checkbox.Group label={t('topics')} description={t('topicsHint')} value={form.topics} onChange={(v) => set('topics', v)}>
              <Group gap="md" mt={4}>
                {(topics.data ?? []).map((topic) => (
                  <Checkbox key={topic.id} value={topic.id} label={topic.name} />
                ))}
              </Group>
            </Checkbox.Group>
            <Checkbox.Group label={t('dongs')} value={form.dongs} onChange={(v) => set('dongs', v as Dong[])}>
              <Group gap="sm" mt={4}>
                {GEUMCHEON_DONGS.map((d) => <Checkbox key={d} value={d} label={d} size="xs" />)}
              </Group>
            </Checkbox.Group>
            <Checkbox.Group label={t('lifeStages')} value={form.lifeStages} onChange={(v) => set('lifeStages', v as LifeStage[])}>
              <Group gap="sm" mt={4}>
                {LIFE_STAGES.map((l) => <Checkbox key={l} value={l} label={l} size="xs" />)}
              </Group>
            </Checkbox.Group>
            <fieldset className="plain-fieldset">
              <legend><Text size="sm" fw={500}>{t('buttons')}</Text></legend>
              {form.buttons.map((b, i) => {
                const used = b.name.trim() !== '' || b.url.trim() !== '';
                return (
                  <Group key={i} grow align="flex-start" gap="xs">
                    <TextInput
                      label={t('buttonName', { n: i + 1 })}
                      maxLength={14}
                      value={b.name}
                      onChange={(e) => set('buttons', form.buttons.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)))}
                    />
                    <TextInput
                      label={t('buttonUrl', { n: i + 1 })}
                      type="url"
                      value={b.url}
                      error={used && !isHttpsUrl(b.url) ? t('httpsOnly') : undefined}
                      onChange={(e) => set('buttons', form.buttons.map((x, j) => (j === i ? { ...x, url: e.currentTarget.value } : x)))}
                    />
                  </Group>
                );
              })}
            </fieldset>
            <WallClockInput label={t('scheduledAt')} value={form.scheduledAt} onChange={(v) => set('scheduledAt', v)} />
            <Text size="sm" aria-live="polite" data-testid="audience">
              {form.topics.length === 0 ? t('audienceNone') : audience.data ? t('audience', { count: audience.data.count }) : t('loading')}
            </Text>
            {note && (
              <Alert color={note.ok ? 'teal' : 'red'} role={note.ok ? 'status' : 'alert'}>{note.text}</Alert>
            )}
            <Group>
              <Button variant="default" onClick={() => void onSave()} disabled={invalid || busy}>{t('saveDraft')}</Button>
              <Button type="submit" disabled={invalid || busy} loading={busy}>{t('submit')}</Button>
            </Group>
          </Stack>
        </form>
        <section aria-labelledby="drafts-heading">
          <Title order={3} size="h5" id="drafts-heading" mt="lg">{t('drafts')}</Title>
          {draftList.length === 0 ? (
            <Text size="sm">{t('noDrafts')}</Text>
          ) : (
            <ul className="plain-list">
              {draftList.map((d) => (
                <li key={d.id}>
                  <Group gap="xs">
                    <Text size="sm">{d.title}</Text>
                    <Button size="compact-xs" variant="light" onClick={() => start(d)} aria-label={`${t('edit')}: ${d.title}`}>{t('edit')}</Button>
                  </Group>
                </li>
              ))}
            </ul>
          )}
        </section>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <KakaoPreview text={check.text} buttons={buttons} />
      </Grid.Col>
    </Grid>
  );
}
