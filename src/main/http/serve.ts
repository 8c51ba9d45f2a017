// `crux serve`: the HTTP door from a terminal. Prints the page URL (token in its fragment) and
// runs until interrupted.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CruxError } from '../core/errors';
import { Library } from '../core/library/library';
import { resolveLibraryPath } from '../core/library/location';
import { startHttpServer, type HttpServer } from './server';

export const SERVE_USAGE = `Usage: crux serve [--db PATH] [--port N] [--renderer DIR]

Serves the library to a browser on this machine (127.0.0.1 only) and prints the address to open.
The address carries a one-off access token; anyone without it is refused.

  --db PATH        library file (default: $CRUX_DB, else the app's data folder)
  --port N         port to listen on (default: any free port)
  --renderer DIR   built renderer folder (default: out/renderer of this checkout)
`;

export interface ServeArgs {
  db?: string;
  port: number;
  renderer?: string;
  help: boolean;
}

export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const out: ServeArgs = { port: 0, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new CruxError('bad-input', `${flag} needs a value\n\n${SERVE_USAGE}`);
      return v;
    };
    switch (flag) {
      case '--db':
        out.db = value();
        break;
      case '--port': {
        const v = value();
        const n = Number(v);
        if (!/^\d+$/.test(v) || n > 65535)
          throw new CruxError('bad-input', `--port must be a number from 0 to 65535, not "${v}"`);
        out.port = n;
        break;
      }
      case '--renderer':
        out.renderer = value();
        break;
      case '-h':
      case '--help':
        out.help = true;
        break;
      default:
        throw new CruxError('bad-input', `unknown option "${arg}" for serve\n\n${SERVE_USAGE}`);
    }
  }
  return out;
}

function moduleDir(): string {
  return typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
}

/** out/renderer of this checkout, found from wherever this module runs (src/ via tsx, or out/ bundled). */
export function findRendererDir(from: string = moduleDir()): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidates = [path.join(dir, 'out', 'renderer')];
    if (path.basename(dir) === 'out') candidates.push(path.join(dir, 'renderer'));
    const found = candidates.find((c) => fs.existsSync(path.join(c, 'index.html')));
    if (found) return found;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export interface ServeIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Where CRUX_DB is looked up; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Resolves when the server should stop; by default on SIGINT or SIGTERM. */
  untilStopped?: Promise<void>;
}

const defaultIo = (): ServeIo => ({
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
});

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Runs until interrupted; resolves with the exit code. Bad flags throw CruxError('bad-input'). */
export async function serveCommand(argv: string[], io: ServeIo = defaultIo()): Promise<number> {
  const args = parseServeArgs(argv);
  if (args.help) {
    io.stdout(SERVE_USAGE);
    return 0;
  }
  const rendererDir = args.renderer ? path.resolve(args.renderer) : findRendererDir();
  // Checked before the library is opened, so a mistake never creates or migrates a library file.
  if (!rendererDir || !fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new CruxError(
      'bad-input',
      rendererDir
        ? `no built app in ${rendererDir}: run "npm run build" first`
        : 'the app is not built yet: run "npm run build" first',
    );
  }
  const file = resolveLibraryPath(args.db, io.env ?? process.env);
  const library = Library.open(file);
  let server: HttpServer;
  try {
    server = await startHttpServer({ library, rendererDir, port: args.port });
  } catch (e) {
    library.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new CruxError('bad-input', `port ${args.port} is already in use; pick another with --port or leave it out`);
    }
    throw e;
  }
  // The URL alone on stdout, so a script can read it; the explanation goes to stderr.
  io.stdout(server.pageUrl);
  io.stderr(`Crux is serving ${file} on this machine only.`);
  io.stderr('Open the address above in a browser; it carries the access token. Press Ctrl+C to stop.');
  await (io.untilStopped ?? untilSignal());
  await server.close();
  library.close();
  return 0;
}
