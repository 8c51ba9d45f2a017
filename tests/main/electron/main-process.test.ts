// The Electron main process under a fake `electron` module: the real package would try to
// download its binary (see docs/toolchain notes), and none of this needs a real window.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIXTURES, tempDir } from '../../helpers/library';

type Handler = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  class FakeWebContents {
    handlers = new Map<string, Handler[]>();
    windowOpenHandler: Handler | undefined;
    mainFrame = { url: 'crux://app/index.html' };
    sent: unknown[] = [];
    on(event: string, handler: Handler) {
      this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
      return this;
    }
    setWindowOpenHandler(handler: Handler) {
      this.windowOpenHandler = handler;
    }
    send(channel: string, payload: unknown) {
      this.sent.push({ channel, payload });
    }
  }
  class FakeBrowserWindow {
    static instances: FakeBrowserWindow[] = [];
    static getAllWindows = () => FakeBrowserWindow.instances;
    webContents = new FakeWebContents();
    progress: number[] = [];
    loaded: string[] = [];
    constructor(readonly options: Record<string, unknown>) {
      FakeBrowserWindow.instances.push(this);
    }
    once() {}
    on() {}
    show() {}
    isDestroyed = () => false;
    isMinimized = () => false;
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    setProgressBar(value: number) {
      this.progress.push(value);
    }
  }
  const calls: string[] = [];
  const fn = (name: string, impl: Handler = () => undefined) =>
    vi.fn((...args: unknown[]) => {
      calls.push(name);
      return impl(...args);
    });
  const session = {
    setPermissionRequestHandler: fn('setPermissionRequestHandler'),
    setPermissionCheckHandler: fn('setPermissionCheckHandler'),
    setDevicePermissionHandler: fn('setDevicePermissionHandler'),
  };
  return {
    calls,
    FakeBrowserWindow,
    electron: {
      app: {
        isPackaged: true,
        setPath: fn('app.setPath'),
        requestSingleInstanceLock: fn('requestSingleInstanceLock', () => true),
        on: fn('app.on'),
        whenReady: fn('whenReady', () => Promise.resolve()),
        quit: fn('app.quit'),
        exit: fn('app.exit'),
      },
      BrowserWindow: FakeBrowserWindow,
      protocol: { registerSchemesAsPrivileged: fn('registerSchemesAsPrivileged'), handle: fn('protocol.handle') },
      session: { defaultSession: session },
      ipcMain: { handle: fn('ipcMain.handle') },
      shell: { openExternal: fn('openExternal', () => Promise.resolve()) },
      dialog: {
        showOpenDialog: fn('showOpenDialog'),
        showMessageBox: fn('showMessageBox', () => Promise.resolve({ response: 0 })),
        showErrorBox: fn('showErrorBox'),
      },
      Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: fn('setApplicationMenu') },
    },
  };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const mock = <T extends Handler>(f: unknown) => f as ReturnType<typeof vi.fn<T>>;
const lastArgs = (f: unknown, call = -1) => mock(f).mock.calls.at(call)!;

