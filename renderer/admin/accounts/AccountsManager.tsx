import { Alert, Badge, Button, Group, Modal, NativeSelect, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Counsellor, type Role } from '../../../common/domain/index.js';
import { getDesk } from '../../app/desk.js';
import { useErrorText } from '../../app/errors.js';
import { teamKeys } from '../../team/queries.js';

/**
 * 계정 관리 (admin): create an account with a temporary password, change its role, deactivate or
 * reactivate it, reset its password, unlock it. Everything goes through the server's account
 * routes (audited there); a refusal is shown in the dialog.
 */
export function AccountsManager({ opened, onClose, meId }: { opened: boolean; onClose: () => void; meId: string | null }) {
  const { t } = useTranslation('team');
  const client = useQueryClient();
  const errorText = useErrorText();
  const { data: accounts = [], error: loadError } = useQuery({ queryKey: teamKeys.accounts, queryFn: () => getDesk().team.accounts(), enabled: opened });
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [resetFor, setResetFor] = useState<Counsellor | null>(null);
  const [confirmOff, setConfirmOff] = useState<Counsellor | null>(null);

  async function run(what: () => Promise<unknown>, done: string) {
    setStatus(null);
    try {
      await what();
      await client.invalidateQueries({ queryKey: teamKeys.accounts });
      setStatus({ ok: true, text: done });
      return true;
    } catch (err) {
      setStatus({ ok: false, text: errorText(err) });
      return false;
    }
  }
  const roleLabel = (r: Role) => t(`role.${r}`);

  return (
    <Modal opened={opened} onClose={onClose} title={t('accounts.title')} size="xl">
      <Stack gap="md">
        {loadError && <Alert color="red" role="alert">{errorText(loadError)}</Alert>}
        {status && <Text role={status.ok ? 'status' : 'alert'} c={status.ok ? 'teal.9' : 'red.9'} size="sm">{status.text}</Text>}
        <Table striped aria-label={t('accounts.list')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('accounts.username')}</Table.Th>
              <Table.Th scope="col">{t('accounts.displayName')}</Table.Th>
              <Table.Th scope="col">{t('accounts.role')}</Table.Th>
              <Table.Th scope="col">{t('accounts.status')}</Table.Th>
              <Table.Th scope="col"><span className="visually-hidden">…</span></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {accounts.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Th scope="row">{a.username}</Table.Th>
                <Table.Td>{a.displayName}</Table.Td>
                <Table.Td>
                  <NativeSelect size="xs" aria-label={`${t('accounts.role')}: ${a.username}`} value={a.role} disabled={a.id === meId}
                    data={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
                    onChange={(e) => void run(() => getDesk().team.updateAccount({ id: a.id, role: e.currentTarget.value as Role }), t('accounts.saved'))} />
                </Table.Td>
                <Table.Td><Badge color={a.active ? 'teal.9' : 'gray.8'}>{a.active ? t('accounts.active') : t('accounts.inactive')}</Badge></Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {a.active ? (
                      <Button size="compact-xs" variant="default" disabled={a.id === meId} onClick={() => setConfirmOff(a)}>{t('accounts.deactivate')}</Button>
                    ) : (
                      <Button size="compact-xs" variant="default" onClick={() => void run(() => getDesk().team.updateAccount({ id: a.id, active: true }), t('accounts.saved'))}>{t('accounts.activate')}</Button>
                    )}
                    <Button size="compact-xs" variant="default" onClick={() => setResetFor(a)}>{t('accounts.resetPassword')}</Button>
                    <Button size="compact-xs" variant="default" onClick={() => void run(() => getDesk().team.unlockAccount({ id: a.id }), t('accounts.unlocked'))}>{t('accounts.unlock')}</Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <CreateAccount onCreate={(input) => run(() => getDesk().team.createAccount(input), t('accounts.saved'))} />
        <Group justify="flex-end"><Button variant="default" onClick={onClose}>{t('close')}</Button></Group>
      </Stack>
      {resetFor && (
        <ResetPassword account={resetFor} onClose={() => setResetFor(null)}
          onSubmit={async (password) => (await run(() => getDesk().team.updateAccount({ id: resetFor.id, password }), t('accounts.saved'))) && setResetFor(null)} />
      )}
      <Modal opened={confirmOff !== null} onClose={() => setConfirmOff(null)} title={t('accounts.deactivate')}>
        <Text>{confirmOff ? t('accounts.confirmDeactivate', { name: confirmOff.displayName }) : ''}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirmOff(null)}>{t('cancel')}</Button>
          <Button color="red.9" onClick={() => {
            const target = confirmOff;
            setConfirmOff(null);
            if (target) void run(() => getDesk().team.updateAccount({ id: target.id, active: false }), t('accounts.saved'));
          }}>{t('confirm')}</Button>
        </Group>
      </Modal>
    </Modal>
  );
}

function CreateAccount({ onCreate }: { onCreate: (input: { username: string; displayName: string; role: Role; password: string }) => Promise<boolean> }) {
  const { t } = useTranslation('team');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('counsellor');
  const [password, setPassword] = useState('');
  return (
    <form aria-labelledby="accounts-create" onSubmit={(e) => {
      e.preventDefault();
      void onCreate({ username: username.trim(), displayName: displayName.trim(), role, password }).then((ok) => {
        if (ok) {
          setUsername('');
          setDisplayName('');
          setPassword('');
        }
      });
    }}>
      <Stack gap="xs">
        <Title order={3} size="h6" id="accounts-create">{t('accounts.create')}</Title>
        <Group grow align="end">
          <TextInput required label={t('accounts.username')} value={username} onChange={(e) => setUsername(e.currentTarget.value)} />
          <TextInput required label={t('accounts.displayName')} value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} />
          <NativeSelect label={t('accounts.role')} value={role} onChange={(e) => setRole(e.currentTarget.value as Role)} data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Group>
        <PasswordInput required minLength={10} label={t('accounts.tempPassword')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
        <Group justify="flex-end"><Button type="submit">{t('accounts.create')}</Button></Group>
      </Stack>
    </form>
  );
}

function ResetPassword({ account, onClose, onSubmit }: { account: Counsellor; onClose: () => void; onSubmit: (password: string) => Promise<unknown> }) {
  const { t } = useTranslation('team');
  const [password, setPassword] = useState('');
  return (
    <Modal opened onClose={onClose} title={`${t('accounts.resetPassword')}: ${account.username}`}>
      <form onSubmit={(e) => {
        e.preventDefault();
        void onSubmit(password);
      }}>
        <Stack gap="sm">
          <PasswordInput required minLength={10} label={t('accounts.newPassword')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('cancel')}</Button>
            <Button type="submit">{t('accounts.resetPassword')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
