import { Alert, Button, Group, Modal, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
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
    <Modal opened={opened} onClose={onClose} title="상용구 관리" size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          상담원이 답장 입력창에서 “/” 로 불러 쓰는 문구입니다. 저장하면 모든 상담원의 데스크에 반영됩니다. (서버 연결 필요)
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {!form && (
          <Group>
            <Button onClick={() => edit(EMPTY)}>새 상용구</Button>
          </Group>
        )}
        {form && (
          <form aria-label={form.id ? '상용구 수정' : '새 상용구'} onSubmit={save} noValidate>
            <Stack gap="xs">
              <TextInput label="제목" required value={form.title} error={fieldErrors.title} maxLength={100}
                onChange={(e) => setForm({ ...form, title: e.currentTarget.value })} data-autofocus />
              <Textarea label="내용" required autosize minRows={3} value={form.body} error={fieldErrors.body}
                description="{{citizenName}} 은 시민 이름, {{counsellorName}} 은 상담원 이름으로 바뀌어 들어갑니다."
                onChange={(e) => setForm({ ...form, body: e.currentTarget.value })} />
              <TextInput label="단축어 (선택)" value={form.shortcut} error={fieldErrors.shortcut} maxLength={32}
                description="“/단축어” 로 바로 찾을 수 있습니다."
                onChange={(e) => setForm({ ...form, shortcut: e.currentTarget.value })} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setForm(null)} disabled={busy}>
                  취소
                </Button>
                <Button type="submit" loading={busy}>
                  저장
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {isLoading ? (
          <Text size="sm">불러오는 중…</Text>
        ) : items.length === 0 ? (
          <Text size="sm">등록된 상용구가 없습니다.</Text>
        ) : (
          <Table aria-label="상용구 목록" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>제목</Table.Th>
                <Table.Th>단축어</Table.Th>
                <Table.Th>내용</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">작업</span>
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
                      <Button size="xs" variant="default" aria-label={`${r.title} 수정`} disabled={busy}
                        onClick={() => edit({ id: r.id, baseVersion: r.version, title: r.title, body: r.body, shortcut: r.shortcut ?? '' })}>
                        수정
                      </Button>
                      <Button size="xs" color="red" variant="light" aria-label={`${r.title} 삭제`} disabled={busy} onClick={() => setDeleting(r)}>
                        삭제
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="상용구 삭제" size="sm">
        <Stack gap="sm">
          <Text size="sm">“{deleting?.title}” 상용구를 삭제할까요? 모든 상담원의 목록에서 사라집니다.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)} data-autofocus>
              취소
            </Button>
            <Button color="red" onClick={confirmDelete} loading={busy}>
              삭제
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Modal>
  );
}
