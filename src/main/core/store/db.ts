import fs from 'node:fs';
import path from 'node:path';
import { CruxError } from '../errors';
import { assertNotFromTheFuture, migrate } from './migrate';
import { sqliteDriver, type Database } from './sqlite';

export interface OpenOptions {
  readonly?: boolean;
}

/** Opens (creating when absent) a Crux library file and brings its schema up to date. */
export function openLibraryFile(file: string, options: OpenOptions = {}): Database {
  if (file !== ':memory:') {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) throw new CruxError('bad-input', `${file}: is a folder, not a library file`);
    if (!stat) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  const Driver = sqliteDriver();
  let db: Database;
  try {
    db = new Driver(file, { readonly: options.readonly ?? false });
    // Fails fast on a file that is not SQLite at all, before anything is written to it.
    db.pragma('user_version');
  } catch (e) {
    throw new CruxError('bad-input', `${file}: not a Crux library (${(e as Error).message})`);
  }
  try {
    // Refuse a newer library before switching its journal mode, which would rewrite its header.
    assertNotFromTheFuture(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A large import lets the log grow (see deferCheckpoints); afterwards it shrinks back to this.
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    migrate(db, file);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** Write-ahead log an import may fill before a checkpoint copies it into the database: 256 MiB of pages. */
const IMPORT_WAL_BYTES = 256 * 1024 * 1024;

/**
 * For the length of an import: checkpoint only once the log holds IMPORT_WAL_BYTES, not after every
 * commit that left 1,000 pages in it. Each checkpoint ends in an fsync; committing every 50,000
 * passages, a 1M-passage import spent ~10 s of wall clock in twenty of them, with the SQLite thread
 * blocked and the quote-detection worker soon idle (docs/performance.md). Returns what ends it: the
 * previous setting back, and one checkpoint of what the import wrote (PASSIVE: it never waits for readers).
 */
export function deferCheckpoints(db: Database): () => void {
  const previous = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${Math.ceil(IMPORT_WAL_BYTES / pageSize)}`);
  return () => {
    db.pragma(`wal_autocheckpoint = ${previous}`);
    db.pragma('wal_checkpoint(PASSIVE)');
  };
}
