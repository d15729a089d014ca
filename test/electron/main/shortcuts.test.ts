import { fake } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);
const { registerShortcuts, SHORTCUTS } = await import('../../../electron/main/shortcuts.js');

describe('global shortcuts', () => {
  it('reports a shortcut another program holds and still registers the rest', () => {
    fake.electron.globalShortcut.taken.add(SHORTCUTS.togglePinned);
    const warn = vi.fn();
    const actions = { toggleWindow: vi.fn(), togglePinned: vi.fn() };
    expect(registerShortcuts(actions, warn)).toEqual([SHORTCUTS.togglePinned]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(SHORTCUTS.togglePinned));
    fake.state.shortcuts.get(SHORTCUTS.toggleWindow)!();
    expect(actions.toggleWindow).toHaveBeenCalledOnce();
  });
});
