// File > Import…: pick files, import them one by one with progress in the window and on its
// taskbar entry, then say plainly which files failed and why.
import path from 'node:path';
import { dialog, type BrowserWindow } from 'electron';
import type { CruxEvent } from '../shared/api/events';
import { runImportJob } from './core/api/import-job';
import type { Library } from './core/library/library';

/** Progress events are throttled: a large file reports far more often than a window can repaint. */
const PROGRESS_INTERVAL_MS = 100;

export interface ImportActionDeps {
  library: Library;
  window: () => BrowserWindow | undefined;
  send: (event: CruxEvent) => void;
  signal?: AbortSignal;
}

/** Exports are recognised by their content, so these only narrow the picker; "All files" is always there. */
const THREAD_EXTENSIONS = ['txt', 'text', 'md', 'markdown', 'json', 'html', 'htm', 'xml', 'rss', 'mbox', 'eml', 'zip'];

export async function importViaDialog(deps: ImportActionDeps, pick: 'files' | 'folder'): Promise<void> {
  const win = deps.window();
  // Linux and Windows pickers cannot offer files and folders at once, hence two menu items.
  const options: Electron.OpenDialogOptions =
    pick === 'folder'
      ? {
          title: 'Import every thread in a folder',
          buttonLabel: 'Import',
          properties: ['openDirectory', 'multiSelections'],
        }
      : {
          title: 'Import threads',
          buttonLabel: 'Import',
          properties: ['openFile', 'multiSelections'],
          filters: [
            { name: 'Threads and forum exports', extensions: THREAD_EXTENSIONS },
            { name: 'All files', extensions: ['*'] },
          ],
        };
  const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  if (picked.canceled || picked.filePaths.length === 0) return;
  await importPaths(deps, picked.filePaths);
}

export async function importPaths(deps: ImportActionDeps, files: string[]): Promise<void> {
  deps.send({ type: 'import.started', files });
  let lastSent = 0;
  const result = await runImportJob(deps.library, files, {
    ...(deps.signal ? { signal: deps.signal } : {}),
    logError: (file, e) => console.error(`crux: importing ${file} failed:`, e),
    onProgress: (event) => {
      const now = Date.now();
      const fileDone = event.bytesTotal > 0 && event.bytesDone >= event.bytesTotal;
      if (now - lastSent < PROGRESS_INTERVAL_MS && !fileDone) return;
      lastSent = now;
      deps.window()?.setProgressBar(event.fraction);
      deps.send(event);
    },
  });
  deps.window()?.setProgressBar(-1);
  deps.send({ type: 'import.finished', imported: result.imported, failed: result.failed });
  if (result.imported.length > 0) deps.send({ type: 'library.changed' });

  // Quitting cancelled the import: the app is going away, so no dialog to hold it up.
  if (result.failed.length > 0 && !deps.signal?.aborted) {
    const win = deps.window();
    const ok = result.imported.length;
    const options: Electron.MessageBoxOptions = {
      type: 'error',
      title: 'Import problems',
      message:
        result.failed.length === 1
          ? `Could not import ${path.basename(result.failed[0]!.file)}`
          : `Could not import ${result.failed.length} of ${files.length} files`,
      detail:
        result.failed.map(describeFailure).join('\n\n') +
        (ok > 0 ? `\n\nThe other ${ok} file${ok === 1 ? ' was' : 's were'} imported.` : ''),
      buttons: ['OK'],
    };
    if (win) await dialog.showMessageBox(win, options);
    else await dialog.showMessageBox(options);
  }
}

/** Core messages usually start with the file already; never print it twice. */
function describeFailure(f: { file: string; message: string }): string {
  return f.message.startsWith(f.file) ? f.message : `${f.file}: ${f.message}`;
}
