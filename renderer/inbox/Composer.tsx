import { Alert, Badge, Button, CloseButton, Group, List, Modal, Stack, Switch, Text, Textarea } from '@mantine/core';
import { IconMessage2Bolt, IconSend } from '@tabler/icons-react';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_MAX_LENGTH, type CannedReply, type Conversation, type Counsellor, type Programme } from '../../common/domain/index.js';
import type { SensitiveSpan } from '../../common/privacy/index.js';
import { getDesk } from '../app/desk.js';
import { useErrorText } from '../app/errors.js';
import { useWorkspaceRequest } from '../app/workspace-bus.js';
import { CANNED_LISTBOX_ID, CannedPicker, cannedOptionId } from './CannedPicker.js';
import { CANNED_FALLBACK_NAMES, cannedTrigger, composerWarnings, fillTemplate, matchCanned, programmeCardText, sensitiveLabel } from './composer-text.js';
import { useCannedReplies } from './queries.js';
import { useDraft } from './use-draft.js';

interface Props {
  conversation: Conversation;
  me: Counsellor | null;
}

/**
 * 답장 입력: reply or internal note, `/` canned replies, programme cards from the lookup, a
 * persistent draft, the 1,000-character limit and a warning before personal numbers go out.
 * Mounted once per conversation (keyed by id), so each conversation has its own draft.
 */
