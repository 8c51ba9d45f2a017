import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStores, type Stores } from '../../src/main/core/store';
import { openLibraryFile } from '../../src/main/core/store/db';
import type { Database } from '../../src/main/core/store/sqlite';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

export function tempDir(prefix = 'crux-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function tempLibrary(): { stores: Stores; file: string; dir: string } {
  const dir = tempDir();
  const file = path.join(dir, 'library.sqlite');
  return { stores: createStores(openLibraryFile(file)), file, dir };
}

export function writeTemp(dir: string, name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const TABLES = [
  'threads',
  'imports',
  'posts',
  'passages',
  'links',
  'vocabulary_segments',
  'citations',
  'trails',
  'trail_steps',
  'stances',
  'notes',
  'note_citations',
  'notebook_ops',
];

/** A digest of every row of every table plus the full-text index's own content, to prove nothing changed. */
export function libraryChecksum(db: Database, without: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const table of TABLES.filter((t) => !without.includes(t))) {
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()) hash.update(JSON.stringify(row));
  }
  for (const row of db.prepare(`SELECT term, doc, cnt FROM passages_vocab ORDER BY term`).all()) {
    hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}
