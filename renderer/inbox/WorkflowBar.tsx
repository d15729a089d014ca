import { Alert, Button, Group, Modal, NativeSelect, Radio, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { IconPhoneCall } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELDS, Field, type Conversation, type Counsellor } from '../../common/domain/index.js';
import { getDesk } from '../app/desk.js';
import { useErrorText } from '../app/errors.js';
import { request } from '../app/workspace-bus.js';
import { kst } from '../app/time.js';
import { useCounsellors } from './queries.js';
import { useCounsellorOptionLabel } from '../team/queries.js';

type Dialog = 'assign' | 'hold' | 'close' | null;

/** 담당하기, 배정/이관, 보류, 종료, 다시 열기, 전화 상담 전환. */
export function WorkflowBar({ conversation: c, me }: { conversation: Conversation; me: Counsellor | null }) {
  const { t } = useTranslation('inbox');
  const client = useQueryClient();
  const errorText = useErrorText();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
  const mine = me !== null && c.assigneeId === me.id;
  const desk = getDesk();

  return (
    <Stack gap={4}>
      <Group gap={6} role="toolbar" aria-label={t('workflow.toolbar')} wrap="wrap">
        {!closed && !mine && (
          <Button size="compact-sm" disabled={busy} onClick={() => run(() => desk.inbox.claim({ conversationId: c.id }))}>
            {t('workflow.claim')}
          </Button>
        )}
        {!closed && (
          <Button size="compact-sm" variant="default" disabled={busy} onClick={() => setDialog('assign')}>
            {t('workflow.assign')}
          </Button>
        )}
        {!closed && c.status !== 'held' && (
          <Button size="compact-sm" variant="default" disabled={busy} onClick={() => setDialog('hold')}>
            {t('workflow.hold')}
          </Button>
        )}
        {!closed && (
          <Button
            size="compact-sm"
            variant="default"
            disabled={busy}
            leftSection={<IconPhoneCall size={14} aria-hidden />}
            onClick={async () => {
              const r = await run(() => desk.inbox.switchToCall({ conversationId: c.id, phone: c.citizenPhone }));
              if (r) {
                void client.invalidateQueries({ queryKey: ['calls'] });
                request('callLog:open', { id: r.callLogId });
              }
            }}
          >
            {t('workflow.toCall')}
          </Button>
        )}
        {!closed && (
          <Button size="compact-sm" color="dark" disabled={busy} onClick={() => setDialog('close')}>
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
        <Alert color="red" role="alert" withCloseButton onClose={() => setError(null)} py={6}>
          {error}
        </Alert>
      )}
      {dialog === 'assign' && (
        <AssignDialog
          conversation={c}
          onClose={() => setDialog(null)}
          onSubmit={(assigneeId, comment) => run(() => desk.inbox.assign({ conversationId: c.id, assigneeId, comment }))}
        />
      )}
      {dialog === 'hold' && (
        <HoldDialog onClose={() => setDialog(null)} onSubmit={(until) => run(() => desk.inbox.hold({ conversationId: c.id, until }))} />
      )}
      {dialog === 'close' && (
        <CloseDialog
          conversation={c}
          onClose={() => setDialog(null)}
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
    <Modal opened onClose={onClose} title={t('workflow.assignTitle')}>
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

function HoldDialog({ onClose, onSubmit }: { onClose: () => void; onSubmit: Submit<[string | null]> }) {
  const { t } = useTranslation('inbox');
  const [mode, setMode] = useState<'next' | 'time'>('next');
  const [at, setAt] = useState(() => kst(Date.now() + 60 * 60_000).format('YYYY-MM-DDTHH:mm'));
  const [invalid, setInvalid] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    let until: string | null = null;
    if (mode === 'time') {
      // The field is KST wall-clock time, whatever zone the workstation runs in.
      const parsed = kst(Date.now()).format('Z');
      const ms = Date.parse(`${at}:00${parsed}`);
      if (!Number.isFinite(ms) || ms <= Date.now()) return setInvalid(true);
      until = new Date(ms).toISOString();
    }
    if ((await onSubmit(until)) !== undefined) onClose();
  }
  return (
    <Modal opened onClose={onClose} title={t('workflow.holdTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Radio.Group label={t('workflow.holdUntil')} value={mode} onChange={(v) => setMode(v === 'time' ? 'time' : 'next')}>
            <Stack gap={6} mt={6}>
              <Radio value="next" label={t('workflow.holdNextMessage')} />
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
              error={invalid ? t('workflow.required') : undefined}
            />
          )}
          <DialogButtons submit={t('workflow.holdSubmit')} onClose={onClose} />
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
    <Modal opened onClose={onClose} title={t('workflow.closeTitle')}>
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
