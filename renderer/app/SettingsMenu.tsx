import { ActionIcon, Alert, Button, Popover, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { IconSettings } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../common/desk-api/index.js';
import { TeamAdminButtons, TeamAdminDialogs, type TeamAdminDialog } from '../team/TeamAdminEntries.js';
import { getDesk, queryKeys } from './desk.js';
import { useErrorText } from './errors.js';
import { LazyScreen, useOpenedOnce } from './lazy-screen.js';

// An admin screen: a chunk of its own, loaded when first opened.
const CannedRepliesManager = lazy(() => import('../admin/CannedRepliesManager.js').then((m) => ({ default: m.CannedRepliesManager })));

/** Applies the stored language to the window whenever settings change (here or from the main side). */
export function useSettingsLanguage(): void {
  const { i18n } = useTranslation('app');
  const { data } = useQuery({ queryKey: queryKeys.settings, queryFn: () => getDesk().settings.get() });
  useEffect(() => {
    if (data && i18n.language !== data.language) void i18n.changeLanguage(data.language);
    if (data) document.documentElement.lang = data.language;
  }, [data, i18n]);
}

/** 설정: language, sound, notifications, sign-out. */
export function SettingsMenu({ counsellorName, isAdmin = false, meId = null }: { counsellorName: string | null; isAdmin?: boolean; meId?: string | null }) {
  const { t } = useTranslation('app');
  const client = useQueryClient();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [managingCanned, setManagingCanned] = useState(false);
  const cannedMounted = useOpenedOnce(managingCanned);
  const [teamDialog, setTeamDialog] = useState<TeamAdminDialog>(null);
  const { data } = useQuery({ queryKey: queryKeys.settings, queryFn: () => getDesk().settings.get() });

  async function change(patch: Partial<Settings>) {
    setError(null);
    try {
      client.setQueryData(queryKeys.settings, await getDesk().settings.set(patch));
    } catch (err) {
      setError(errorText(err));
    }
  }
  async function logout() {
    setError(null);
    try {
      client.setQueryData(queryKeys.session, await getDesk().session.logout());
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <>
      <Popover position="bottom-end" shadow="md" width={280} trapFocus>
        <Popover.Target>
          <ActionIcon variant="default" size="lg" aria-label={t('settings.open')}>
            <IconSettings size={18} aria-hidden />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="sm" role="group" aria-label={t('settings.title')}>
            {counsellorName && <Text size="sm">{t('settings.signedInAs', { name: counsellorName })}</Text>}
            {data && (
              <>
                <Text size="sm" fw={600} id="settings-language">
                  {t('settings.language')}
                </Text>
                <SegmentedControl
                  aria-labelledby="settings-language"
                  value={data.language}
                  onChange={(v) => change({ language: v === 'en' ? 'en' : 'ko' })}
                  data={[
                    { value: 'ko', label: t('settings.languageKo') },
                    { value: 'en', label: t('settings.languageEn') },
                  ]}
                />
                <Switch label={t('settings.sound')} checked={data.soundMuted} onChange={(e) => change({ soundMuted: e.currentTarget.checked })} />
                <Switch label={t('settings.notifications')} checked={data.notifications} onChange={(e) => change({ notifications: e.currentTarget.checked })} />
              </>
            )}
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            {isAdmin && (
              <Button variant="default" onClick={() => setManagingCanned(true)}>
                {t('settings.cannedReplies')}
              </Button>
            )}
            {isAdmin && <TeamAdminButtons onOpen={setTeamDialog} />}
            <Button variant="default" onClick={logout}>
              {t('settings.logout')}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
      {isAdmin && cannedMounted && (
        <LazyScreen>
          <CannedRepliesManager opened={managingCanned} onClose={() => setManagingCanned(false)} />
        </LazyScreen>
      )}
      {isAdmin && <TeamAdminDialogs open={teamDialog} onClose={() => setTeamDialog(null)} meId={meId} />}
    </>
  );
}
