/**
 * A stand-in for the 'electron' module (the binary cannot run here): records what the shell
 * asks of Electron so tests can assert window options, IPC registration and security hooks.
 * Use with `vi.mock('electron', async () => (await import('./fake-electron.js')).electron)`.
 */
type Listener = (...args: unknown[]) => unknown;

export class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event: string, fn: Listener): this {
    const wrapped: Listener = (...args) => {
      this.removeListener(event, wrapped);
      return fn(...args);
    };
    return this.on(event, wrapped);
  }
  removeListener(event: string, fn: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== fn));
    return this;
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((l) => l(...args));
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

export class FakeWebContents extends Emitter {
  mainFrame = new FakeFrame('app://bokji/index.html');
  sent: Array<[string, unknown]> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends Emitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  alwaysOnTopCalls: Array<[boolean, string | undefined]> = [];
  loadedUrls: string[] = [];
  visible = false;
  focused = false;
  minimized = false;
  focusCount = 0;
  bounds: { x: number; y: number; width: number; height: number };
  constructor(public readonly options: Record<string, unknown>) {
    super();
    this.bounds = { x: Number(options.x), y: Number(options.y), width: Number(options.width), height: Number(options.height) };
    FakeBrowserWindow.instances.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.webContents.mainFrame.url = url;
  }
  setAlwaysOnTop(flag: boolean, level?: string): void {
    this.alwaysOnTopCalls.push([flag, level]);
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return false;
  }
  isFullScreen(): boolean {
    return false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.focused;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
    this.focusCount++;
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }
}

export class FakeTray extends Emitter {
  static instances: FakeTray[] = [];
  tooltip = '';
  title = '';
  image: unknown;
  menu: unknown;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    FakeTray.instances.push(this);
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setTitle(t: string): void {
    this.title = t;
  }
  setImage(i: unknown): void {
    this.image = i;
  }
  setContextMenu(m: unknown): void {
    this.menu = m;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeNotification extends Emitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  shown = false;
  constructor(public readonly options: { title: string; body: string; silent: boolean }) {
    super();
    FakeNotification.instances.push(this);
  }
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  show(): void {
    this.shown = true;
  }
}

type IpcHandler = (event: unknown, arg: unknown) => unknown;

export function createFakeElectron() {
  const ipcHandlers = new Map<string, IpcHandler>();
  const shortcuts = new Map<string, () => void>();
  const app = Object.assign(new Emitter(), {
    singleInstance: true,
    quitCalls: 0,
    exitCodes: [] as number[],
    badgeCounts: [] as number[],
    isPackaged: false,
    userData: '/tmp/bokji-fake-user-data',
    requestSingleInstanceLock: () => app.singleInstance,
    quit: () => void app.quitCalls++,
    exit: (code: number) => void app.exitCodes.push(code),
    whenReady: () => Promise.resolve(),
    getPath: (_name: string) => app.userData,
    getAppPath: () => process.cwd(),
    setBadgeCount: (n: number) => {
      app.badgeCounts.push(n);
      return true;
    },
  });
  const sessionState = {
    protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
    permissionRequest: null as null | ((wc: unknown, permission: string, cb: (granted: boolean) => void, details?: unknown) => void),
    permissionCheck: null as null | ((wc: unknown, permission: string, origin: string, details?: unknown) => boolean),
  };
  const defaultSession = {
    protocol: { handle: (scheme: string, h: (req: Request) => Promise<Response>) => void sessionState.protocolHandlers.set(scheme, h) },
    setPermissionRequestHandler: (h: typeof sessionState.permissionRequest) => void (sessionState.permissionRequest = h),
    setPermissionCheckHandler: (h: typeof sessionState.permissionCheck) => void (sessionState.permissionCheck = h),
  };
  const privilegedSchemes: unknown[] = [];
  const displays = [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
  ];
  const safe = { available: true, backend: 'gnome_libsecret' };
  const dialogState = { response: 1, errorBoxes: [] as Array<[string, string]>, opened: [] as string[] };
  const ipcRendererListeners = new Emitter();
  const ipcRendererInvokes: Array<[string, unknown]> = [];
  const exposed: Array<[string, unknown]> = [];
  const appMenus: unknown[] = [];

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Notification: FakeNotification,
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: unknown) => void appMenus.push(menu),
    },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    ipcMain: {
      handle: (channel: string, h: IpcHandler) => {
        if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
        ipcHandlers.set(channel, h);
      },
      removeHandler: (channel: string) => void ipcHandlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void privilegedSchemes.push(...schemes),
      handle: (scheme: string, h: (req: Request) => Promise<Response>) => void sessionState.protocolHandlers.set(scheme, h),
    },
    session: { defaultSession },
    screen: { getAllDisplays: () => displays, getPrimaryDisplay: () => displays[0] },
    globalShortcut: {
      taken: new Set<string>(),
      register(accelerator: string, cb: () => void) {
        if (this.taken.has(accelerator)) return false;
        shortcuts.set(accelerator, cb);
        return true;
      },
      unregisterAll: () => shortcuts.clear(),
    },
    safeStorage: {
      isEncryptionAvailable: () => safe.available,
      getSelectedStorageBackend: () => safe.backend,
      encryptString: (s: string) => Buffer.from(`enc(${s})`, 'utf8'),
      decryptString: (b: Buffer) => b.toString('utf8').replace(/^enc\((.*)\)$/s, '$1'),
    },
    shell: { openExternal: async (url: string) => void dialogState.opened.push(url) },
    dialog: {
      showMessageBox: async () => ({ response: dialogState.response, checkboxChecked: false }),
      showErrorBox: (title: string, content: string) => void dialogState.errorBoxes.push([title, content]),
    },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.push([key, api]) },
    ipcRenderer: {
      invoke: async (channel: string, arg: unknown) => {
        ipcRendererInvokes.push([channel, arg]);
        return ipcRendererReply(channel, arg);
      },
      on: (channel: string, fn: Listener) => ipcRendererListeners.on(channel, fn),
      removeListener: (channel: string, fn: Listener) => ipcRendererListeners.removeListener(channel, fn),
    },
  };
  let ipcRendererReply: (channel: string, arg: unknown) => unknown = () => ({ ok: true, value: null });

  return {
    electron,
    state: {
      app,
      ipcHandlers,
      shortcuts,
      sessionState,
      privilegedSchemes,
      displays,
      safe,
      dialogState,
      ipcRendererListeners,
      ipcRendererInvokes,
      exposed,
      appMenus,
      setIpcRendererReply: (fn: typeof ipcRendererReply) => void (ipcRendererReply = fn),
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** One instance per test file (vi.mock hoists the factory; the file's tests share it). */
export const fake = createFakeElectron();
export const electron = fake.electron;
