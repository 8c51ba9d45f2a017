import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFile } from '../../../../src/main/core/import/import-file';
import { importPaths } from '../../../../src/main/core/import/import-path';
import { detectionCounts, useDetectionWorker } from '../../../../src/main/core/quotes/detector';
import { FIXTURES, libraryChecksum, tempDir, tempLibrary, writeTemp } from '../../../helpers/library';

// Quote detection for text files runs on a worker thread; the import's thread stores what it decides.
// Whichever thread detects, the library must end up byte for byte the same.

const now = (): Date => new Date('2026-01-02T03:04:05.000Z');
const seed = fs.readFileSync(path.join(FIXTURES, 'seed-thread.txt'), 'utf8');
const seedLines = seed.split('\n');

afterEach(() => useDetectionWorker(true));

async function bothWays(files: string[], withLinks = true): Promise<void> {
  useDetectionWorker(false);
  const here = tempLibrary().stores;
  const inThread = await importPaths(here, files, { now });
  useDetectionWorker(true);
  const before = detectionCounts.worker;
  const there = tempLibrary().stores;
  const inWorker = await importPaths(there, files, { now });
  // Every file that got as far as being read went to the worker (a Windows-1252 file twice).
  expect(detectionCounts.worker - before).toBeGreaterThanOrEqual(files.filter((f) => fs.statSync(f).size > 0).length);
  expect(inWorker).toEqual(inThread);
  expect(inWorker.imported.some((s) => s.links > 0)).toBe(withLinks);
  expect(libraryChecksum(there.db)).toBe(libraryChecksum(here.db));
}

describe('quote detection on a worker thread', () => {
  it('stores exactly what detection in the import thread stores: text, Markdown, re-imports, odd text', async () => {
    const dir = tempDir();
    const md = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.md'));
    const files = [
      path.join(FIXTURES, 'seed-thread.txt'),
      ...md.map((f) => path.join(FIXTURES, f)),
      // A longer export of the same thread: only what is new is added, against the stored passages.
      writeTemp(dir, 'longer.txt', `${seed}\nA new closing paragraph, added after the first export was made.\n`),
      // Curly quotes, dashes, ellipses, odd spacing and Greek: link spans map back through normalisation.
      writeTemp(
        dir,
        'unicode.md',
        [
          '# ΣΟΦΙΑ and “quotes”',
          '',
          'ΟΔΥΣΣΕΥΣ said — in  so many   words… “that the whole thing was a trick of the light”, and left.',
          '',
          '> “that the whole thing was a trick of the light”',
          '',
          'İstanbul readers disagree: the light was real, and so was the trick that followed it.',
          '',
          '> ΟΔΥΣΣΕΥΣ said — in  so many   words…',
          '',
          'Quoting the start of a paragraph is a quotation too, and this answers it.',
        ].join('\n'),
      ),
      writeTemp(dir, 'short.txt', 'Just one line of text.'),
    ];
    await bothWays(files);
  });

  it('with many files read ahead, some failing, some the same thread again, the batch comes out the same', async () => {
    const dir = tempDir();
    // Long enough that the next file is read ahead while one is stored, and told its thread early.
    const thread = (t: number, rounds: number): string =>
      Array.from({ length: rounds }, (_, r) =>
        seedLines.map((l, i) => (i % 7 === 3 ? `${t}/${r}/${i - 2}: ${seedLines[i - 2]}` : `${t}/${r}/${i}: ${l}`)),
      )
        .flat()
        .join('\n');
    const files = Array.from({ length: 8 }, (_, t) =>
      // File 3 is empty; file 5 is a longer export of file 4's thread.
      writeTemp(dir, `t${t}.txt`, t === 3 ? '' : thread(t === 5 ? 4 : t, t === 5 ? 30 : 20)),
    );
    await bothWays(files);
  });

  it('a file read several files ahead waits for an earlier export of its thread, and comes out the same', async () => {
    const dir = tempDir();
    const thread = (t: number, rounds: number): string =>
      Array.from({ length: rounds }, (_, r) => seedLines.map((l, i) => `${t}/${r}/${i}: ${l}`))
        .flat()
        .join('\n');
    // Files 6 and 9 continue the threads of files 1 and 2, which are still queued when they are read.
    const threadOf = [0, 1, 2, 3, 4, 5, 1, 7, 8, 2];
    const files = threadOf.map((t, i) => writeTemp(dir, `f${i}.txt`, thread(t, i === 6 || i === 9 ? 12 : 6)));
    const before = detectionCounts.seededAhead;
    await bothWays(files);
    // The others were told their thread while read ahead.
    expect(detectionCounts.seededAhead - before).toBeGreaterThan(0);
  });

  it('reports the same refusal for a file with no text, and falls back to Windows-1252 the same way', async () => {
    const dir = tempDir();
    const blank = writeTemp(dir, 'blank.txt', '\n  \n\t\n');
    const { stores } = tempLibrary();
    await expect(importFile(stores, blank)).rejects.toMatchObject({ code: 'bad-input', message: /contains no text/ });
    const latin = writeTemp(
      dir,
      'latin.txt',
      Buffer.from('Caf\xe9 au lait, na\xefve r\xe9sum\xe9 of the whole debate.\n', 'latin1'),
    );
    await bothWays([latin], false);
  });
});
