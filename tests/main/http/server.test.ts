import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/http/csp';
import { startHttpServer, type HttpServer } from '../../../src/main/http/server';
import { tempDir } from '../../helpers/library';
import { seedLibrary, type SeededLibrary } from '../../helpers/seed-library';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw node:http, because fetch would normalise the very paths and headers under test. */
function request(
  server: HttpServer,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: options.headers ?? {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('HTTP door', () => {
  let dir: string;
  let rendererDir: string;
  let seeded: SeededLibrary;
  let server: HttpServer;
  let auth: Record<string, string>;

  const call = (body: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
    request(server, {
      method: 'POST',
      path: '/api/call',
      headers: { ...auth, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    dir = tempDir();
    rendererDir = path.join(dir, 'renderer');
    fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Crux</title>');
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.css'), 'body{}');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'SECRET');
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(rendererDir, 'link.txt'));
    seeded = seedLibrary(path.join(dir, 'library.sqlite'));
    server = await startHttpServer({ library: seeded.library, rendererDir, maxBodyBytes: 64 * 1024 });
    auth = { Authorization: `Bearer ${server.token}`, Host: `127.0.0.1:${server.port}` };
  });

  afterAll(async () => {
    await server.close();
    seeded.library.close();
  });

  it('listens on 127.0.0.1 at a random port with a long random token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(server.pageUrl).toBe(`${server.url}#token=${server.token}`);
  });

  it('refuses to listen on anything but loopback', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.2', 'example.com']) {
      await expect(startHttpServer({ library: seeded.library, rendererDir, host })).rejects.toThrow(/this machine/);
    }
  });

  it('serves the renderer with content types and the CSP, and never the token', async () => {
    const index = await request(server, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.body).not.toContain(server.token);
    const js = await request(server, { path: '/assets/app.js?v=1' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect((await request(server, { path: '/assets/app.css' })).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    const head = await request(server, { method: 'HEAD', path: '/index.html' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await request(server, { path: '/nope.js' })).status).toBe(404);
    expect((await request(server, { path: '/assets' })).status).toBe(404);
    expect((await request(server, { method: 'POST', path: '/' })).status).toBe(405);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/assets\\..\\..\\secret.txt',
      '/%00index.html',
      '/link.txt',
      '//etc/passwd',
      '/%E0%A4%A',
    ]) {
      const r = await request(server, { path: p });
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.body, p).not.toContain('SECRET');
    }
    const absolute = await request(server, { path: 'http://127.0.0.1/../secret.txt' });
    expect(absolute.status).toBe(400);
  });

  it('answers API calls only with the token', async () => {
    const none = await request(server, {
      method: 'POST',
      path: '/api/call',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'threads.list', args: {} }),
    });
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.body).not.toContain('Alice');
    const wrong = await call({ method: 'threads.list', args: {} }, { Authorization: `Bearer ${'A'.repeat(43)}` });
    expect(wrong.status).toBe(401);
    const basic = await call({ method: 'threads.list', args: {} }, { Authorization: `Basic ${server.token}` });
    expect(basic.status).toBe(401);
    // The token must not be accepted from the query string or a cookie either.
    const inQuery = await request(server, {
      method: 'POST',
      path: `/api/call?token=${server.token}`,
      headers: { 'Content-Type': 'application/json', Cookie: `token=${server.token}` },
      body: '{}',
    });
    expect(inQuery.status).toBe(401);

    const ok = await call({ method: 'threads.list', args: {} });
    expect(ok.status).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(ok.body);
    expect(body).toMatchObject({
      ok: true,
      value: [{ id: seeded.threadId, title: 'Should cities ban cars downtown?' }],
    });
  });

  it('goes through dispatch: unknown methods, bad args and core errors come back as ApiResults', async () => {
    expect(JSON.parse((await call({ method: 'fs.read', args: {} })).body)).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    expect(JSON.parse((await call({ method: 'threads.show', args: { threadId: -1 } })).body)).toMatchObject({
      ok: false,
      error: { code: 'bad-args' },
    });
    expect(JSON.parse((await call({ method: 'threads.show', args: { threadId: 404 } })).body)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    const view = JSON.parse((await call({ method: 'threads.show', args: { threadId: seeded.threadId } })).body);
    expect(view.ok).toBe(true);
    expect(view.value.posts).toHaveLength(4);
  });

  it('refuses wrong Host and Origin headers (DNS rebinding, cross-site pages)', async () => {
    const body = { method: 'threads.list', args: {} };
    expect((await call(body, { Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await call(body, { Host: `127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await request(server, { path: '/', headers: { Host: 'attacker.test' } })).status).toBe(403);
    expect((await call(body, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await call(body, { Origin: 'null' })).status).toBe(403);
    expect((await call(body, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await call(body, { Origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
    expect(
      (await call(body, { Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` })).status,
    ).toBe(200);
  });

  it('insists on POST, JSON and a bounded body', async () => {
    expect((await request(server, { path: '/api/call', headers: auth })).status).toBe(405);
    expect((await request(server, { method: 'POST', path: '/api/other', headers: auth })).status).toBe(404);
    const form = await request(server, {
      method: 'POST',
      path: '/api/call',
      headers: { ...auth, 'Content-Type': 'text/plain' },
      body: JSON.stringify({ method: 'threads.list', args: {} }),
    });
    expect(form.status).toBe(415);
    // Valid JSON, but not a call object.
    const notCall = await call(['threads.list']);
    expect(notCall.status).toBe(400);
    expect(JSON.parse(notCall.body)).toMatchObject({ ok: false, error: { code: 'bad-args' } });
    const notJson = await request(server, {
      method: 'POST',
      path: '/api/call',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: '{"method": ',
    });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'bad-args' } });
    const huge = await call({ method: 'search.query', args: { query: 'x'.repeat(100 * 1024) } });
    expect(huge.status).toBe(413);
    // Still serving afterwards.
    expect((await call({ method: 'threads.list', args: {} })).status).toBe(200);
  });

  it('stops listening on close', async () => {
    const other = await startHttpServer({ library: seeded.library, rendererDir });
    await other.close();
    await expect(request(other, { path: '/' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
