import { BrowserWindow, screen, type BrowserWindowConstructorOptions, type Rectangle } from 'electron';
import { chooseInitialBounds, recordBounds, WINDOW_MIN, type DisplayInfo, type Rect } from './bounds.js';
import type { BoundsStore } from './bounds-store.js';

export interface MainWindowOptions {
  preloadPath: string;
  iconPath?: string;
  boundsStore: BoundsStore;
  /** False in packaged builds (electron/main/security/fuses.ts). */
  devTools: boolean;
}

const toRect = (r: Rectangle): Rect => ({ x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) });

function currentDisplays(): DisplayInfo[] {
  return screen.getAllDisplays().map((d) => ({ id: d.id, bounds: toRect(d.bounds), workArea: toRect(d.workArea) }));
}

/** The window's security-relevant preferences, in one place so a test can hold them fixed. */
export function windowOptions(bounds: Rect, preloadPath: string, iconPath?: string, devTools = false): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: WINDOW_MIN.width,
    minHeight: WINDOW_MIN.height,
    title: '복지 데스크',
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools,
    },
  };
}

/**
 * Creates the one window at its remembered place and keeps remembering it: every move/resize
 * records the bounds under the display that holds the window (the store debounces the write).
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const displays = currentDisplays();
  const bounds = chooseInitialBounds(options.boundsStore.current, displays, screen.getPrimaryDisplay().id);
  const win = new BrowserWindow(windowOptions(bounds, options.preloadPath, options.iconPath, options.devTools));
  const remember = (): void => {
    if (win.isDestroyed() || win.isMinimized() || win.isMaximized() || win.isFullScreen()) return;
    options.boundsStore.update(recordBounds(options.boundsStore.current, toRect(win.getBounds()), currentDisplays()));
  };
  win.on('move', remember);
  win.on('resize', remember);
  win.once('ready-to-show', () => win.show());
  return win;
}

/** Shows and focuses the window (second launch, tray click, notification click, shortcut). */
export function revealWindow(win: BrowserWindow): void {
  if (win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
