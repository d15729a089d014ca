import { Alert, Button, Group, Modal, NumberInput, Stack, Switch, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamSettings } from '../../common/domain/index.js';
import { getDesk } from '../app/desk.js';
import { useErrorText } from '../app/errors.js';
import { teamKeys } from './queries.js';

/** 팀 설정 (admin): automatic assignment and the service-level targets. */
export function TeamSettingsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('team');
  const client = useQueryClient();
  const errorText = useErrorText();
  const { data, error: loadError } = useQuery({ queryKey: teamKeys.settings, queryFn: () => getDesk().team.settings(), enabled: opened });
  // Edits start from what the server holds; null until the admin changes something.
  const [edited, setForm] = useState<TeamSettings | null>(null);
  const form = edited ?? data ?? null;
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  async function save() {
    if (!form) return;
    setStatus(null);
    try {
      const desk = getDesk();
      const saved: TeamSettings = {
        assignment: await desk.team.saveAssignment(form.assignment),
        satisfaction: form.satisfaction,
        serviceLevels: await desk.team.saveServiceLevels(form.serviceLevels),
      };
      client.setQueryData(teamKeys.settings, saved);
      setForm(null);
      void client.invalidateQueries({ queryKey: teamKeys.board });
      setStatus({ ok: true, text: t('settings.saved') });
    } catch (err) {
      setStatus({ ok: false, text: errorText(err) });
    }
  }

  const num = (v: string | number, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  return (
    <Modal opened={opened} onClose={onClose} title={t('settings.title')}>
      {loadError && <Alert color="red" role="alert">{errorText(loadError)}</Alert>}
      {form && (
        <Stack gap="sm">
          <Title order={3} size="h6">{t('settings.assignment')}</Title>
          <Switch label={t('settings.assignmentOn')} checked={form.assignment.enabled}
            onChange={(e) => setForm({ ...form, assignment: { ...form.assignment, enabled: e.currentTarget.checked } })} />
          <NumberInput label={t('settings.maxOpen')} min={1} max={50} value={form.assignment.maxOpenPerCounsellor}
            onChange={(v) => setForm({ ...form, assignment: { ...form.assignment, maxOpenPerCounsellor: num(v, form.assignment.maxOpenPerCounsellor) } })} />
          <NumberInput label={t('settings.chatTarget')} min={10} max={86_400} value={form.serviceLevels.chatFirstResponseSeconds}
            onChange={(v) => setForm({ ...form, serviceLevels: { ...form.serviceLevels, chatFirstResponseSeconds: num(v, form.serviceLevels.chatFirstResponseSeconds) } })} />
          <NumberInput label={t('settings.chatShare')} min={0} max={100} value={Math.round(form.serviceLevels.chatShare * 100)}
            onChange={(v) => setForm({ ...form, serviceLevels: { ...form.serviceLevels, chatShare: num(v, form.serviceLevels.chatShare * 100) / 100 } })} />
          <NumberInput label={t('settings.callTarget')} min={5} max={600} value={form.serviceLevels.callAnswerSeconds}
            onChange={(v) => setForm({ ...form, serviceLevels: { ...form.serviceLevels, callAnswerSeconds: num(v, form.serviceLevels.callAnswerSeconds) } })} />
          <NumberInput label={t('settings.callShare')} min={0} max={100} value={Math.round(form.serviceLevels.callShare * 100)}
            onChange={(v) => setForm({ ...form, serviceLevels: { ...form.serviceLevels, callShare: num(v, form.serviceLevels.callShare * 100) / 100 } })} />
          {status && <Text role={status.ok ? 'status' : 'alert'} c={status.ok ? 'teal.9' : 'red.9'} size="sm">{status.text}</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('close')}</Button>
            <Button onClick={() => void save()}>{t('settings.save')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
