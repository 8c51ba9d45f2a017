import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../../../src/main/core/import/import-file';
import { importForumFile } from '../../../../src/main/core/import/import-forum';
import { importPaths } from '../../../../src/main/core/import/import-path';
import { inspectSource } from '../../../../src/main/core/import/source-file';
import { ImportBatch } from '../../../../src/main/core/import/transaction';
import { useDetectionWorker } from '../../../../src/main/core/quotes/detector';
import type { ForumParser, SourceEvent } from '../../../../src/main/core/importers/source-thread';
import type { Stores } from '../../../../src/main/core/store';
import { FIXTURES, libraryChecksum, tempDir, tempLibrary, writeTemp } from '../../../helpers/library';

// Several files imported together share one transaction (a savepoint each) and get their full-text
// entries when it commits: what they leave in the library must be exactly what importing them one
// by one leaves, and a file that fails must still leave nothing.

const seedLines = fs.readFileSync(path.join(FIXTURES, 'seed-thread.txt'), 'utf8').split('\n');
const now = (): Date => new Date('2026-01-02T03:04:05.000Z');

/** Thread files of seed paragraphs, each made distinct, quoting each other's paragraphs now and then. */
function writeThreads(dir: string, count: number): string[] {
  return Array.from({ length: count }, (_, t) => {
    const lines = seedLines.slice(0, 24).map((l, i) => `Thread ${t}, paragraph ${i}: ${l}`);
    // A quotation of an earlier paragraph of the same thread, answered by the next line.
    lines.splice(12, 0, lines[3]!);
    return writeTemp(dir, `thread-${String(t).padStart(2, '0')}.txt`, lines.join('\n'));
  });
}

const FAILING = 'This paragraph cannot be written, as when the disk fills up half-way through a file.';

function failOn(stores: Stores, marker: string, how: 'ABORT' | 'ROLLBACK' = 'ABORT'): void {
  stores.db.exec(`CREATE TEMP TRIGGER fail_on_marker BEFORE INSERT ON passages WHEN NEW.text LIKE '%${marker}%'
                  BEGIN SELECT RAISE(${how}, 'disk full'); END`);
}

function search(stores: Stores, query: string): number[] {
  return stores.db
    .prepare(`SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid`)
    .all(query)
    .map((r) => (r as { rowid: number }).rowid);
}

/** FTS5's own check; against the passages table too unless passages were superseded (those leave the index). */
function integrityCheck(stores: Stores, againstContent = true): void {
  stores.db.exec(`INSERT INTO passages_fts (passages_fts, rank) VALUES ('integrity-check', ${againstContent ? 1 : 0})`);
}

let stores: Stores;
let dir: string;
beforeEach(() => {
  ({ stores } = tempLibrary());
  dir = tempDir();
});
afterEach(() => useDetectionWorker(true));

