// Launches the built app in real Electron when this machine has an Electron binary; otherwise
// says so and skips. Never triggers Electron's lazy download: the binary must already be there.
// Code inside evaluate() callbacks runs in the page, not in Node.
/* global window */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

const SKIP = 'skipped: Electron launch test — no Electron binary on this machine (set ELECTRON_OVERRIDE_DIST_PATH)';

export function electronBinaryAvailable(root) {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return fs.existsSync(override);
  return fs.existsSync(path.join(root, 'node_modules', 'electron', 'path.txt'));
}

/** Returns 'skipped' or 'ran'; failures are reported through `check`. */
export async function runElectronLaunchTest({ root, check }) {
  if (!electronBinaryAvailable(root)) {
    console.log(SKIP);
    return 'skipped';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log('skipped: Electron launch test — no display (run the tests under xvfb-run -a)');
    return 'skipped';
  }
  const { _electron } = await import('playwright-core');
  const { seedLibrary } = await tsImport('./harness.ts', import.meta.url);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-electron-'));
  const dbFile = path.join(dir, 'library.sqlite');
  seedLibrary(dbFile).library.close();

  await check('Electron: the packaged window opens the library through IPC, locked down', async () => {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const app = await _electron.launch({
      cwd: root,
      args: ['.', ...(isRoot ? ['--no-sandbox'] : [])],
      env: { ...process.env, CRUX_DB: dbFile, ELECTRON_RENDERER_URL: '' },
      timeout: 30_000,
    });
    try {
      const win = await app.firstWindow();
      await win.getByRole('option', { name: /Should cities ban cars downtown\?/ }).waitFor({ timeout: 15_000 });
      const url = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].webContents.getURL());
      if (url !== 'crux://app/index.html') throw new Error(`window shows ${url}`);
      const exposure = await win.evaluate(() => ({
        bridge: typeof window.crux?.call === 'function' && typeof window.crux?.onEvent === 'function',
        require: typeof window.require,
        process: typeof window.process,
        opened: window.open('https://example.com/') === null,
      }));
      const expected = { bridge: true, require: 'undefined', process: 'undefined', opened: true };
      if (JSON.stringify(exposure) !== JSON.stringify(expected)) {
        throw new Error(`renderer exposure ${JSON.stringify(exposure)}`);
      }
      await win.getByRole('option', { name: /Should cities ban cars downtown\?/ }).click();
      await win.locator('blockquote.quote').first().waitFor();
    } finally {
      await app.close();
    }
  });
  return 'ran';
}
