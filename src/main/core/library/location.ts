import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Crux';
export const LIBRARY_FILE_NAME = 'library.sqlite';

/** The OS app-data folder Electron calls `userData` for an app named Crux. */
export function appDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32')
    return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_NAME);
}

/** `--db PATH` wins, then `CRUX_DB`, then the app-data folder. */
export function resolveLibraryPath(dbFlag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (dbFlag) return path.resolve(dbFlag);
  if (env.CRUX_DB) return path.resolve(env.CRUX_DB);
  return path.join(appDataDir(process.platform, env), LIBRARY_FILE_NAME);
}
