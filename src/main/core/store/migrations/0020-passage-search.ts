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

    -- FTS5's own term list (document and occurrence counts per term), exact but counted by walking
    -- doclists: for checks and diagnostics; search plans from the vocabulary_* tables below.
    CREATE VIRTUAL TABLE passages_vocab USING fts5vocab(passages_fts, 'row');

    -- The library's vocabulary, maintained by the search module after each import (see
    -- src/main/core/search/vocabulary.ts): word forms as FTS5 folds them, the term each stems to,
    -- and passage counts, which passages_vocab can only produce by walking whole doclists.
    CREATE TABLE vocabulary_terms (
      term TEXT PRIMARY KEY,
      passages INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;

    -- Persisted lunr indexes over the words, one per segment, so that start-up never rebuilds them
    -- and an import only indexes the words it added; segments of one size tier merge.
    CREATE TABLE vocabulary_segments (
      id INTEGER PRIMARY KEY,
      level INTEGER NOT NULL,
      words INTEGER NOT NULL,
      index_json TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE vocabulary_words (
      word TEXT PRIMARY KEY,
      term TEXT NOT NULL,
      passages INTEGER NOT NULL,
      -- NULL for words never offered as spelling suggestions (numbers, very short or long tokens).
      segment_id INTEGER REFERENCES vocabulary_segments(id) ON DELETE SET NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX vocabulary_words_term ON vocabulary_words(term, passages);
    CREATE INDEX vocabulary_words_segment ON vocabulary_words(segment_id) WHERE segment_id IS NOT NULL;

    -- How far the vocabulary has read: passages with id <= through_passage are counted.
    CREATE TABLE vocabulary_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      through_passage INTEGER NOT NULL,
      passages INTEGER NOT NULL,
      chars INTEGER NOT NULL
    ) STRICT;
  `);
}
