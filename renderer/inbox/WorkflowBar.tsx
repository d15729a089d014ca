import { Alert, Button, Group, Modal, NativeSelect, Radio, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPhoneCall, IconPlayerPlay } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_NOTICE, FIELDS, Field, PHONE_QUESTION, type Conversation, type Counsellor } from '../../common/domain/index.js';
import { formatKoreanPhone, normaliseKoreanPhone } from '../../common/phone/index.js';
import { getDesk } from '../app/desk.js';
import { useErrorText } from '../app/errors.js';
import { request } from '../app/workspace-bus.js';
import { kst } from '../app/time.js';
import { holdUntil, type HoldChoice } from './hold-times.js';
import { useCounsellors } from './queries.js';
import { useCounsellorOptionLabel } from '../team/queries.js';

type Dialog = 'assign' | 'hold' | 'close' | 'call' | null;

/** Alt+H: 보류 (or 보류 해제 when held). The physical key too, since with the Korean IME on it reads "ㅗ". */
const isHoldKey = (e: KeyboardEvent) => e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && (e.key.toLowerCase() === 'h' || e.code === 'KeyH');

/** 담당하기, 배정/이관, 보류 / 보류 해제, 종료, 다시 열기, 전화 상담 전환. */
export function WorkflowBar({ conversation: c, me }: { conversation: Conversation; me: Counsellor | null }) {
  const { t } = useTranslation('inbox');
  const client = useQueryClient();
  const errorText = useErrorText();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLElement | null>(null);

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      await client.invalidateQueries({ queryKey: ['inbox'] });
      return result;
    } catch (err) {
      setError(errorText(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  const closed = c.status === 'closed';
  const held = c.status === 'held';
  const mine = me !== null && c.assigneeId === me.id;
  const desk = getDesk();

  function openDialog(d: Exclude<Dialog, null>) {
    trigger.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDone('');
    setDialog(d);
  }

  /**
   * Focus after a dialog: back on the button that opened it, or, when that button is gone (보류
   * became 보류 해제, 담당하기 disappeared), on the toolbar's first button, so that it never falls to
   * the page and the counsellor keeps their place.
   */
  function closeDialog() {
    setDialog(null);
    requestAnimationFrame(() => {
      const back = trigger.current;
      if (back?.isConnected && !back.hasAttribute('disabled') && !back.closest('[hidden]')) back.focus();
      else toolbarRef.current?.querySelector<HTMLElement>('button:not([disabled])')?.focus();
    });
  }

  const unhold = async () => {
    if ((await run(() => desk.inbox.unhold({ conversationId: c.id }))) !== undefined) {
      setDone(t('workflow.unheld'));
      requestAnimationFrame(() => toolbarRef.current?.querySelector<HTMLElement>('[data-action="hold"]')?.focus());
    }
  };
  const unholdRef = useRef(unhold);
  useEffect(() => {
    unholdRef.current = unhold;
  });

  useEffect(() => {
    if (closed) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isHoldKey(e) || dialog !== null) return;
      // Only while this conversation is on screen and no other dialog is open.
      if (!toolbarRef.current || toolbarRef.current.closest('[hidden]') || document.querySelector('[role="dialog"]')) return;
      e.preventDefault();
      if (held) void unholdRef.current();
      else openDialog('hold');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [closed, held, dialog]);

  return (
    <Stack gap={4}>
      <Group gap={6} role="toolbar" aria-label={t('workflow.toolbar')} wrap="wrap" ref={toolbarRef}>
        {!closed && !mine && (
          <Button size="compact-sm" disabled={busy} onClick={() => run(() => desk.inbox.claim({ conversationId: c.id }))}>
            {t('workflow.claim')}
          </Button>
        )}
        {!closed && (
          <Button size="compact-sm" variant="default" disabled={busy} onClick={() => openDialog('assign')}>
            {t('workflow.assign')}
          </Button>
        )}
        {!closed && !held && (
          <Button size="compact-sm" variant="default" disabled={busy} onClick={() => openDialog('hold')} data-action="hold" aria-keyshortcuts="Alt+H">
            {t('workflow.hold')}
          </Button>
        )}
        {held && (
          <Button
            size="compact-sm"
            variant="default"
            disabled={busy}
            onClick={() => void unhold()}
            data-action="hold"
            aria-keyshortcuts="Alt+H"
            leftSection={<IconPlayerPlay size={14} aria-hidden />}
          >
            {t('workflow.unhold')}
          </Button>
        )}
        {!closed && (
          <Button
            size="compact-sm"
            variant="default"
            disabled={busy}
            leftSection={<IconPhoneCall size={14} aria-hidden />}
            onClick={() => openDialog('call')}
          >
            {t('workflow.toCall')}
          </Button>
        )}
        {!closed && (
          <Button size="compact-sm" color="dark" disabled={busy} onClick={() => openDialog('close')}>
            {t('workflow.close')}
          </Button>
        )}
        {closed && (
          <Button size="compact-sm" disabled={busy} onClick={() => run(() => desk.inbox.reopen({ conversationId: c.id }))}>
            {t('workflow.reopen')}
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" role="alert" withCloseButton closeButtonLabel={t('workflow.dismiss')} onClose={() => setError(null)} py={6}>
          {error}
        </Alert>
      )}
      <Text size="xs" role="status" className={done ? undefined : 'visually-hidden'}>
        {done}
      </Text>
      {dialog === 'assign' && (
        <AssignDialog
          conversation={c}
          onClose={closeDialog}
          onSubmit={(assigneeId, comment) => run(() => desk.inbox.assign({ conversationId: c.id, assigneeId, comment }))}
        />
      )}
      {dialog === 'hold' && (
        <HoldDialog onClose={closeDialog} onSubmit={(until, reason) => run(() => desk.inbox.hold({ conversationId: c.id, until, reason }))} />
      )}
      {dialog === 'call' && (
        <CallDialog
          phone={c.citizenPhone}
          onClose={closeDialog}
          onSubmit={async (phone) => {
            const r = await run(() => desk.inbox.switchToCall({ conversationId: c.id, phone }));
            if (r) {
              void client.invalidateQueries({ queryKey: ['calls'] });
              setDone(r.notice === 'call' ? t('workflow.switched') : t('workflow.askedPhone'));
              request('callLog:open', { id: r.callLogId });
            }
            return r;
          }}
        />
      )}
      {dialog === 'close' && (
        <CloseDialog
          conversation={c}
          onClose={closeDialog}
          onSubmit={async (field, summary) => {
            const r = await run(() => desk.inbox.close({ conversationId: c.id, field, summary }));
            if (r) void client.invalidateQueries({ queryKey: ['calls'] });
            return r;
          }}
        />
      )}
    </Stack>
  );
}

type Submit<A extends unknown[]> = (...args: A) => Promise<unknown>;

function DialogButtons({ submit, onClose }: { submit: string; onClose: () => void }) {
  const { t } = useTranslation('inbox');
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        {t('workflow.cancel')}
      </Button>
      <Button type="submit">{submit}</Button>
    </Group>
  );
}

function AssignDialog({ conversation, onClose, onSubmit }: { conversation: Conversation; onClose: () => void; onSubmit: Submit<[string, string]> }) {
  const { t } = useTranslation('inbox');
  const { data: counsellors = [] } = useCounsellors();
  const optionLabel = useCounsellorOptionLabel();
  const [assignee, setAssignee] = useState<string | null>(conversation.assigneeId);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!assignee) return setMissing(true);
    if ((await onSubmit(assignee, comment.trim())) !== undefined) onClose();
  }
  return (
    <Modal opened onClose={onClose} title={t('workflow.assignTitle')} returnFocus={false} closeButtonProps={{ 'aria-label': t('workflow.dismiss') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label={t('workflow.assignee')}
            data={counsellors.filter((x) => x.active).map((x) => ({ value: x.id, label: optionLabel(x) }))}
            value={assignee}
            onChange={setAssignee}
            error={missing ? t('workflow.required') : undefined}
            searchable
            required
          />
          <Textarea label={t('workflow.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={500} autosize minRows={2} />
          <DialogButtons submit={t('workflow.assignSubmit')} onClose={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

function HoldDialog({ onClose, onSubmit }: { onClose: () => void; onSubmit: Submit<[string | null, string]> }) {
  const { t } = useTranslation('inbox');
  const [mode, setMode] = useState<HoldChoice>('next');
  const [at, setAt] = useState(() => kst(Date.now() + 60 * 60_000).format('YYYY-MM-DDTHH:mm'));
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const until = holdUntil(mode, Date.now(), at);
    if (until === undefined) return setInvalid(true);
    if ((await onSubmit(until, reason.trim())) !== undefined) onClose();
  }
  return (
    <Modal opened onClose={onClose} title={t('workflow.holdTitle')} returnFocus={false} closeButtonProps={{ 'aria-label': t('workflow.dismiss') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Radio.Group label={t('workflow.holdUntil')} value={mode} onChange={(v) => setMode(v as HoldChoice)}>
            <Stack gap={6} mt={6}>
              <Radio value="next" label={t('workflow.holdNextMessage')} />
              <Radio value="30m" label={t('workflow.hold30m')} />
              <Radio value="1h" label={t('workflow.hold1h')} />
              <Radio value="tomorrow9" label={t('workflow.holdTomorrow9')} />
              <Radio value="time" label={t('workflow.holdTime')} />
            </Stack>
          </Radio.Group>
          {mode === 'time' && (
            <TextInput
              type="datetime-local"
              label={t('workflow.holdAt')}
              value={at}
              onChange={(e) => {
                setAt(e.currentTarget.value);
                setInvalid(false);
              }}
              error={invalid ? t('workflow.holdFuture') : undefined}
            />
          )}
          <TextInput label={t('workflow.holdReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={200} />
          <DialogButtons submit={t('workflow.holdSubmit')} onClose={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

/** 전화 상담 전환 asks first, and says what the citizen will be sent: a call promise with a number, a question for one without. */
function CallDialog({ phone, onClose, onSubmit }: { phone: string | null; onClose: () => void; onSubmit: Submit<[string | null]> }) {
  const { t } = useTranslation('inbox');
  const [typed, setTyped] = useState('');
  const known = phone ? normaliseKoreanPhone(phone) : null;
  const number = known ?? normaliseKoreanPhone(typed) ?? null;
  const [invalid, setInvalid] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!known && typed.trim() && !number) return setInvalid(true);
    if ((await onSubmit(number)) !== undefined) onClose();
  }
  return (
    <Modal opened onClose={onClose} title={t('workflow.callTitle')} returnFocus={false} closeButtonProps={{ 'aria-label': t('workflow.dismiss') }}>
      <form onSubmit={submit} noValidate aria-label={t('workflow.callTitle')}>
        <Stack>
          {known ? (
            <Text size="sm">{t('workflow.callWithNumber', { phone: formatKoreanPhone(known) })}</Text>
          ) : (
            <>
              <Text size="sm">{t('workflow.callNoNumber')}</Text>
              <TextInput
                label={t('workflow.callPhone')}
                value={typed}
                inputMode="tel"
                onChange={(e) => {
                  setTyped(e.currentTarget.value);
                  setInvalid(false);
                }}
                error={invalid ? t('workflow.callPhoneInvalid') : undefined}
              />
            </>
          )}
          <Text size="sm" fw={600}>{t('workflow.callSends')}</Text>
          <Text size="sm" className="call-notice-preview">{number ? CALL_NOTICE : PHONE_QUESTION}</Text>
          <DialogButtons submit={number ? t('workflow.callSubmit') : t('workflow.callAsk')} onClose={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

function CloseDialog({ conversation, onClose, onSubmit }: { conversation: Conversation; onClose: () => void; onSubmit: Submit<[Field, string]> }) {
  const { t } = useTranslation('inbox');
  const [field, setField] = useState<string | null>(conversation.field);
  const [summary, setSummary] = useState(conversation.summary ?? '');
  const [errors, setErrors] = useState<{ field?: string; summary?: string }>({});
  async function submit(e: FormEvent) {
    e.preventDefault();
    const f = Field.safeParse(field);
    const s = summary.trim();
    const next = { field: f.success ? undefined : t('workflow.required'), summary: s ? undefined : t('workflow.required') };
    setErrors(next);
    if (!f.success || !s) return;
    if ((await onSubmit(f.data, s)) !== undefined) onClose();
  }
  return (
    <Modal opened onClose={onClose} title={t('workflow.closeTitle')} returnFocus={false} closeButtonProps={{ 'aria-label': t('workflow.dismiss') }}>
      <form onSubmit={submit} noValidate aria-label={t('workflow.closeTitle')}>
        <Stack>
          <NativeSelect
            label={t('workflow.field')}
            data={[{ value: '', label: t('workflow.choose') }, ...FIELDS]}
            value={field ?? ''}
            onChange={(e) => setField(e.currentTarget.value || null)}
            error={errors.field}
            required
          />
          <TextInput label={t('workflow.summary')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} maxLength={200} error={errors.summary} required />
          <DialogButtons submit={t('workflow.closeSubmit')} onClose={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
