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
    // 32 MiB of pages rather than SQLite's 2 MiB: in one long thread each new passage lands at a random
    // place in its UNIQUE(thread_id, text_hash) index, which outgrows 2 MiB at ~40,000 passages; a
    // 100 MiB Hacker News dump (one thread) then imported 15 % slower (docs/performance.md).
    db.pragma(`cache_size = ${-32 * 1024}`);
    // A large import lets the log grow (see checkpoints.ts); afterwards it shrinks back to this.
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    migrate(db, file);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}
