import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { createDeskServices } from '../services/create-desk-services.js';
import { startDesktop } from './desktop.js';

/** Entry of the main process (built to out/main/index.js; the preload and renderer sit beside it). */
const here = fileURLToPath(new URL('.', import.meta.url));
const icons = app.isPackaged ? join(process.resourcesPath, 'icons') : join(app.getAppPath(), 'resources', 'icons');

startDesktop({
  createServices: createDeskServices,
  paths: {
    preload: join(here, '../preload/index.cjs'),
    renderer: join(here, '../renderer'),
    icons: { app: join(icons, 'icon.png'), tray: join(icons, 'tray.png'), trayUnread: join(icons, 'tray-unread.png') },
  },
});
