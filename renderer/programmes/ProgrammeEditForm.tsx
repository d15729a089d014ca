import { Alert, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { toDeskError } from '../../common/desk-api/index.js';
import { FIELDS, HOUSEHOLDS, LIFE_STAGES, ProgrammeInput, THEMES, type Programme } from '../../common/domain/index.js';
import { getDesk } from '../app/desk.js';
import { useErrorText } from '../app/errors.js';

export const CONFLICT_NOTICE = '다른 관리자가 먼저 수정했습니다. 최신 내용을 다시 불러왔으니 확인 후 다시 수정하세요.';

type TextKey = 'summary' | 'target' | 'criteria' | 'benefits' | 'howToApply' | 'contact' | 'legalBasis' | 'agency';
const TEXT_FIELDS: Array<[TextKey, string, boolean]> = [
  ['summary', '요약', true],
  ['target', '지원 대상', true],
  ['criteria', '선정 기준', true],
  ['benefits', '지원 내용', true],
  ['howToApply', '신청 방법', true],
  ['contact', '문의처', true],
  ['legalBasis', '근거 법령', true],
  ['agency', '소관 기관', false],
];

/**
 * 프로그램 정보 수정 (admin): the derived classification (분야 and the 복지로 tags) and the texts of
 * one programme, saved online with the version it started from, so that a concurrent edit by
 * another administrator is a conflict, never a silent overwrite.
 */
export function ProgrammeEditForm({ programme: p, onDone, onConflict }: { programme: Programme; onDone(): void; onConflict(): void }) {
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

  const tagGroup = (key: 'lifeStages' | 'households' | 'themes', label: string, options: readonly string[]) => (
    <Checkbox.Group label={label} value={draft[key]} onChange={(v) => setDraft({ ...draft, [key]: v } as ProgrammeInput)} error={errors[key]}>
      <Group gap="xs" mt={4}>
        {options.map((o) => (
          <Checkbox key={o} value={o} label={o} size="xs" />
        ))}
      </Group>
    </Checkbox.Group>
  );

  return (
    <form aria-label={`프로그램 정보 수정: ${p.name}`} onSubmit={save} noValidate>
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          분야와 생애주기·가구상황·관심주제는 공개 데이터에서 자동으로 분류된 값입니다. 바로잡으면 모든 상담원의 검색에 반영됩니다.
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <NativeSelect label="분야" data={[...FIELDS]} value={draft.field} error={errors.field}
          onChange={(e) => setDraft({ ...draft, field: e.currentTarget.value as ProgrammeInput['field'] })} />
        {tagGroup('lifeStages', '생애주기', LIFE_STAGES)}
        {tagGroup('households', '가구상황', HOUSEHOLDS)}
        {tagGroup('themes', '관심주제', THEMES)}
        {TEXT_FIELDS.map(([key, label, long]) =>
          long ? (
            <Textarea key={key} label={label} autosize minRows={2} maxRows={10} value={draft[key]} error={errors[key]}
              onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })} />
          ) : (
            <TextInput key={key} label={label} value={draft[key]} error={errors[key]}
              onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })} />
          ),
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={busy}>
            취소
          </Button>
          <Button type="submit" loading={busy}>
            저장
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
