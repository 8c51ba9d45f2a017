import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/main/cli/main';
import { FIXTURES, tempDir, writeTemp } from '../../helpers/library';

const ROOT = path.join(__dirname, '..', '..', '..');
const SEED = path.join(FIXTURES, 'seed-thread.txt');

async function crux(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env,
  });
  return { code, stdout, stderr };
}

function freshDb(): string {
  return path.join(tempDir(), 'library.sqlite');
}

describe('crux CLI', () => {
  it('imports, lists and shows a thread with the documented JSON shapes', async () => {
    const db = freshDb();
    const imported = await crux(['import', SEED, '--db', db, '--json']);
    expect(imported.code).toBe(0);
    const {
      imported: [summary],
    } = JSON.parse(imported.stdout);
    expect(summary).toMatchObject({
      threadId: 1,
      title: 'seed-thread',
      format: 'text',
      posts: 1,
      passages: 58,
      newPassages: 58,
      links: 10,
    });

    const threads = JSON.parse((await crux(['threads', '--db', db, '--json'])).stdout);
    expect(threads).toEqual([
      {
        id: 1,
        title: 'seed-thread',
        format: 'text',
        posts: 1,
        passages: 58,
        importedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);

    const shown = JSON.parse((await crux(['show', '1', '--db', db, '--json'])).stdout);
    expect(Object.keys(shown.thread)).toEqual(['id', 'title', 'format', 'source', 'url']);
    const post = shown.posts[0];
    expect(Object.keys(post)).toEqual([
      'id',
      'author',
      'postedAt',
      'parentId',
      'permalink',
      'deleted',
      'missingReplies',
      'passages',
    ]);
    const answering = post.passages.find((p: { respondsTo: unknown[] }) => p.respondsTo.length > 0);
    expect(Object.keys(answering.respondsTo[0])).toEqual(['passageId', 'start', 'end', 'kind']);
  });

  it('shows a thread as a conversation with the quoted words as > lines above the answer', async () => {
    const db = freshDb();
    await crux(['import', SEED, '--db', db]);
    const { stdout, code } = await crux(['show', '1', '--db', db]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      '> As I see it: in training, it was optimized for that. The trained model likely contains one or more optimizers optimized by that training. But what the model is trained/optimized to do, is actually answer the questions.  [#5]\n[#11] The model’s “training/optimization”',
    );
  });

  it('uses CRUX_DB when --db is not given', async () => {
    const db = freshDb();
    expect((await crux(['import', SEED], { CRUX_DB: db })).code).toBe(0);
    expect(fs.existsSync(db)).toBe(true);
  });

  it('fails with one clear line and exit code 2 on bad input, leaving the library unchanged', async () => {
    const db = freshDb();
    await crux(['import', SEED, '--db', db]);
    const dir = tempDir();
    const cases: [string, RegExp][] = [
      [path.join(dir, 'missing.txt'), /missing\.txt: no such file/],
      [tempDir(), /the folder holds no files to import/],
      [writeTemp(dir, 'empty.txt', ''), /empty\.txt: is empty/],
      [
        writeTemp(dir, 'blob.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0])),
        /blob\.bin: looks like a binary file/,
      ],
    ];
    for (const [file, message] of cases) {
      const r = await crux(['import', file, '--db', db]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    const threads = JSON.parse((await crux(['threads', '--db', db, '--json'])).stdout);
    expect(threads).toHaveLength(1);
    expect(threads[0].passages).toBe(58);
  });

  it('rejects unknown commands, options and thread ids with exit code 2', async () => {
    const db = freshDb();
    expect((await crux(['frobnicate'])).code).toBe(2);
    expect((await crux(['import', SEED, '--bogus', '--db', db])).code).toBe(2);
    expect((await crux(['import', SEED, '--format', 'pdf', '--db', db])).stderr).toMatch(/--format must be/);
    const missing = await crux(['show', '99', '--db', db]);
    expect(missing).toMatchObject({ code: 2, stderr: 'crux: no thread with id 99 in this library\n' });
    expect((await crux(['show', 'abc', '--db', db])).code).toBe(2);
  });

  it('has --help for every command', async () => {
    const top = await crux(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['import', 'threads', 'show', 'search', 'serve']) {
      expect(top.stdout).toContain(`  ${command}`);
      const help = await crux([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`crux ${command}`));
    }
  });

  it('runs as `npm run --silent cli` with only the command output on stdout', async () => {
    const db = freshDb();
    const { stdout } = await promisify(execFile)(
      'npm',
      ['run', '--silent', 'cli', '--', 'import', SEED, '--db', db, '--json'],
      {
        cwd: ROOT,
      },
    );
    expect(JSON.parse(stdout).imported[0].passages).toBe(58);
  });
});