export function Composer({ conversation, me }: Props) {
  const { t } = useTranslation('inbox');
  const errorText = useErrorText();
  const { data: canned = [] } = useCannedReplies();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState('');
  const [note, setNote] = useState(false);
  const [programme, setProgramme] = useState<Programme | null>(null);
  const [caret, setCaret] = useState(0);
  const [pickerActive, setPickerActive] = useState(0);
  const [pickerDismissedAt, setPickerDismissedAt] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<SensitiveSpan[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const typed = useRef(false);

  const { schedule, flush } = useDraft(conversation.id, (draft) => {
    if (!typed.current) setBody(draft);
  });

  function change(next: string, nextCaret = next.length) {
    typed.current = true;
    setBody(next);
    setCaret(nextCaret);
    schedule(next);
  }

  function insertAtCaret(text: string, replaceFrom?: number) {
    const el = ref.current;
    const end = el?.selectionEnd ?? body.length;
    const start = replaceFrom ?? el?.selectionStart ?? body.length;
    const next = body.slice(0, start) + text + body.slice(end);
    const pos = start + text.length;
    change(next, pos);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(pos, pos);
    });
  }

  const vars = { citizenName: conversation.citizenName ?? CANNED_FALLBACK_NAMES.citizenName, counsellorName: me?.displayName ?? CANNED_FALLBACK_NAMES.counsellorName };
  const trigger = cannedTrigger(body, caret);
  const pickerOpen = trigger !== null && pickerDismissedAt !== body && conversation.status !== 'closed';
  const options = pickerOpen ? matchCanned(canned, trigger.query).slice(0, 8) : [];
  const activeOption = options[Math.min(pickerActive, options.length - 1)];

  function pick(r: CannedReply) {
    if (!trigger) return insertAtCaret(fillTemplate(r.body, vars));
    insertAtCaret(fillTemplate(r.body, vars), trigger.start);
    setPickerActive(0);
  }

  useWorkspaceRequest('composer:insertProgramme', ({ programme: p }: { programme: Programme }) => {
    setProgramme(p);
    setNote(false);
    const card = programmeCardText(p);
    change(body.trim() ? `${body.trimEnd()}\n\n${card}` : card);
    requestAnimationFrame(() => ref.current?.focus());
  });
  useWorkspaceRequest('composer:insertText', ({ text }: { text: string }) => insertAtCaret(text));

  const text = body.trim();
  const tooLong = body.length > MESSAGE_MAX_LENGTH;
  const closed = conversation.status === 'closed';
  const canSend = text.length > 0 && !tooLong && !closed && !sending;

  async function send(confirmed: boolean) {
    if (!canSend) return;
    if (!note && !confirmed) {
      const found = composerWarnings(text);
      if (found.length > 0) return setWarnings(found);
    }
    setWarnings(null);
    setError(null);
    setSending(true);
    try {
      await getDesk().inbox.send({
        conversationId: conversation.id,
        direction: note ? 'note' : 'outbound',
        body: text,
        programmeId: !note && programme ? programme.id : null,
      });
      typed.current = true;
      setBody('');
      setCaret(0);
      setProgramme(null);
      schedule('');
      flush();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSending(false);
      requestAnimationFrame(() => ref.current?.focus());
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (pickerOpen && options.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const d = e.key === 'ArrowDown' ? 1 : -1;
        setPickerActive((i) => (i + d + options.length) % options.length);
        return;
      }
      if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
        e.preventDefault();
        if (activeOption) pick(activeOption);
        return;
      }
    }
    if (pickerOpen && e.key === 'Escape') {
      e.preventDefault();
      setPickerDismissedAt(body);
      return;
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send(false);
    }
  }

  return (
    <Stack gap={6} className={`composer${note ? ' composer-note' : ''}`} p="sm">
      {closed && (
        <Text size="sm" c="dimmed">
          {t('composer.closed')}
        </Text>
      )}
      {programme && !note && (
        <Group gap={4}>
          <Badge variant="light" color="indigo" size="lg" className="programme-chip">
            {t('composer.programme', { name: programme.name })}
          </Badge>
          <CloseButton size="sm" aria-label={t('composer.removeProgramme')} onClick={() => setProgramme(null)} />
        </Group>
      )}
      <div className="composer-input">
        {pickerOpen && <CannedPicker items={options} active={Math.min(pickerActive, options.length - 1)} onPick={pick} preview={(b) => fillTemplate(b, vars)} />}
        <Textarea
          ref={ref}
          aria-label={t('composer.label')}
          placeholder={note ? t('composer.notePlaceholder') : t('composer.placeholder')}
          autosize
          minRows={3}
          maxRows={8}
          value={body}
          disabled={closed}
          error={tooLong ? t('composer.tooLong', { max: MESSAGE_MAX_LENGTH }) : undefined}
          aria-controls={pickerOpen && options.length > 0 ? CANNED_LISTBOX_ID : undefined}
          aria-activedescendant={pickerOpen && activeOption ? cannedOptionId(activeOption.id) : undefined}
          onChange={(e) => change(e.currentTarget.value, e.currentTarget.selectionStart)}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={flush}
        />
      </div>
      {error && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Switch label={t('composer.noteMode')} checked={note} onChange={(e) => setNote(e.currentTarget.checked)} color="yellow" disabled={closed} />
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconMessage2Bolt size={16} aria-hidden />}
            disabled={closed}
            onClick={() => {
              setPickerDismissedAt(null);
              const before = body.slice(0, ref.current?.selectionStart ?? body.length);
              insertAtCaret(before === '' || /\s$/.test(before) ? '/' : ' /');
            }}
          >
            {t('composer.canned')}
          </Button>
        </Group>
        <Group gap="xs">
          <Text size="xs" c={tooLong ? 'red.8' : 'dimmed'} aria-live="polite">
            {t('composer.counter', { count: body.length, max: MESSAGE_MAX_LENGTH })}
          </Text>
          <Button
            onClick={() => void send(false)}
            disabled={!canSend}
            loading={sending}
            color={note ? 'yellow.8' : undefined}
            rightSection={<IconSend size={16} aria-hidden />}
            aria-label={note ? t('composer.saveNote') : t('composer.send')}
          >
            {note ? t('composer.saveNote') : t('composer.send')}
          </Button>
        </Group>
      </Group>
      <Modal opened={warnings !== null} onClose={() => setWarnings(null)} title={t('composer.sensitiveTitle')}>
        <Stack>
          <Text size="sm">{t('composer.sensitiveBody')}</Text>
          <List size="sm">
            {(warnings ?? []).map((w) => (
              <List.Item key={`${w.start}-${w.end}`}>
                {sensitiveLabel(w)}: {w.text}
              </List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setWarnings(null)} data-autofocus>
              {t('composer.sensitiveEdit')}
            </Button>
            <Button color="red" onClick={() => void send(true)}>
              {t('composer.sensitiveSendAnyway')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
