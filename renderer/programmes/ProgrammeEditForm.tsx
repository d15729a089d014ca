import { Alert, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toDeskError } from '../../common/desk-api/index.js';
import { FIELDS, HOUSEHOLDS, LIFE_STAGES, ProgrammeInput, THEMES, type Programme } from '../../common/domain/index.js';
import { getDesk } from '../app/desk.js';
import { useErrorText } from '../app/errors.js';
import type { ProgrammesKey } from './i18n.js';

type TextKey = 'summary' | 'target' | 'criteria' | 'benefits' | 'howToApply' | 'contact' | 'legalBasis' | 'agency';
/** The texts an administrator edits, labelled as the detail view labels them; long ones get a textarea. */
const TEXT_FIELDS: Array<[TextKey, boolean]> = [
  ['summary', true],
  ['target', true],
  ['criteria', true],
  ['benefits', true],
  ['howToApply', true],
  ['contact', true],
  ['legalBasis', true],
  ['agency', false],
];

/**
 * 프로그램 정보 수정 (admin): the derived classification (분야 and the 복지로 tags) and the texts of
 * one programme, saved online with the version it started from, so that a concurrent edit by
 * another administrator is a conflict, never a silent overwrite.
 */
export function ProgrammeEditForm({ programme: p, onDone, onConflict }: { programme: Programme; onDone(): void; onConflict(): void }) {
  const { t } = useTranslation('programmes');
  const client = useQueryClient();
  const errorText = useErrorText();
  const [draft, setDraft] = useState<ProgrammeInput>(() => ProgrammeInput.parse(p));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    const parsed = ProgrammeInput.safeParse(draft);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    setError(null);
    setBusy(true);
    try {
      await getDesk().programmes.update({ id: p.id, input: parsed.data, baseVersion: p.version });
      await client.invalidateQueries({ queryKey: ['programmes'] });
      onDone();
    } catch (err) {
      if (toDeskError(err).code === 'conflict') {
        // Reload the programme so the detail shows what the other administrator saved.
        await client.invalidateQueries({ queryKey: ['programmes'] });
        onConflict();
        return;
      }
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const tagGroup = (key: 'lifeStages' | 'households' | 'themes', label: ProgrammesKey, options: readonly string[]) => (
    <Checkbox.Group label={t(label)} value={draft[key]} onChange={(v) => setDraft({ ...draft, [key]: v } as ProgrammeInput)} error={errors[key]}>
      <Group gap="xs" mt={4}>
        {options.map((o) => (
          <Checkbox key={o} value={o} label={o} size="xs" />
        ))}
      </Group>
    </Checkbox.Group>
  );

  return (
    <form aria-label={t('edit.form', { name: p.name })} onSubmit={save} noValidate>
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          {t('edit.intro')}
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <NativeSelect label={t('filterField')} data={[...FIELDS]} value={draft.field} error={errors.field}
          onChange={(e) => setDraft({ ...draft, field: e.currentTarget.value as ProgrammeInput['field'] })} />
        {tagGroup('lifeStages', 'filterLife', LIFE_STAGES)}
        {tagGroup('households', 'filterHousehold', HOUSEHOLDS)}
        {tagGroup('themes', 'filterTheme', THEMES)}
        {TEXT_FIELDS.map(([key, long]) =>
          long ? (
            <Textarea key={key} label={t(key)} autosize minRows={2} maxRows={10} value={draft[key]} error={errors[key]}
              onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })} />
          ) : (
            <TextInput key={key} label={t(key)} value={draft[key]} error={errors[key]}
              onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })} />
          ),
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={busy}>
            {t('edit.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('edit.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
