import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SessionState, toDeskError } from '../../common/desk-api/index.js';
import { getDesk } from '../app/desk.js';

/**
 * Covers the whole window while locked: only the counsellor's name and a password field. The
 * password is checked by the services against the wrapped replica key (so it works offline);
 * the fifth failure signs the counsellor out and the login screen takes over.
 */
export function LockScreen({ state }: { state: SessionState }) {
  const { t } = useTranslation('privacy');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!password) return;
    setBusy(true);
    try {
      await getDesk().session.unlock({ password });
      setError(null);
    } catch (err) {
      setError(toDeskError(err).message);
    } finally {
      setPassword('');
      setBusy(false);
    }
  };
  return (
    <Center h="100vh" p="md" className="lock-screen">
      <Paper withBorder p="lg" maw={380} w="100%" component="section" aria-label={t('lockTitle')}>
        <form onSubmit={(e) => void submit(e)}>
          <Stack gap="sm">
            <IconLock size={28} aria-hidden />
            <Title order={1} size="h3">{t('lockTitle')}</Title>
            <Text fw={600}>{t('lockedFor', { name: state.counsellor?.displayName ?? '' })}</Text>
            <Text size="sm" c="dimmed">{t('lockHint')}</Text>
            <PasswordInput label={t('password')} value={password} autoFocus autoComplete="current-password"
              onChange={(e) => setPassword(e.currentTarget.value)} />
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <Button type="submit" loading={busy}>{t('unlock')}</Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
