import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRendererDir, parseServeArgs, serveCommand } from '../../../src/main/http/serve';
import { tempDir } from '../../helpers/library';

describe('crux serve', () => {
  it('parses its flags and refuses anything else', () => {
    expect(parseServeArgs([])).toEqual({ port: 0, help: false });
    expect(parseServeArgs(['--db', 'x.sqlite', '--port=8080'])).toEqual({ db: 'x.sqlite', port: 8080, help: false });
    expect(() => parseServeArgs(['--port', 'abc'])).toThrow(/--port must be a number/);
    expect(() => parseServeArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseServeArgs(['--db'])).toThrow(/--db needs a value/);
    expect(() => parseServeArgs(['--host', '0.0.0.0'])).toThrow(/unknown option "--host"/);
    expect(() => parseServeArgs(['--open'])).toThrow(/unknown option/);
  });

  it('finds out/renderer from the source tree and from the bundle', () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'out', 'renderer'), { recursive: true });
    fs.mkdirSync(path.join(root, 'src', 'main', 'http'), { recursive: true });
    fs.mkdirSync(path.join(root, 'out', 'main'), { recursive: true });
    fs.writeFileSync(path.join(root, 'out', 'renderer', 'index.html'), '');
    const real = fs.realpathSync(path.join(root, 'out', 'renderer'));
    expect(fs.realpathSync(findRendererDir(path.join(root, 'src', 'main', 'http'))!)).toBe(real);
    expect(fs.realpathSync(findRendererDir(path.join(root, 'out', 'main'))!)).toBe(real);
  });

  it('prints the page URL with its token, serves until stopped, then closes', async () => {
    const dir = tempDir();
    const renderer = path.join(dir, 'renderer');
    fs.mkdirSync(renderer);
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
    const out: string[] = [];
    const err: string[] = [];
    let stop!: () => void;
    const untilStopped = new Promise<void>((resolve) => (stop = resolve));
    const running = serveCommand(['--db', path.join(dir, 'lib.sqlite'), '--renderer', renderer], {
      stdout: (l) => out.push(l),
      stderr: (l) => err.push(l),
      untilStopped,
    });
    await expect.poll(() => out.length).toBe(1);
    const url = new URL(out[0]!);
    expect(url.hostname).toBe('127.0.0.1');
    const token = /^#token=([A-Za-z0-9_-]+)$/.exec(url.hash)?.[1];
    expect(token).toBeDefined();
    expect(err.join('\n')).toMatch(/Ctrl\+C/);
    const res = await fetch(new URL('/api/call', url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'threads.list', args: {} }),
    });
    expect(await res.json()).toEqual({ ok: true, value: [] });
    stop();
    expect(await running).toBe(0);
    await expect(fetch(new URL('/', url))).rejects.toThrow();
  });

  it('says what to do when the app is not built, without creating a library', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'lib.sqlite');
    await expect(
      serveCommand(['--db', db, '--renderer', path.join(dir, 'nothing')], { stdout: () => {}, stderr: () => {} }),
    ).rejects.toThrow(/npm run build/);
    expect(fs.existsSync(db)).toBe(false);
  });
});
