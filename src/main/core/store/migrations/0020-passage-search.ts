import type { Database } from '../sqlite';

export const version = 20;

export function up(db: Database): void {
  // External-content FTS5 kept in sync by the passages store itself, not by triggers:
  // a trigger opens a savepoint per row, which makes FTS5 flush and imports three times slower.
  db.exec(`
    CREATE VIRTUAL TABLE passages_fts USING fts5(
      text,
      content = 'passages',
      content_rowid = 'id',
      tokenize = 'porter unicode61 remove_diacritics 2'
    );
    INSERT INTO passages_fts(passages_fts) VALUES ('rebuild');

    -- The library's term list (document and occurrence counts per term), read by search planning
    -- and by the typo-tolerant vocabulary index.
    CREATE VIRTUAL TABLE passages_vocab USING fts5vocab(passages_fts, 'row');

    -- Persisted lunr indexes over the vocabulary, one per segment of terms, so that start-up
    -- never rebuilds them and an import only indexes the terms it added.
    CREATE TABLE vocabulary_segments (
      id INTEGER PRIMARY KEY,
      terms INTEGER NOT NULL,
      max_term TEXT,
      index_json TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE vocabulary_terms (
      term TEXT PRIMARY KEY,
      segment_id INTEGER NOT NULL REFERENCES vocabulary_segments(id) ON DELETE CASCADE
    ) STRICT, WITHOUT ROWID;
  `);
}
