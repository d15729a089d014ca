import { Button, Checkbox, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_ACTIONS, CALL_ACTION_LABELS, CALL_CHANNELS, CALL_CHANNEL_LABELS, FIELDS, type CallAction, type CallChannel, type Field, type Programme } from '../../../common/domain/index.js';
import { formatKoreanPhoneAsTyped, normaliseKoreanPhone } from '../../../common/phone/index.js';
import { NeedCrisisHint } from '../../crisis/NeedCrisisHint.js';
import { CallerHistory } from '../history/CallerHistory.js';
import { GEUMCHEON_DONG, formatDuration } from './form-state.js';
import { ProgrammePicker } from './ProgrammePicker.js';
import { SaveFeedback } from './SaveFeedback.js';
import type { CallLogEditor } from './useCallLogEditor.js';
import { WallClockInput } from './WallClockInput.js';

/**
 * The 상담 기록 entry form. Tab order follows the conversation: channel and time, who called,
 * what they need, what was done, follow-up. Ctrl+S / Ctrl+N are handled by the panel. Enter never
 * saves: there is no submit button, so a one-line field has no implicit submission, and the
 * 저장 button and Ctrl+S are the only ways to save a half-typed record.
 */
export function CallLogForm({ editor, programmeNames, onProgrammeAdded, onOpenRecord, onOpenConversation }: {
  editor: CallLogEditor;
  programmeNames: Record<string, string>;
  onProgrammeAdded(p: Programme): void;
  onOpenRecord?(id: string): void;
  onOpenConversation?(id: string): void;
}) {
  const { t } = useTranslation('calls');
  const { values: v, errors, set, timer } = editor;
  const [phoneTouched, setPhoneTouched] = useState(false);
  const normalised = normaliseKoreanPhone(v.phone);
  const phoneError = errors.phone ?? (phoneTouched && v.phone.trim() && !normalised ? t('phoneInvalid') : undefined);

  return (
    <form
      aria-label={t('formTitle')}
      noValidate
      onSubmit={(e) => e.preventDefault()}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700}>{t('formTitle')}</Text>
          <Text size="xs" c="dimmed">{t('shortcuts')}</Text>
        </Group>

        <Radio.Group label={t('channel')} value={v.channel} onChange={(c) => set({ channel: c as CallChannel })}>
          <Group gap="md" mt={4}>
            {CALL_CHANNELS.map((c) => <Radio key={c} value={c} label={CALL_CHANNEL_LABELS[c]} />)}
          </Group>
        </Radio.Group>

        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
          <WallClockInput label={t('startedAt')} value={v.startedAt} error={errors.startedAt} onChange={(wall) => set({ startedAt: wall })} />
          {/* Wraps rather than clipping the timer button when the side panel is narrow. */}
          <Group gap={4} align="flex-end" wrap="wrap">
            <TextInput
              label={t('durationMinutes')} type="number" min={0} step={1} w={96}
              value={timer.running ? Math.floor(timer.elapsed / 60) : Math.round(v.durationSec / 60)}
              readOnly={timer.running}
              onChange={(e) => set({ durationSec: Math.max(0, Number(e.currentTarget.value) || 0) * 60 })}
            />
            <Text aria-live="off" aria-label={t('duration')} size="sm" ff="monospace" pb={6}>{formatDuration(timer.elapsed)}</Text>
            {timer.running ? (
              <Button size="xs" color="red" style={{ flexShrink: 0 }} onClick={() => timer.stop()}>{t('timerStop')}</Button>
            ) : (
              <Button size="xs" variant="light" style={{ flexShrink: 0 }} onClick={() => timer.start()}>{t('timerStart')}</Button>
            )}
          </Group>
        </SimpleGrid>

        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
          <TextInput label={t('callerName')} placeholder={t('callerNamePlaceholder')} maxLength={64} value={v.callerName}
            onChange={(e) => set({ callerName: e.currentTarget.value })} />
          <TextInput
            label={t('phone')} type="tel" inputMode="tel" placeholder={t('phonePlaceholder')} value={v.phone} error={phoneError}
            onBlur={() => setPhoneTouched(true)}
            onChange={(e) => {
              const raw = e.currentTarget.value;
              // Reformatting while deleting would put the dash straight back; format only as digits are added.
              set({ phone: raw.length < v.phone.length ? raw : formatKoreanPhoneAsTyped(raw) });
            }}
          />
        </SimpleGrid>
        {normalised && <CallerHistory phone={normalised} excludeId={v.id} onOpenRecord={onOpenRecord} onOpenConversation={onOpenConversation} />}

        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
          <TextInput label={t('dong')} placeholder={t('dongPlaceholder')} list="calls-dong-list" maxLength={32} value={v.dong}
            onChange={(e) => set({ dong: e.currentTarget.value })} />
          <datalist id="calls-dong-list">
            {GEUMCHEON_DONG.map((d) => <option key={d} value={d} />)}
          </datalist>
          <NativeSelect label={t('field')} value={v.field}
            data={[{ value: '', label: t('none') }, ...FIELDS.map((f) => ({ value: f, label: f }))]}
            onChange={(e) => set({ field: e.currentTarget.value as Field | '' })} />
        </SimpleGrid>
        <TextInput label={t('subTopic')} maxLength={64} value={v.subTopic} onChange={(e) => set({ subTopic: e.currentTarget.value })} />
        <Textarea label={t('need')} placeholder={t('needPlaceholder')} autosize minRows={2} maxRows={6} maxLength={2000} value={v.need}
          onChange={(e) => set({ need: e.currentTarget.value })} />
        <NeedCrisisHint need={v.need} marked={v.crisis} onMark={() => set({ crisis: true })} />

        <ProgrammePicker
          ids={v.programmeIds}
          names={programmeNames}
          onAdd={(p) => {
            onProgrammeAdded(p);
            if (!v.programmeIds.includes(p.id)) set({ programmeIds: [...v.programmeIds, p.id].slice(0, 20) });
          }}
          onRemove={(id) => set({ programmeIds: v.programmeIds.filter((x) => x !== id) })}
        />

        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
          <NativeSelect label={t('action')} value={v.action}
            data={[{ value: '', label: t('none') }, ...CALL_ACTIONS.map((a) => ({ value: a, label: CALL_ACTION_LABELS[a] }))]}
            onChange={(e) => set({ action: e.currentTarget.value as CallAction | '' })} />
          <TextInput label={t('agency')} placeholder={t('agencyPlaceholder')} maxLength={100} value={v.agency}
            onChange={(e) => set({ agency: e.currentTarget.value })} />
        </SimpleGrid>

        <Group gap="lg">
          <Checkbox label={t('crisis')} checked={v.crisis} color="red" onChange={(e) => set({ crisis: e.currentTarget.checked })} />
          <Checkbox label={t('callbackWanted')} checked={v.callbackWanted} onChange={(e) => set({ callbackWanted: e.currentTarget.checked })} />
        </Group>
        {v.callbackWanted && (
          <WallClockInput label={t('callbackAt')} value={v.callbackAt} error={errors.callbackAt} onChange={(wall) => set({ callbackAt: wall })} />
        )}
        <Textarea label={t('notes')} autosize minRows={2} maxRows={8} maxLength={4000} value={v.notes}
          onChange={(e) => set({ notes: e.currentTarget.value })} />

        <Group justify="flex-end" wrap="wrap" gap="xs">
          <SaveFeedback status={editor.status} />
          <Button variant="default" onClick={() => void editor.newRecord()}>{t('newRecord')}</Button>
          <Button type="button" loading={editor.saving} onClick={() => void editor.save()}>{t('save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
