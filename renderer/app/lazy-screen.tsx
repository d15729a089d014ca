import { Center, Loader } from '@mantine/core';
import { Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Heavy screens (statistics charts, admin, 구독 소식, 현황판) are separate chunks, loaded when first
 * opened, so that the window's first paint does not wait for code most counsellors never open.
 */

/** What shows while a screen's chunk loads: announced, not just a spinner. */
export function ScreenLoading() {
  const { t } = useTranslation('app');
  return (
    <Center p="md" role="status" aria-live="polite">
      <Loader size="sm" aria-label={t('loadingScreen')} />
    </Center>
  );
}

/** A lazily loaded screen under a Suspense boundary with the loading state above. */
export function LazyScreen({ children }: { children: ReactNode }) {
  return <Suspense fallback={<ScreenLoading />}>{children}</Suspense>;
}

/**
 * True from the first time `open` is true: a dialog's chunk loads when it is first opened and the
 * dialog stays mounted afterwards (its closing transition and state survive).
 */
export function useOpenedOnce(open: boolean): boolean {
  const [once, setOnce] = useState(open);
  if (open && !once) setOnce(true);
  return once || open;
}
