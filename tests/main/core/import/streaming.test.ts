// A large file streams through the import: progress as it goes, a cancel that leaves the library as it
// was, and nothing of the file kept once the import is done. Sized for CI (~20 MB); bench/import.ts
// measures the same at 300 MB.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../../src/shared/model/library';
import { CruxError } from '../../../../src/main/core/errors';
import { importFile } from '../../../../src/main/core/import/import-file';
import { CHUNK_BYTES, inspectSource } from '../../../../src/main/core/import/source-file';
import type { Stores } from '../../../../src/main/core/store';
import { FIXTURES, libraryChecksum, tempDir, tempLibrary } from '../../../helpers/library';
import { seededRandom } from '../../../helpers/random';

const TARGET_BYTES = 20 * 1024 * 1024;

/**
 * One paragraph per line, each three lines of the seed thread behind a numbered reply header. The
 * header makes every line, and the six words a passage is anchored by, unique: quote detection then
 * stores each line as a passage (so the count is exact) and has no candidate to verify. Quotation
 * marks and parentheses are dropped, or the seed's quoted phrases, repeated on a thousand lines,
 * would turn this into a quote-detection benchmark.
 */
function writeLargeThread(file: string): { lines: number; bytes: number } {
  const seed = fs
    .readFileSync(path.join(FIXTURES, 'seed-thread.txt'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/["\u201c\u201d()]/g, '').trim())
    .filter((l) => l !== '');
  const pick = seededRandom(7);
  const out: string[] = [];
  let bytes = 0;
  for (let i = 1; bytes < TARGET_BYTES; i++) {
    const [a, b, c] = [0, 1, 2].map(() => seed[Math.floor(pick() * seed.length)]!);
    const line = `Reply ${i} to post ${i + 1_000_000}: ${a} ${b} ${c}`;
    out.push(line);
    bytes += Buffer.byteLength(line) + 1;
  }
  fs.writeFileSync(file, out.join('\n') + '\n');
  return { lines: out.length, bytes };
}

interface TableState {
  counts: Record<string, number>;
  passages: string;
  everything: string;
}

function tableState(stores: Stores): TableState {
  const counts: Record<string, number> = {};
  for (const table of ['threads', 'posts', 'passages', 'links', 'imports']) {
    counts[table] = (stores.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  const hash = createHash('sha256');
  for (const row of stores.db
    .prepare('SELECT id, thread_id, post_id, position, text FROM passages ORDER BY id')
    .iterate()) {
    hash.update(JSON.stringify(row));
  }
  return { counts, passages: hash.digest('hex'), everything: libraryChecksum(stores.db) };
}

/** A collector, so that what the import leaves behind can be told from garbage not yet collected. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

let dir: string;
let file: string;
let expected: { lines: number; bytes: number };

beforeAll(() => {
  dir = tempDir('crux-streaming-');
  file = path.join(dir, 'large-thread.txt');
  expected = writeLargeThread(file);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a large file', () => {
  it('is inspected by its opening and hashed whole, read in chunks', async () => {
    const source = await inspectSource(file);
    const bytes = fs.readFileSync(file);
    expect(source.head.length).toBeGreaterThan(1000);
    expect(bytes.toString('utf8').startsWith(source.head.slice(0, -1))).toBe(true);
    expect(source.contentHash).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('imports chunk by chunk, reporting progress up to its size, and keeps nothing of it afterwards', async () => {
    const { stores, dir: libraryDir } = tempLibrary();
    const gc = collector();
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const progress: ImportProgress[] = [];
    const summary = await importFile(stores, file, { onProgress: (p) => progress.push({ ...p }) });

    expect(summary.passages).toBe(expected.lines);
    expect(summary.newPassages).toBe(expected.lines);
    expect(tableState(stores).counts.passages).toBe(expected.lines);

    // Streamed: one report per chunk read, never more than a chunk apart.
    expect(progress.length).toBeGreaterThanOrEqual(Math.ceil(expected.bytes / CHUNK_BYTES));
    let previous = { bytesDone: 0, passagesDone: 0 };
    for (const p of progress) {
      expect(p.bytesTotal).toBe(expected.bytes);
      expect(p.bytesDone).toBeGreaterThanOrEqual(previous.bytesDone);
      expect(p.bytesDone - previous.bytesDone).toBeLessThanOrEqual(CHUNK_BYTES);
      expect(p.passagesDone).toBeGreaterThanOrEqual(previous.passagesDone);
      previous = p;
    }
    expect(progress.at(-1)!.bytesDone).toBe(expected.bytes);
    expect(progress.at(-1)!.passagesDone).toBeGreaterThan(expected.lines * 0.9);
    expect(progress.at(-1)!.passagesDone).toBeLessThanOrEqual(expected.lines);

    // Whatever the import held (texts, fingerprint tables) goes with it: a leak of even a quarter of
    // the file would show here.
    gc();
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(expected.bytes / 4);
    stores.db.close();
    fs.rmSync(libraryDir, { recursive: true, force: true });
    // ~10 s on a 2-core machine; the margin is for a busy CI.
  }, 90_000);

  it('cancelled after its first chunk, leaves every table exactly as it was', async () => {
    const { stores, dir: libraryDir } = tempLibrary();
    await importFile(stores, path.join(FIXTURES, 'seed-thread.txt'));
    const before = tableState(stores);
    expect(before.counts.passages).toBeGreaterThan(0);

    const controller = new AbortController();
    const progress: ImportProgress[] = [];
    const importing = importFile(stores, file, {
      signal: controller.signal,
      onProgress: (p) => {
        progress.push({ ...p });
        controller.abort();
      },
    });
    await expect(importing).rejects.toBeInstanceOf(CruxError);
    await expect(importing).rejects.toMatchObject({ code: 'cancelled' });

    // The first chunk had been written inside the transaction before the cancel took effect.
    expect(progress).toHaveLength(1);
    expect(progress[0]!.bytesDone).toBeLessThan(expected.bytes);
    expect(progress[0]!.passagesDone).toBeGreaterThan(0);
    expect(tableState(stores)).toEqual(before);
    expect(stores.db.inTransaction).toBe(false);

    // The connection is left usable.
    const head = path.join(dir, 'head.txt');
    fs.writeFileSync(head, fs.readFileSync(file, 'utf8').split('\n').slice(0, 50).join('\n'));
    expect((await importFile(stores, head)).newPassages).toBe(50);
    stores.db.close();
    fs.rmSync(libraryDir, { recursive: true, force: true });
  }, 60_000);
});
