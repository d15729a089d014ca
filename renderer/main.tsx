import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
// Pretendard from the npm package, bundled by Vite: Korean renders the same on every workstation
// and in headless Chromium, which has no Korean font. The dynamic subset loads only the glyph
// ranges a page uses.
import 'pretendard/dist/web/variable/pretendardvariable-dynamic-subset.css';
import './styles/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { createDeskQueryClient } from './app/desk.js';
import { DeskProviders } from './app/providers.js';
import { createDeskI18n } from './i18n/index.js';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <DeskProviders i18n={createDeskI18n()} queryClient={createDeskQueryClient()}>
      <App />
    </DeskProviders>
  </StrictMode>,
);
