import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AccessLogScreen } from '../admin/access-log/AccessLogScreen.js';
import { AccountsManager } from '../admin/accounts/AccountsManager.js';
import { TeamSettingsDialog } from './TeamSettingsDialog.js';

export type TeamAdminDialog = 'settings' | 'accounts' | 'accessLog' | null;

/** The admin's team entries in the 설정 menu: 팀 설정, 계정 관리 and 접속기록. */
export function TeamAdminButtons({ onOpen }: { onOpen: (dialog: Exclude<TeamAdminDialog, null>) => void }) {
  const { t } = useTranslation('team');
  const { t: audit } = useTranslation('audit');
  return (
    <>
      <Button variant="default" onClick={() => onOpen('settings')}>{t('settings.open')}</Button>
      <Button variant="default" onClick={() => onOpen('accounts')}>{t('accounts.open')}</Button>
      <Button variant="default" onClick={() => onOpen('accessLog')}>{audit('open')}</Button>
    </>
  );
}

/** Their dialogs, rendered outside the menu's popover (which unmounts when it closes). */
export function TeamAdminDialogs({ open, onClose, meId }: { open: TeamAdminDialog; onClose: () => void; meId: string | null }) {
  return (
    <>
      <TeamSettingsDialog opened={open === 'settings'} onClose={onClose} />
      <AccountsManager opened={open === 'accounts'} onClose={onClose} meId={meId} />
      <AccessLogScreen opened={open === 'accessLog'} onClose={onClose} />
    </>
  );
}
