import { app, Menu, nativeImage, Tray, type NativeImage } from 'electron';

export interface TrayIcons {
  normal: string;
  unread: string;
}

export interface TrayActions {
  toggleWindow(): void;
  togglePinned(): void;
  quit(): void;
}

export function unreadTooltip(count: number): string {
  return count > 0 ? `복지 데스크 — 읽지 않은 상담 ${count > 999 ? '999+' : count}건` : '복지 데스크';
}

/**
 * The tray icon: shows/hides the window on click, carries the unread count (tooltip, a dotted
 * image variant, the macOS menu-bar title) and the dock/launcher badge where the OS has one.
 */
export class DeskTray {
  private readonly tray: Tray;
  private readonly images: { normal: NativeImage; unread: NativeImage };
  private pinned = false;
  private unread = 0;

  constructor(
    icons: TrayIcons,
    private readonly actions: TrayActions,
  ) {
    this.images = { normal: nativeImage.createFromPath(icons.normal), unread: nativeImage.createFromPath(icons.unread) };
    this.tray = new Tray(this.images.normal);
    this.tray.setToolTip(unreadTooltip(0));
    this.tray.on('click', () => actions.toggleWindow());
    this.rebuildMenu();
  }

  setUnread(count: number): void {
    const n = Math.max(0, Math.floor(count));
    if (n === this.unread) return;
    this.unread = n;
    this.tray.setImage(n > 0 ? this.images.unread : this.images.normal);
    this.tray.setToolTip(unreadTooltip(n));
    if (process.platform === 'darwin') this.tray.setTitle(n > 0 ? String(n) : '');
    // Not every desktop has a badge (setBadgeCount returns false there); the tray still shows it.
    app.setBadgeCount(n);
  }

  setPinned(pinned: boolean): void {
    if (pinned === this.pinned) return;
    this.pinned = pinned;
    this.rebuildMenu();
  }

  destroy(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  private rebuildMenu(): void {
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: '복지 데스크 보이기/숨기기', click: () => this.actions.toggleWindow() },
        { label: '창 고정', type: 'checkbox', checked: this.pinned, click: () => this.actions.togglePinned() },
        { type: 'separator' },
        { label: '종료', click: () => this.actions.quit() },
      ]),
    );
  }
}
