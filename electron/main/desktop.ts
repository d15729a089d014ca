import { join } from 'node:path';
import { Menu, app, dialog, session, type BrowserWindow } from 'electron';
import type { DeskServices, DeskServicesConfig } from '../services/host.js';
import { ConfigError, readDesktopConfig } from './config.js';
import { installDeskIpc } from './ipc/bridge.js';
import { APP_ORIGIN } from './protocol/app-files.js';
import { registerAppScheme, serveRenderer } from './protocol/register.js';
import { appMenuTemplate } from './menu.js';
import { createSecretStore } from './secret-store.js';
import { devToolsAllowed } from './security/fuses.js';
import { APP_CSP } from './security/csp.js';
import { guardWebContents, lockDownSession } from './security/guards.js';
import { originOf } from './security/sender.js';
import { registerShortcuts, unregisterShortcuts } from './shortcuts.js';
import { DeskTray } from './tray/desk-tray.js';
import { BoundsStore } from './window/bounds-store.js';
import { createMainWindow, revealWindow } from './window/main-window.js';
import { createWindowControl } from './window/window-control.js';

export interface DesktopPaths {
  preload: string;
  /** The built renderer (out/renderer), served on app://bokji/. */
  renderer: string;
  icons: { app: string; tray: string; trayUnread: string };
}

export interface DesktopDeps {
  createServices: (config: DeskServicesConfig) => DeskServices | Promise<DeskServices>;
  paths: DesktopPaths;
  env?: Record<string, string | undefined>;
  log?: (message: string) => void;
}

export interface DesktopHandle {
  /** Resolves once the window is loading (or rejects with the start-up failure). */
  ready: Promise<void>;
  getWindow(): BrowserWindow | null;
}

/**
 * The app's lifecycle: single instance, the secured session, the services, the one window, the
 * tray and shortcuts, and an orderly shutdown that lets the services flush their store.
 */
export function startDesktop(deps: DesktopDeps): DesktopHandle {
  const log = deps.log ?? ((m: string) => console.warn(m));
  let win: BrowserWindow | null = null;
  let tray: DeskTray | null = null;
  let services: DeskServices | null = null;
  let disposeIpc: (() => void) | null = null;
  let boundsStore: BoundsStore | null = null;
  let allowedOrigins: string[] = [APP_ORIGIN];
  let shutDown = false;

  registerAppScheme();
  // Windows shows notifications only for an app with an AppUserModelID (electron-builder's appId).
  if (process.platform === 'win32') app.setAppUserModelId('kr.bokjidesk.desk');
  if (!app.requestSingleInstanceLock()) {
    // A second launch only wakes the first (it gets 'second-instance').
    app.quit();
    return { ready: Promise.resolve(), getWindow: () => null };
  }

  app.on('second-instance', () => {
    if (win) revealWindow(win);
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, allowedOrigins, () => win, log));
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (win) revealWindow(win);
  });
  app.on('will-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    shutDown = true;
    unregisterShortcuts();
    disposeIpc?.();
    tray?.destroy();
    const closing = Promise.allSettled([services?.close(), boundsStore?.flush()]);
    void closing.then((results) => {
      for (const r of results) if (r.status === 'rejected') log(`[bokji-desk] shutdown: ${String(r.reason)}`);
      app.quit();
    });
  });

  const toggleWindow = (): void => {
    if (!win) return;
    if (win.isVisible() && win.isFocused()) win.hide();
    else revealWindow(win);
  };
  const togglePinned = (): void => {
    // Through the services, so the setting is remembered and the renderer hears window:onStateChange.
    services?.handlers.window.togglePinned(undefined).catch((err: unknown) => log(`[bokji-desk] toggle pin failed: ${String(err)}`));
  };

  const boot = async (): Promise<void> => {
    const config = readDesktopConfig(deps.env ?? process.env, app.getPath('userData'), app.isPackaged);
    const devOrigin = config.devServerUrl ? originOf(config.devServerUrl) : null;
    allowedOrigins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN];

    lockDownSession(session.defaultSession, allowedOrigins);
    serveRenderer(session.defaultSession, deps.paths.renderer, APP_CSP);

    boundsStore = new BoundsStore(join(app.getPath('userData'), 'window-state.json'));
    await boundsStore.load();

    const windowControl = createWindowControl(() => win, () => tray);
    services = await deps.createServices({
      dataDir: config.dataDir,
      serverUrl: config.serverUrl,
      serverUrlFixed: config.serverUrlFixed,
      secretStore: createSecretStore(log),
      windowControl,
      host: 'electron',
      demoHint: config.demoHint,
    });

    const menu = appMenuTemplate(app.isPackaged, process.platform);
    if (menu) Menu.setApplicationMenu(Menu.buildFromTemplate(menu));
    win = createMainWindow({ preloadPath: deps.paths.preload, iconPath: deps.paths.icons.app, boundsStore, devTools: devToolsAllowed(app.isPackaged) });
    win.on('closed', () => {
      win = null;
    });
    disposeIpc = installDeskIpc({ services, getWindow: () => win, allowedOrigins, log });
    tray = new DeskTray({ normal: deps.paths.icons.tray, unread: deps.paths.icons.trayUnread }, { toggleWindow, togglePinned, quit: () => app.quit() });
    registerShortcuts({ toggleWindow, togglePinned }, log);

    // The pinned state is a setting the services keep; apply it to the new window.
    const state = await services.handlers.window.getState(undefined);
    windowControl.setAlwaysOnTop(state.pinned);

    await win.loadURL(config.devServerUrl ?? `${APP_ORIGIN}/index.html`);
  };

  const ready = app.whenReady().then(boot);
  ready.catch((err: unknown) => {
    const message = err instanceof ConfigError ? `설정 오류 (configuration error):\n${err.message}` : err instanceof Error ? err.message : String(err);
    log(`[bokji-desk] start-up failed: ${message}`);
    dialog.showErrorBox('복지 데스크를 시작할 수 없습니다', message);
    shutDown = true;
    void Promise.allSettled([services?.close()]).then(() => app.exit(1));
  });
  return { ready, getWindow: () => win };
}
