import { Alert, Anchor, Box, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginArgs, toDeskError, type SessionState } from '../../common/desk-api/index.js';
import { getDesk, queryKeys } from '../app/desk.js';
import { useErrorText, useScreenText } from '../app/errors.js';

type FieldErrors = Partial<Record<'serverUrl' | 'username' | 'password', string>>;

/** 로그인: server URL, 아이디, 비밀번호. The token never reaches the renderer; main keeps it. */
export function LoginScreen({ state, hasDrafts, lastUsername = '' }: { state: SessionState; hasDrafts: boolean; lastUsername?: string }) {
  const { t } = useTranslation('app');
  const client = useQueryClient();
  const errorText = useErrorText();
  const screenText = useScreenText();
  const [serverUrl, setServerUrl] = useState(state.serverUrl);
  const [username, setUsername] = useState(state.counsellor?.username ?? lastUsername);
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    // The same schema the main side checks with: the counsellor learns about a typo here, at once.
    // Only the first run may propose the server; afterwards main decides and the field is read-only.
    const parsed = LoginArgs.safeParse({ ...(state.serverUrlEditable ? { serverUrl: serverUrl.trim() } : {}), username, password });
    if (!parsed.success) {
      const errs: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof FieldErrors;
        errs[key] ??= issue.message;
      }
      setFieldErrors(errs);
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      const next = await getDesk().session.login(parsed.data);
      client.setQueryData(queryKeys.session, next);
    } catch (err) {
      const e = toDeskError(err);
      // At sign-in "unauthenticated" means wrong credentials: the service's words say which.
      setFormError(e.code === 'unauthenticated' ? screenText(e.message) || t('login.badCredentials') : errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const demo = state.demoHint;
  return (
    <Box component="main" className="login-page">
      <Paper component="section" aria-labelledby="login-title" withBorder p="xl" radius="md" maw={420} w="100%">
        <form onSubmit={submit} noValidate aria-labelledby="login-title">
          <Stack gap="md">
            <Title id="login-title" order={1} size="h3">
              {t('login.title')}
            </Title>
            {state.reason && (
              <Alert color="yellow" role="status">
                {/* The reason says itself what to do ("로그인이 만료되었습니다. 다시 로그인하세요." / "로그아웃했습니다."). */}
                {screenText(state.reason)}
                {hasDrafts && <Text size="sm">{t('login.drafts')}</Text>}
              </Alert>
            )}
            <TextInput label={t('login.serverUrl')} value={state.serverUrlEditable ? serverUrl : state.serverUrl} onChange={(e) => setServerUrl(e.currentTarget.value)}
              error={fieldErrors.serverUrl} autoComplete="url" inputMode="url" required readOnly={!state.serverUrlEditable} />
            <TextInput label={t('login.username')} value={username} onChange={(e) => setUsername(e.currentTarget.value)} error={fieldErrors.username} autoComplete="username" required data-autofocus />
            <PasswordInput label={t('login.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={fieldErrors.password} autoComplete="current-password" required />
            {formError && (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            )}
            <Button type="submit" loading={busy} fullWidth>
              {busy ? t('login.submitting') : t('login.submit')}
            </Button>
            {demo && demo.usernames.length > 0 && (
              <Text size="sm" c="dimmed">
                {t('login.demo', { usernames: demo.usernames.join(', '), password: demo.password })}{' '}
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => {
                    setUsername(demo.usernames[0] ?? '');
                    setPassword(demo.password);
                  }}
                >
                  {t('login.useDemo')}
                </Anchor>
              </Text>
            )}
          </Stack>
        </form>
      </Paper>
    </Box>
  );
}
