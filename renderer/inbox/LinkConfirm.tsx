import { Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { safeWebUrl } from './links.js';

const Ctx = createContext<(url: string) => void>(() => {});

/** Every link from a citizen opens only after the counsellor has seen the address and confirmed. */
export function LinkConfirmProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation('inbox');
  const [pending, setPending] = useState<string | null>(null);
  const ask = useCallback((url: string) => setPending(safeWebUrl(url)), []);
  const value = useMemo(() => ask, [ask]);
  return (
    <Ctx.Provider value={value}>
      {children}
      <Modal opened={pending !== null} onClose={() => setPending(null)} title={t('link.title')}>
        <Stack>
          <Text size="sm">{t('link.body')}</Text>
          <Code block className="break-anywhere">
            {pending}
          </Code>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPending(null)}>
              {t('link.cancel')}
            </Button>
            <Button
              onClick={() => {
                if (pending) window.open(pending, '_blank', 'noopener,noreferrer');
                setPending(null);
              }}
            >
              {t('link.open')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Ctx.Provider>
  );
}

export function useConfirmLink(): (url: string) => void {
  return useContext(Ctx);
}
