import { Alert, Center, Loader } from '@mantine/core';
import { useCallback, useState } from 'react';
import { LockScreen } from '../lock/LockScreen.js';
import { useIdleLock } from '../lock/use-idle-lock.js';
import { useTranslation } from 'react-i18next';
import { LoginScreen } from '../session/LoginScreen.js';
import { useSession } from '../session/use-session.js';
import { getDesk } from './desk.js';
import { useErrorText } from './errors.js';
import { useSettingsLanguage } from './SettingsMenu.js';
import { Workspace } from './Workspace.js';

/**
 * Login or workspace. When a session ends (expiry, logout) the workspace stays mounted but hidden
 * and inert behind the login screen, so that half-typed replies and records survive; signing in as
 * someone else starts a fresh workspace (keyed by counsellor).
 */
export function App() {
  const { t } = useTranslation('app');
  const errorText = useErrorText();
  const { state, error } = useSession();
  const [keptFor, setKeptFor] = useState<string | null>(null);
  const [lastUsername, setLastUsername] = useState('');
  useSettingsLanguage();

  const signedIn = state?.signedIn === true && state.counsellor !== null;
  const locked = signedIn && state?.locked === true;
  const lock = useCallback(() => void getDesk().session.lock().catch(() => undefined), []);
  useIdleLock({ enabled: signedIn && !locked, minutes: state?.idleLockMinutes ?? 10, onLock: lock });
  const counsellorId = signedIn ? state.counsellor!.id : null;
  if (counsellorId && counsellorId !== keptFor) {
    setKeptFor(counsellorId);
    setLastUsername(state?.counsellor?.username ?? '');
  }

  if (error && !state) {
    return (
      <Center h="100vh" p="md">
        <Alert color="red" role="alert" title={t('title')}>
          {errorText(error)}
        </Alert>
      </Center>
    );
  }
  if (!state) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('loading')} />
      </Center>
    );
  }
  return (
    <>
      {!signedIn && <LoginScreen state={state} hasDrafts={keptFor !== null} lastUsername={lastUsername} />}
      {locked && <LockScreen state={state} />}
      {keptFor && (
        // Locked: the workspace stays mounted (typed text survives) but shows and reaches nothing.
        <div hidden={!signedIn || locked} inert={!signedIn || locked} className="workspace-holder">
          <Workspace key={keptFor} />
        </div>
      )}
    </>
  );
}
