import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLibraryFile } from '../../../../src/main/core/store/db';
import { migrate, SCHEMA_VERSION, schemaVersion } from '../../../../src/main/core/store/migrate';
import { MIGRATIONS } from '../../../../src/main/core/store/migrations';
import { sqliteDriver } from '../../../../src/main/core/store/sqlite';
import { tempDir } from '../../../helpers/library';

function rawDatabase(file = ':memory:') {
  const Driver = sqliteDriver();
  const db = new Driver(file);
  db.pragma('foreign_keys = ON');
  return db;
}

/** Rows as the version-10 schema had them; from version 20 on, the store also writes the FTS index. */
function seedRows(db: ReturnType<typeof rawDatabase>, version: number): void {
  db.exec(`
    INSERT INTO threads (id, title, source, format, identity, content_hash, imported_at, updated_at)
      VALUES (1, 'A debate', '/tmp/a.txt', 'text', 'opening:x', 'h', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
    INSERT INTO posts (id, thread_id, source_key, position) VALUES (1, 1, '0', 0);
    INSERT INTO passages (id, thread_id, post_id, position, text, text_hash)
      VALUES (1, 1, 1, 0, 'The inner optimizer has goals of its own.', 'a'),
             (2, 1, 1, 1, 'Optimizers optimized by training answer questions.', 'b');
    INSERT INTO links (from_passage, to_passage, kind, start, end) VALUES (2, 1, 'quote', 0, 9);
  `);
  if (version >= 20) db.exec(`INSERT INTO passages_fts (rowid, text) SELECT id, text FROM passages`);
}

describe('migrations', () => {
  it('are numbered in ascending order and end at the current schema', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    expect(SCHEMA_VERSION).toBe(versions.at(-1));
  });

  for (const from of [0, ...MIGRATIONS.slice(0, -1).map((m) => m.version)]) {
    it(`bring a library at version ${from} up to date, keeping its rows`, () => {
      const db = rawDatabase();
      migrate(db, ':memory:', from);
      expect(schemaVersion(db)).toBe(from);
      if (from >= 10) seedRows(db, from);
      migrate(db, ':memory:');
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      if (from >= 10) {
        expect(db.prepare('SELECT count(*) AS n FROM passages').get()).toEqual({ n: 2 });
        expect(db.prepare('SELECT count(*) AS n FROM links').get()).toEqual({ n: 1 });
        // Passages written before search existed are in the full-text index afterwards.
        const hits = db
          .prepare(`SELECT rowid FROM passages_fts WHERE passages_fts MATCH 'optimizer' ORDER BY rowid`)
          .all();
        expect(hits).toEqual([{ rowid: 1 }, { rowid: 2 }]);
        // Posts from before forum formats read as posts with nothing more known about them.
        expect(db.prepare('SELECT permalink, parent_key, deleted, missing_children FROM posts').get()).toEqual({
          permalink: null,
          parent_key: null,
          deleted: 0,
          missing_children: 0,
        });
      }
      // Every library gets an empty notebook with its fixed vocabularies, whatever its age.
      expect(db.prepare('SELECT count(*) AS n FROM relation_kinds').get()).toEqual({ n: 7 });
      expect(db.prepare('SELECT count(*) AS n FROM stance_kinds').get()).toEqual({ n: 4 });
      expect(db.prepare('SELECT count(*) AS n FROM trails').get()).toEqual({ n: 0 });
      db.exec(`INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')`);
      db.exec(`INSERT INTO notes_fts(notes_fts) VALUES ('integrity-check')`);
    });
  }

  it('refuse a library written by a newer Crux, and leave it untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'future.sqlite');
    const db = rawDatabase(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 10}`);
    db.exec('CREATE TABLE from_the_future (x)');
    db.close();
    const before = fs.readFileSync(file);
    expect(() => openLibraryFile(file)).toThrow(/future\.sqlite: this library was written by a newer version of Crux/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('roll back entirely when a migration fails', () => {
    const db = rawDatabase();
    const broken = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 10, up: (d: typeof db) => d.exec('CREATE TABLE t (x); SELECT no_such_function();') },
    ];
    expect(() => migrate(db, ':memory:', Infinity, broken)).toThrow(/no_such_function/);
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'passages'`).get()).toEqual({ n: 0 });
  });

  it('refuse a file that is not a library, naming it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(
      file,
      'this is not a database, just some text that is long enough to have a header page'.repeat(20),
    );
    expect(() => openLibraryFile(file)).toThrow(/notes\.txt: not a Crux library/);
  });

  it('open with WAL and foreign keys on', () => {
    const file = path.join(tempDir(), 'lib.sqlite');
    const db = openLibraryFile(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
  });
});
