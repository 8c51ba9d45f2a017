import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importPaths } from '../../../../src/main/core/import/import-path';
import type { Stores } from '../../../../src/main/core/store';
import { FIXTURES, libraryChecksum, tempDir, tempLibrary, writeTemp } from '../../../helpers/library';
import { buildZip } from '../../../helpers/zip';

const seed = fs.readFileSync(path.join(FIXTURES, 'seed-thread.txt'), 'utf8');
const seedLines = seed.split('\n');

let stores: Stores;
beforeEach(() => {
  ({ stores } = tempLibrary());
});

describe('importing folders and archives', () => {
  it('imports every good file in a folder and lists the bad ones with their reason', async () => {
    const dir = tempDir();
    writeTemp(dir, 'a-thread.txt', seedLines.slice(0, 20).join('\n'));
    writeTemp(dir, 'b-empty.txt', '');
    fs.mkdirSync(path.join(dir, 'sub'));
    writeTemp(dir, 'sub/c-notes.md', '# Notes\n\nA paragraph of notes that is long enough to count.\n');
    writeTemp(dir, '.hidden', 'ignored');
    const result = await importPaths(stores, [dir]);
    expect(result.imported.map((s) => path.basename(s.file))).toEqual(['a-thread.txt', 'c-notes.md']);
    expect(result.failed).toEqual([
      { file: path.join(dir, 'b-empty.txt'), error: `${path.join(dir, 'b-empty.txt')}: is empty` },
    ]);
  });

  it('imports the files inside a .zip, naming them by their place in the archive', async () => {
    const zip = writeTemp(
      tempDir(),
      'threads.zip',
      buildZip([
        { name: 'exports/seed.txt', data: seed },
        { name: 'exports/other.md', data: '# Other\n\nSomething else entirely, said at some length.\n' },
      ]),
    );
    const result = await importPaths(stores, [zip]);
    expect(result.failed).toEqual([]);
    expect(result.imported.map((s) => [s.file, s.passages])).toEqual([
      [`${zip}/exports/seed.txt`, 58],
      [`${zip}/exports/other.md`, 1],
    ]);
  });

  it('refuses an archive whose entries point outside it (zip-slip), writing nothing', async () => {
    const before = libraryChecksum(stores.db);
    const zip = writeTemp(
      tempDir(),
      'evil.zip',
      buildZip([
        { name: 'ok.txt', data: seed },
        { name: '../../escape.txt', data: seed },
      ]),
    );
    const result = await importPaths(stores, [zip]);
    expect(result.imported).toEqual([]);
    expect(result.failed[0]!.error).toMatch(/evil\.zip: refused: an entry's path points outside the archive/);
    expect(libraryChecksum(stores.db)).toBe(before);
  });

  it('refuses a zip bomb before unpacking it', async () => {
    const before = libraryChecksum(stores.db);
    const zip = writeTemp(
      tempDir(),
      'bomb.zip',
      buildZip([{ name: 'zeros.txt', data: Buffer.alloc(64 * 1024 * 1024, 0x20) }]),
    );
    expect(fs.statSync(zip).size).toBeLessThan(200 * 1024);
    const result = await importPaths(stores, [zip]);
    expect(result.failed[0]!.error).toMatch(/bomb\.zip: refused: zeros\.txt expands \d+× \(a zip bomb\?\)/);
    expect(libraryChecksum(stores.db)).toBe(before);
  });

  it('refuses an archive whose headers lie about sizes', async () => {
    const zip = writeTemp(tempDir(), 'liar.zip', buildZip([{ name: 'seed.txt', data: seed, claimedSize: 10 }]));
    const result = await importPaths(stores, [zip]);
    expect(result.imported).toEqual([]);
    expect(result.failed[0]!.error).toMatch(/liar\.zip/);
  });
});