describe('importing files together', () => {
  it('leaves exactly what importing them one by one leaves, full-text index included', async () => {
    const files = writeThreads(dir, 6);
    const alone = tempLibrary().stores;
    const one = [];
    for (const f of files) one.push(await importFile(alone, f, { now }));
    expect(one.every((s) => s.links > 0)).toBe(true);
    for (const batchPassages of [1_000_000, 40]) {
      const together = tempLibrary().stores;
      const result = await importPaths(together, files, { now, batchPassages });
      expect(result.failed).toEqual([]);
      expect(result.imported.map((s) => path.basename(s.file))).toEqual(files.map((f) => path.basename(f)));
      expect(result.imported).toEqual(one);
      expect(libraryChecksum(together.db)).toBe(libraryChecksum(alone.db));
      integrityCheck(together);
      expect(search(together, 'thread AND paragraph AND optimizers').length).toBeGreaterThan(0);
      expect(together.db.inTransaction).toBe(false);
    }
  });

  it('a file that fails half-way leaves nothing, and the files around it import as if it were not there', async () => {
    const files = writeThreads(dir, 5);
    const lines = fs.readFileSync(files[2]!, 'utf8').split('\n');
    lines.splice(15, 0, FAILING);
    fs.writeFileSync(files[2]!, lines.join('\n'));
    const expected = tempLibrary().stores;
    await importPaths(
      expected,
      files.filter((_, i) => i !== 2),
      { now },
    );

    for (const [batchPassages, worker] of [
      [1_000_000, true],
      [40, true],
      [40, false],
    ] as const) {
      // Detected in the import's own thread the file is taken back the same way.
      useDetectionWorker(worker);
      ({ stores } = tempLibrary());
      failOn(stores, 'cannot be written');
      const result = await importPaths(stores, files, { now, batchPassages });
      expect(result.failed).toEqual([
        { file: files[2], error: `${files[2]}: import failed (disk full); nothing was written` },
      ]);
      expect(result.imported).toHaveLength(4);
      stores.db.exec('DROP TRIGGER fail_on_marker');
      expect(libraryChecksum(stores.db)).toBe(libraryChecksum(expected.db));
      integrityCheck(stores);
      expect(stores.db.inTransaction).toBe(false);
    }
  });

  it('a longer export of a thread that fails at the very end leaves the thread as it was', async () => {
    const files = writeThreads(dir, 3);
    await importPaths(stores, [files[1]!], { now });
    const longer = writeTemp(
      dir,
      'longer.txt',
      `${fs.readFileSync(files[1]!, 'utf8')}\n${FAILING.replace('cannot', 'can')}`,
    );
    const before = libraryChecksum(stores.db);
    // Fails recording the import, after the thread row took the new source and hash.
    stores.db.exec(`CREATE TEMP TRIGGER fail_on_record BEFORE INSERT ON imports WHEN NEW.source LIKE '%longer.txt'
                    BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const result = await importPaths(stores, [files[0]!, longer, files[2]!], {
      now: () => new Date('2026-02-03T00:00:00Z'),
    });
    expect(result.failed.map((f) => f.error)).toEqual([`${longer}: import failed (disk full); nothing was written`]);
    stores.db.exec('DROP TRIGGER fail_on_record');
    // What the other two files added, taken away again, leaves the library exactly as before.
    const expected = tempLibrary().stores;
    await importPaths(expected, [files[1]!], { now });
    await importPaths(expected, [files[0]!, files[2]!], { now: () => new Date('2026-02-03T00:00:00Z') });
    expect(libraryChecksum(stores.db)).toBe(libraryChecksum(expected.db));
    expect(libraryChecksum(stores.db)).not.toBe(before);
    integrityCheck(stores);
  });

  it('when SQLite rolls the whole transaction back, reports every file since the last commit as failed', async () => {
    const files = writeThreads(dir, 5);
    fs.writeFileSync(files[3]!, `${fs.readFileSync(files[3]!, 'utf8')}\n${FAILING}`);
    failOn(stores, 'cannot be written', 'ROLLBACK');
    // Commits after every second file: files 0 and 1 are committed, 2 is lost with 3, 4 imports.
    const result = await importPaths(stores, files, { now, batchPassages: 40 });
    expect(result.imported.map((s) => path.basename(s.file))).toEqual([
      'thread-00.txt',
      'thread-01.txt',
      'thread-04.txt',
    ]);
    expect(result.failed.map((f) => [path.basename(f.file), f.error.replace(/^.*: /, '')])).toEqual([
      ['thread-03.txt', 'import failed (disk full); nothing was written'],
      ['thread-02.txt', 'import failed (the transaction was rolled back); nothing was written'],
    ]);
    stores.db.exec('DROP TRIGGER fail_on_marker');
    const expected = tempLibrary().stores;
    await importPaths(expected, [files[0]!, files[1]!, files[4]!], { now });
    expect(libraryChecksum(stores.db)).toBe(libraryChecksum(expected.db));
    integrityCheck(stores);
    expect(stores.db.inTransaction).toBe(false);
  });

  it('cancelled in the middle, keeps the files before, rolls back the one being read, and leaves the connection usable', async () => {
    const files = writeThreads(dir, 4);
    const abort = new AbortController();
    let started = 0;
    let current = '';
    const importing = importPaths(stores, files, {
      now,
      signal: abort.signal,
      onProgress: (p) => {
        if (p.file !== current) started++;
        current = p.file;
        if (started === 3) abort.abort();
      },
    });
    await expect(importing).rejects.toMatchObject({ code: 'cancelled' });
    expect(stores.db.inTransaction).toBe(false);
    const expected = tempLibrary().stores;
    await importPaths(expected, files.slice(0, 2), { now });
    expect(libraryChecksum(stores.db)).toBe(libraryChecksum(expected.db));
    integrityCheck(stores);

    const rest = await importPaths(stores, files, { now });
    const perFile = rest.imported.map((s) => s.newPassages);
    expect(perFile.slice(0, 2)).toEqual([0, 0]);
    expect(perFile[2]).toBeGreaterThan(20);
    integrityCheck(stores);
  });

  it('leaves checkpoints to another thread during the import, not the import’s, and restores the setting even when cancelled', async () => {
    const files = writeThreads(dir, 4);
    const autocheckpoint = (db: Stores['db']): number => db.pragma('wal_autocheckpoint', { simple: true }) as number;
    let during: number | undefined;
    await importPaths(stores, files, { now, batchPassages: 1, onProgress: () => (during = autocheckpoint(stores.db)) });
    // Off in the import's own connection: a checkpoint's writes and fsync would hold its thread.
    expect(during).toBe(0);
    expect(autocheckpoint(stores.db)).toBe(1000);
    // The import's last step copied all it wrote into the database.
    const [wal] = stores.db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(wal!.log).toBeGreaterThan(0);
    expect(wal!.checkpointed).toBe(wal!.log);

    const other = tempLibrary().stores;
    const abort = new AbortController();
    const cancelled = importPaths(other, files, { now, signal: abort.signal });
    abort.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    expect(autocheckpoint(other.db)).toBe(1000);
  });

  it('keeps passages an edit replaced within the batch out of the full-text index', async () => {
    const parser: ForumParser = {
      format: 'discourse',
      sniff: () => true,
      async *parse(input) {
        yield* JSON.parse(await input.text()) as SourceEvent[];
      },
    };
    const thread: SourceEvent = {
      kind: 'thread',
      thread: { identity: 'discourse:forum.example:7', title: 'Edits', url: null, format: 'discourse' },
    };
    const version = (first: string): SourceEvent[] => [
      thread,
      {
        kind: 'post',
        post: {
          key: '1',
          parentKey: null,
          author: 'someone',
          postedAt: null,
          permalink: null,
          blocks: [
            { kind: 'paragraph', text: first },
            { kind: 'paragraph', text: 'A second paragraph that stays the same after the edit.' },
          ],
        },
      },
    ];
    const original = writeTemp(dir, 'v1.json', JSON.stringify(version('The original wording, later withdrawn.')));
    const edited = writeTemp(dir, 'v2.json', JSON.stringify(version('The edited wording, which replaced it.')));
    const batch = new ImportBatch(stores.db);
    batch.begin();
    await importForumFile(stores, await inspectSource(original), parser, { now });
    await importForumFile(stores, await inspectSource(edited), parser, { now });
    batch.commit();
    expect(search(stores, 'withdrawn')).toEqual([]);
    expect(search(stores, 'replaced')).toHaveLength(1);
    expect(search(stores, 'second')).toHaveLength(1);
    integrityCheck(stores, false);
    // An edit imported later takes a passage already indexed out of the index.
    const third = writeTemp(dir, 'v3.json', JSON.stringify(version('A third wording, once more.')));
    await importForumFile(stores, await inspectSource(third), parser, { now });
    expect(search(stores, 'replaced')).toEqual([]);
    expect(search(stores, 'third')).toHaveLength(1);
    integrityCheck(stores, false);
  });
});
