// The HTTP door: the same API as the Electron window, for a browser on this machine and for the
// end-to-end tests. Plain node:http, never Electron.
//
// Who may call it: only someone holding the per-run token, which is printed once (in the URL
// fragment, so it never reaches a server log or a Referer) and sent back as a Bearer header. The
// page itself is public, but it is useless without the token. Host and Origin checks stop a web
// page from reaching the server through DNS rebinding or a cross-site request.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiResult } from '../../shared/api/result';
import { dispatch } from '../core/api/dispatch';
import { createServiceTable } from '../core/api/service-table';
import { CruxError } from '../core/errors';
import type { Library } from '../core/library/library';
import { SECURITY_HEADERS } from './csp';
import { contentTypeFor, resolveStaticFile } from './static-files';

export const API_PATH = '/api/call';
/** Generous for `import.files` with many long paths, small enough that nobody can fill memory. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1']);

export interface HttpServerOptions {
  library: Library;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** A loopback address: 127.0.0.1 (the default) or ::1. Anything else is refused. */
  host?: string;
  maxBodyBytes?: number;
  logError?: (method: string, error: unknown) => void;
}

export interface HttpServer {
  /** Base URL, e.g. http://127.0.0.1:43117/ */
  url: string;
  /** The page URL with the token in its fragment: what to print for the user to open. */
  pageUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new CruxError('bad-input', `the HTTP door only listens on this machine (127.0.0.1 or ::1), not on ${host}`);
  }
  const rendererDir = options.rendererDir;
  if (!fs.existsSync(`${rendererDir}/index.html`)) {
    throw new CruxError('bad-input', `no built renderer in ${rendererDir} (run "npm run build" first)`);
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const token = crypto.randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const table = createServiceTable(options.library);
  const dispatchOptions = options.logError ? { logError: options.logError } : {};

  // Filled in once listening: the Host/Origin allow-lists depend on the port.
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  const hasToken = (req: http.IncomingMessage): boolean => {
    const m = /^Bearer ([A-Za-z0-9_-]+)$/.exec(req.headers.authorization ?? '');
    if (!m) return false;
    const given = Buffer.from(m[1]!);
    return given.length === tokenBytes.length && crypto.timingSafeEqual(given, tokenBytes);
  };

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> => {
    if (!hasToken(req)) {
      throw new HttpFailure(401, 'missing or wrong access token', { 'WWW-Authenticate': 'Bearer' });
    }
    // A page on another site cannot send this header pair without a CORS preflight, which we never answer.
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw new HttpFailure(403, 'cross-site API calls are refused');
    }
    if (path !== API_PATH) throw new HttpFailure(404, 'no such API endpoint');
    if (req.method !== 'POST') throw new HttpFailure(405, 'use POST', { Allow: 'POST' });
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') throw new HttpFailure(415, 'send application/json');

    const body = await readBody(req, maxBodyBytes);
    let call: unknown;
    try {
      call = JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, badRequest('the request body is not valid JSON'));
    }
    if (typeof call !== 'object' || call === null || Array.isArray(call)) {
      return sendJson(res, 400, badRequest('send an object: {"method": "...", "args": {...}}'));
    }
    const { method, args } = call as { method?: unknown; args?: unknown };
    sendJson(res, 200, await dispatch(table, method, args, dispatchOptions));
  };

  const handleStatic = (req: http.IncomingMessage, res: http.ServerResponse, path: string): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new HttpFailure(405, 'only GET and HEAD here', { Allow: 'GET, HEAD' });
    }
    const file = resolveStaticFile(rendererDir, path);
    if (!file) throw new HttpFailure(404, 'not found');
    const data = fs.readFileSync(file);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeFor(file),
      'Content-Length': String(data.length),
      'Cache-Control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : data);
  };

  const server = http.createServer((req, res) => {
    const handle = async (): Promise<void> => {
      if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
        throw new HttpFailure(403, 'unexpected Host header');
      }
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins.has(origin.toLowerCase())) {
        throw new HttpFailure(403, 'unexpected Origin header');
      }
      const rawUrl = req.url ?? '/';
      // Not `new URL(...)`: a request line like `//other/x` would be read as another host.
      if (!rawUrl.startsWith('/')) throw new HttpFailure(400, 'bad request target');
      const path = rawUrl.split(/[?#]/, 1)[0]!;
      if (path === '/api' || path.startsWith('/api/')) await handleApi(req, res, path);
      else handleStatic(req, res, path);
    };
    handle().catch((e: unknown) => {
      if (e instanceof HttpFailure) return sendText(res, e.status, e.message, e.headers);
      if (options.logError) options.logError('http', e);
      else console.error('crux: HTTP request failed:', e);
      sendText(res, 500, 'internal error');
    });
  });
  // Slow-loris protection; responses (a long import) may still take as long as they need.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  allowedHosts = new Set([`${hostInUrl}:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  const url = `http://${hostInUrl}:${port}/`;

  return {
    url,
    pageUrl: `${url}#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function badRequest(message: string): ApiResult<never> {
  return { ok: false, error: { code: 'bad-args', message } };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(data.length),
    'Cache-Control': 'no-store',
  });
  res.end(data);
}

function sendText(
  res: http.ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const data = Buffer.from(`${message}\n`);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(data.length),
    'Cache-Control': 'no-store',
    // The request body may be unread (refused before reading): do not reuse the connection.
    Connection: 'close',
  });
  res.end(data);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(new HttpFailure(413, `request body over ${limit} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.pause();
        reject(new HttpFailure(413, `request body over ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!done) reject(e);
      done = true;
    });
  });
}
