import { Alert, Button, Group, Modal, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveCannedReplyArgs, toDeskError } from '../../common/desk-api/index.js';
import type { CannedReply } from '../../common/domain/index.js';
import { getDesk, queryKeys } from '../app/desk.js';
import { useErrorText } from '../app/errors.js';
import { useCannedReplies } from '../inbox/queries.js';

interface FormState {
  id: string | null;
  baseVersion: number | null;
  title: string;
  body: string;
  shortcut: string;
}
const EMPTY: FormState = { id: null, baseVersion: null, title: '', body: '', shortcut: '' };

/**
 * 상용구 관리 (admin): list, add, edit and delete the canned replies every counsellor inserts with
 * "/". Writes are online-only; the list refreshes from the replica when the change lands.
 */
export function CannedRepliesManager({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const client = useQueryClient();
  const errorText = useErrorText();
  const { data: items = [], isLoading } = useCannedReplies();
  const [form, setForm] = useState<FormState | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<CannedReply | null>(null);

  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.cannedReplies });

  function edit(next: FormState) {
    setForm(next);
    setFieldErrors({});
    setError(null);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    const parsed = SaveCannedReplyArgs.safeParse({
      id: form.id, baseVersion: form.baseVersion, title: form.title, body: form.body, shortcut: form.shortcut,
    });
    if (!parsed.success) {
      setFieldErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await getDesk().inbox.saveCannedReply(parsed.data);
      setForm(null);
      await refresh();
    } catch (err) {
      setError(errorText(err));
      // Someone else changed it first: the form's version is stale, start again from the list.
      if (toDeskError(err).code === 'conflict') setForm(null);
      await refresh();
    } finally {
      setBusy(false);
    }
  }

  async function confirmDelete() {
    if (!deleting) return;
    setBusy(true);
    setError(null);
    try {
      await getDesk().inbox.deleteCannedReply({ id: deleting.id, baseVersion: deleting.version });
      if (form?.id === deleting.id) setForm(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setDeleting(null);
      setBusy(false);
      await refresh();
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('canned.title')} size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('canned.intro')}
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {!form && (
          <Group>
            <Button onClick={() => edit(EMPTY)}>{t('canned.add')}</Button>
          </Group>
        )}
        {form && (
          <form aria-label={form.id ? t('canned.editForm') : t('canned.addForm')} onSubmit={save} noValidate>
            <Stack gap="xs">
              <TextInput label={t('canned.titleLabel')} required value={form.title} error={fieldErrors.title} maxLength={100}
                onChange={(e) => setForm({ ...form, title: e.currentTarget.value })} data-autofocus />
              <Textarea label={t('canned.body')} required autosize minRows={3} value={form.body} error={fieldErrors.body}
                description={t('canned.bodyHint', { citizen: '{{citizenName}}', counsellor: '{{counsellorName}}' })}
                onChange={(e) => setForm({ ...form, body: e.currentTarget.value })} />
              <TextInput label={t('canned.shortcut')} value={form.shortcut} error={fieldErrors.shortcut} maxLength={32}
                description={t('canned.shortcutHint')}
                onChange={(e) => setForm({ ...form, shortcut: e.currentTarget.value })} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setForm(null)} disabled={busy}>
                  {t('canned.cancel')}
                </Button>
                <Button type="submit" loading={busy}>
                  {t('canned.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {isLoading ? (
          <Text size="sm">{t('canned.loading')}</Text>
        ) : items.length === 0 ? (
          <Text size="sm">{t('canned.empty')}</Text>
        ) : (
          <Table aria-label={t('canned.list')} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('canned.titleLabel')}</Table.Th>
                <Table.Th>{t('canned.shortcutColumn')}</Table.Th>
                <Table.Th>{t('canned.body')}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t('canned.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.title}</Table.Td>
                  <Table.Td>{r.shortcut ? `/${r.shortcut}` : '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {r.body}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="xs" variant="default" aria-label={t('canned.editOne', { title: r.title })} disabled={busy}
                        onClick={() => edit({ id: r.id, baseVersion: r.version, title: r.title, body: r.body, shortcut: r.shortcut ?? '' })}>
                        {t('canned.edit')}
                      </Button>
                      <Button size="xs" color="red" variant="light" aria-label={t('canned.deleteOne', { title: r.title })} disabled={busy} onClick={() => setDeleting(r)}>
                        {t('canned.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('canned.deleteTitle')} size="sm">
        <Stack gap="sm">
          <Text size="sm">{t('canned.deleteConfirm', { title: deleting?.title ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)} data-autofocus>
              {t('canned.cancel')}
            </Button>
            <Button color="red" onClick={confirmDelete} loading={busy}>
              {t('canned.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Modal>
  );
}
