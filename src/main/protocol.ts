// The packaged window loads crux://app/… rather than file://: a file:// page may read other local
// files and gets no response headers, whereas this handler serves only out/renderer and attaches
// the same CSP header as the HTTP door.
import fs from 'node:fs/promises';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from './http/csp';
import { contentTypeFor, resolveStaticFile } from './http/static-files';

export const APP_SCHEME = 'crux';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: relative URLs and a real origin; secure: a secure context; fetch/CORS: module scripts load.
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

/** Answers one crux:// request from the renderer folder; exported for tests. */
export async function serveAppRequest(rendererDir: string, request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) {
    return new Response('not found', { status: 404, headers: SECURITY_HEADERS });
  }
  const file = resolveStaticFile(rendererDir, url.pathname);
  if (!file) return new Response('not found', { status: 404, headers: SECURITY_HEADERS });
  const body = await fs.readFile(file);
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(file) },
  });
}

export function handleAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
}
