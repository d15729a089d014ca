import { MantineProvider } from '@mantine/core';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { useEffect, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { bindDeskEvents, getDesk } from './desk.js';
import { deskCssVariables, deskTheme } from './theme.js';

interface Props {
  i18n: I18n;
  queryClient: QueryClient;
  /** 'test' turns off Mantine's transitions and portals (jsdom). */
  env?: 'default' | 'test';
  children: ReactNode;
}

/** Everything a part of the renderer needs around it: theme, strings, the DeskApi cache and its events. */
export function DeskProviders({ i18n, queryClient, env = 'default', children }: Props) {
  useEffect(() => bindDeskEvents(getDesk(), queryClient), [queryClient]);
  return (
    <MantineProvider theme={deskTheme} cssVariablesResolver={deskCssVariables} env={env} forceColorScheme="light">
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </I18nextProvider>
    </MantineProvider>
  );
}