describe('Electron main process', () => {
  let win: InstanceType<typeof fake.FakeBrowserWindow>;

  beforeAll(async () => {
    process.env.CRUX_DB = path.join(tempDir(), 'library.sqlite');
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    await import('../../../src/main/index');
    await vi.waitFor(() => expect(fake.FakeBrowserWindow.instances).toHaveLength(1));
    win = fake.FakeBrowserWindow.instances[0]!;
  });
  afterAll(() => {
    delete process.env.CRUX_DB;
    delete process.env.ELECTRON_RENDERER_URL;
  });

  it('creates one locked-down window', () => {
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(prefs.preload).toMatch(/preload[\\/]index\.js$/);
  });

  it('loads the app from crux:// when packaged, never a dev server', () => {
    expect(win.loaded).toEqual(['crux://app/index.html']);
  });

  it('registers the app scheme before ready and keeps the library with the CLI', () => {
    expect(fake.calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(fake.calls.indexOf('whenReady'));
    const [schemes] = lastArgs(fake.electron.protocol.registerSchemesAsPrivileged) as [{ scheme: string }[]];
    expect(schemes.map((s) => s.scheme)).toEqual(['crux']);
    expect(lastArgs(fake.electron.app.setPath, 0)[0]).toBe('userData');
  });

  it('prevents every navigation and redirect', () => {
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const handlers = win.webContents.handlers.get(event) ?? [];
      expect(handlers.length, event).toBeGreaterThan(0);
      const preventDefault = vi.fn();
      for (const h of handlers) h({ preventDefault }, 'https://example.com/');
      expect(preventDefault, event).toHaveBeenCalled();
    }
  });

  it('denies new windows and opens only plain web links outside', () => {
    const open = win.webContents.windowOpenHandler!;
    const openExternal = mock(fake.electron.shell.openExternal);
    for (const url of ['https://example.com/a', 'http://example.org/']) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls.map((c) => c[0])).toEqual(['https://example.com/a', 'http://example.org/']);
    openExternal.mockClear();
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'crux://app/index.html',
      'https://user:pw@example.com/',
      'not a url',
    ]) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    const { session } = fake.electron;
    const request = lastArgs(session.defaultSession.setPermissionRequestHandler)[0] as Handler;
    const callback = vi.fn();
    request({}, 'media', callback);
    request({}, 'notifications', callback);
    expect(callback.mock.calls).toEqual([[false], [false]]);
    const check = lastArgs(session.defaultSession.setPermissionCheckHandler)[0] as Handler;
    expect(check({}, 'clipboard-read')).toBe(false);
    const device = lastArgs(session.defaultSession.setDevicePermissionHandler)[0] as Handler;
    expect(device({})).toBe(false);
  });

  it('serves crux:// from the renderer folder with the CSP header, and nothing outside it', async () => {
    const handler = lastArgs(fake.electron.protocol.handle) as [string, (r: Request) => Promise<Response>];
    expect(handler[0]).toBe('crux');
    const index = await handler[1](new Request('crux://app/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const url of [
      'crux://app/%2e%2e/%2e%2e/package.json',
      'crux://app/..%2f..%2fpackage.json',
      'crux://other/index.html',
    ]) {
      expect((await handler[1](new Request(url))).status, url).toBe(404);
    }
  });

  it('answers crux:call only from the top frame of its own window', async () => {
    const [channel, handle] = lastArgs(fake.electron.ipcMain.handle) as [string, Handler];
    expect(channel).toBe('crux:call');
    const contents = win.webContents;
    const trusted = { sender: contents, senderFrame: contents.mainFrame };
    await expect(handle(trusted, 'threads.list', {})).resolves.toEqual({ ok: true, value: [] });
    await expect(handle(trusted, 'nope', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-method' } });

    const subframe = { url: 'crux://app/index.html' };
    const cases = [
      { sender: {}, senderFrame: contents.mainFrame },
      { sender: contents, senderFrame: subframe },
      { sender: contents, senderFrame: null },
    ];
    for (const event of cases) expect(() => handle(event, 'threads.list', {})).toThrow(/untrusted/);
    contents.mainFrame.url = 'https://evil.example/';
    expect(() => handle(trusted, 'threads.list', {})).toThrow(/untrusted/);
    contents.mainFrame.url = 'crux://app/index.html';
  });

  it('imports from File > Import…, reports progress, and names each file that failed', async () => {
    const menu = lastArgs(fake.electron.Menu.setApplicationMenu)[0] as {
      label?: string;
      submenu?: { label?: string; accelerator?: string; click?: () => void }[];
    }[];
    const file = menu.find((m) => m.label === '&File')!;
    const item = file.submenu!.find((i) => i.label === 'Import Files…')!;
    expect(item.accelerator).toBe('CmdOrCtrl+O');
    expect(file.submenu!.find((i) => i.label === 'Import Folder…')?.accelerator).toBe('CmdOrCtrl+Shift+O');

    const good = path.join(FIXTURES, 'seed-thread.txt');
    const missing = path.join(tempDir(), 'missing.txt');
    mock(fake.electron.dialog.showOpenDialog).mockResolvedValueOnce({ canceled: false, filePaths: [good, missing] });
    item.click!();
    await vi.waitFor(() => expect(fake.electron.dialog.showMessageBox).toHaveBeenCalled());

    const events = (win.webContents.sent as { channel: string; payload: { type: string } }[]).map((s) => {
      expect(s.channel).toBe('crux:event');
      return s.payload.type;
    });
    expect(events[0]).toBe('import.started');
    expect(events).toContain('import.progress');
    expect(events.slice(-2)).toEqual(['import.finished', 'library.changed']);
    expect(win.progress.at(-1)).toBe(-1);
    expect(win.progress.slice(0, -1).every((p) => p >= 0 && p <= 1)).toBe(true);

    const [, box] = lastArgs(fake.electron.dialog.showMessageBox) as [unknown, { message: string; detail: string }];
    expect(box.message).toBe('Could not import missing.txt');
    expect(box.detail).toContain(`${missing}: no such file`);
    expect(box.detail).toContain('The other 1 file was imported.');
  });

  // Last in this block: it aborts the module's quit signal for good.
  it('quitting during an import cancels it and quits once it has rolled back', async () => {
    const item = (
      lastArgs(fake.electron.Menu.setApplicationMenu)[0] as {
        label?: string;
        submenu?: { label?: string; click?: () => void }[];
      }[]
    )
      .find((m) => m.label === '&File')!
      .submenu!.find((i) => i.label === 'Import Files…')!;
    let pick!: (value: unknown) => void;
    mock(fake.electron.dialog.showOpenDialog).mockReturnValueOnce(new Promise((resolve) => (pick = resolve)));
    item.click!();
    const beforeQuit = mock(fake.electron.app.on).mock.calls.find((c) => c[0] === 'before-quit')![1] as Handler;
    const quit = mock(fake.electron.app.quit);
    quit.mockClear();
    const preventDefault = vi.fn();
    beforeQuit({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    expect(quit).not.toHaveBeenCalled();
    pick({ canceled: false, filePaths: [path.join(FIXTURES, 'seed-thread.txt')] });
    await vi.waitFor(() => expect(quit).toHaveBeenCalled());
  });
});

describe('Electron main process in development', () => {
  it('loads the vite dev server and trusts only its origin', async () => {
    vi.resetModules();
    fake.FakeBrowserWindow.instances.length = 0;
    fake.electron.app.isPackaged = false;
    process.env.CRUX_DB = path.join(tempDir(), 'library.sqlite');
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    try {
      await import('../../../src/main/index');
      await vi.waitFor(() => expect(fake.FakeBrowserWindow.instances).toHaveLength(1));
      const win = fake.FakeBrowserWindow.instances[0]!;
      expect(win.loaded).toEqual(['http://localhost:5173']);
      expect((win.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
      const [, handle] = lastArgs(fake.electron.ipcMain.handle) as [string, Handler];
      const contents = win.webContents;
      contents.mainFrame.url = 'http://localhost:5173/';
      await expect(handle({ sender: contents, senderFrame: contents.mainFrame }, 'threads.list', {})).resolves.toEqual({
        ok: true,
        value: [],
      });
      contents.mainFrame.url = 'crux://app/index.html';
      expect(() => handle({ sender: contents, senderFrame: contents.mainFrame }, 'threads.list', {})).toThrow(
        /untrusted/,
      );
    } finally {
      fake.electron.app.isPackaged = true;
      delete process.env.CRUX_DB;
      delete process.env.ELECTRON_RENDERER_URL;
    }
  });
});
