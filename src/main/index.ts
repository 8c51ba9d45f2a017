// Electron main: one window onto one library. Everything the window can do goes through the
// contract's dispatch; this file only wires the app's lifecycle, window, menu and IPC together.
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu } from 'electron';
import type { CruxEvent } from '../shared/api/events';
import { createServiceTable } from './core/api/service-table';
import { isCruxError } from './core/errors';
import { Library } from './core/library/library';
import { appDataDir, resolveLibraryPath } from './core/library/location';
import { importViaDialog } from './import-action';
import { EVENT_CHANNEL, registerApiHandler } from './ipc';
import { buildAppMenu } from './menu';
import { APP_INDEX_URL, APP_ORIGIN, handleAppScheme, registerAppScheme } from './protocol';
import { createMainWindow, hardenSession } from './window';

// electron-vite sets this only for `electron-vite dev`.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

// The CLI and `crux serve` find the library in the same folder without Electron to ask.
app.setPath('userData', appDataDir());
registerAppScheme();

let mainWindow: BrowserWindow | undefined;
let library: Library | undefined;
const quitting = new AbortController();
/** The import in progress: quitting waits for it to roll back rather than closing the library under it. */
let running: Promise<void> | undefined;

function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    if (devServerUrl) return u.origin === new URL(devServerUrl).origin;
    // Node gives non-special schemes an opaque origin, so compare the parts.
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

function send(event: CruxEvent): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, event);
}

function openWindow(): void {
  mainWindow = createMainWindow({
    preload: path.join(__dirname, '../preload/index.js'),
    url: devServerUrl ?? APP_INDEX_URL,
  });
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
}

async function start(): Promise<void> {
  const file = resolveLibraryPath(undefined);
  try {
    library = Library.open(file);
  } catch (e) {
    dialog.showErrorBox(
      'Crux cannot open its library',
      `${file}\n\n${isCruxError(e) ? e.message : String(e)}\n\nSet CRUX_DB to use another library file.`,
    );
    app.exit(1);
    return;
  }
  const lib = library;
  hardenSession();
  handleAppScheme(path.join(__dirname, '../renderer'));
  registerApiHandler(createServiceTable(lib), () => ({ contents: mainWindow?.webContents, isAppUrl }));
  const runImport = (pick: 'files' | 'folder'): void => {
    if (running) {
      void dialog.showMessageBox({ type: 'info', message: 'An import is already running.', buttons: ['OK'] });
      return;
    }
    running = importViaDialog({ library: lib, window: () => mainWindow, send, signal: quitting.signal }, pick)
      .catch((e: unknown) => {
        console.error('crux: import failed:', e);
        dialog.showErrorBox('Import failed', isCruxError(e) ? e.message : 'An unexpected problem stopped the import.');
      })
      .finally(() => {
        running = undefined;
      });
  };
  Menu.setApplicationMenu(
    buildAppMenu({
      importFiles: () => runImport('files'),
      importFolder: () => runImport('folder'),
      dev: !app.isPackaged,
    }),
  );
  openWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (library && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('before-quit', (event) => {
    quitting.abort();
    if (!running) return;
    event.preventDefault();
    void running.then(() => app.quit());
  });
  app.on('will-quit', () => library?.close());
  app.whenReady().then(start, (e: unknown) => console.error('crux: startup failed:', e));
}
