import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointsDuringImport } from '../../../../src/main/core/store/checkpoints';
import { openLibraryFile } from '../../../../src/main/core/store/db';
import { tempDir } from '../../../helpers/library';

const TRANSACTION_BYTES = 256 * 1024;
const TRANSACTIONS = 40;
const WAL_BYTES = 1024 * 1024;

/**
 * Writes TRANSACTIONS commits of TRANSACTION_BYTES the way an import does (each followed by
 * `committed`), and returns the largest the write-ahead log file grew meanwhile.
 */
async function importLike(background: boolean): Promise<{ file: string; largestLog: number; autocheckpoint: number }> {
  const file = path.join(tempDir(), 'library.sqlite');
  const db = openLibraryFile(file);
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
  const insert = db.prepare<[Buffer]>('INSERT INTO filler (data) VALUES (?)');
  const checkpoints = checkpointsDuringImport(db, { walBytes: WAL_BYTES, background });
  let largestLog = 0;
  try {
    for (let t = 0; t < TRANSACTIONS; t++) {
      db.exec('BEGIN');
      for (let i = 0; i < TRANSACTION_BYTES / 4096; i++) insert.run(randomBytes(4000));
      db.exec('COMMIT');
      await checkpoints.committed();
      largestLog = Math.max(largestLog, fs.statSync(`${file}-wal`).size);
    }
  } finally {
    await checkpoints.end();
  }
  const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
  return { file, largestLog, autocheckpoint };
}

describe('checkpoints during an import', () => {
  for (const background of [true, false]) {
    it(`keep the write-ahead log near its limit and lose nothing (${background ? 'on another thread' : 'in the import’s thread'})`, async () => {
      const { file, largestLog, autocheckpoint } = await importLike(background);
      // Never checkpointed, the log would hold all 10 MiB written.
      expect(largestLog).toBeLessThan(WAL_BYTES + 4 * TRANSACTION_BYTES);
      // The import's setting is undone: SQLite's default again.
      expect(autocheckpoint).toBe(1000);
      // Closed, the library holds every row, and the log is gone: everything reached the database file.
      expect(fs.existsSync(`${file}-wal`)).toBe(false);
      const reopened = openLibraryFile(file);
      expect(reopened.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(
        TRANSACTIONS * (TRANSACTION_BYTES / 4096),
      );
      reopened.close();
    });
  }

  it('copies the log into the database file while the import goes on, not only at its end', async () => {
    const file = path.join(tempDir(), 'library.sqlite');
    const db = openLibraryFile(file);
    db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
    const insert = db.prepare<[Buffer]>('INSERT INTO filler (data) VALUES (?)');
    // A limit the import never reaches: only the background copy moves pages into the database file.
    const checkpoints = checkpointsDuringImport(db, { walBytes: 1024 * 1024 * 1024 });
    const before = fs.statSync(file).size;
    let grew = false;
    try {
      for (let t = 0; t < TRANSACTIONS && !grew; t++) {
        db.exec('BEGIN');
        for (let i = 0; i < TRANSACTION_BYTES / 4096; i++) insert.run(randomBytes(4000));
        db.exec('COMMIT');
        await checkpoints.committed();
        // Give the other thread a moment; this thread's own checkpoints are off for the import.
        await new Promise((resolve) => setTimeout(resolve, 20));
        grew = fs.statSync(file).size > before + TRANSACTION_BYTES;
      }
    } finally {
      await checkpoints.end();
      db.close();
    }
    expect(grew).toBe(true);
  });
});
