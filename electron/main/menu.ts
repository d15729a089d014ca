import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu of a packaged build: editing (so Ctrl+C/V work in every text field) and
 * quit, nothing else — no View menu, so no "Toggle Developer Tools" and no reload. Development
 * keeps Electron's default menu (null = leave it).
 */
export function appMenuTemplate(isPackaged: boolean, platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  if (!isPackaged) return null;
  const edit: MenuItemConstructorOptions = {
    label: '편집',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const quit: MenuItemConstructorOptions = { label: '복지 데스크', submenu: [{ role: 'quit', label: '종료' }] };
  return platform === 'darwin' ? [quit, edit] : [edit, quit];
}
