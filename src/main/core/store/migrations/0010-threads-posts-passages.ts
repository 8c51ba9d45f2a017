import type { Database } from '../sqlite';

export const version = 10;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE threads (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL,
      source TEXT NOT NULL,
      format TEXT NOT NULL,
      -- What makes a later, longer export recognisable as the same thread: for text formats,
      -- the hash of its opening passages.
      identity TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX threads_identity ON threads(identity);

    -- Every file ever imported, so that importing the same bytes again is recognised at once.
    CREATE TABLE imports (
      id INTEGER PRIMARY KEY,
      thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
      source TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      format TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      new_passages INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX imports_content_hash ON imports(content_hash);
    CREATE INDEX imports_thread ON imports(thread_id);

    CREATE TABLE posts (
      id INTEGER PRIMARY KEY,
      thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
      -- Stable key of the post inside its source (its index for text formats), for re-imports.
      source_key TEXT NOT NULL,
      position INTEGER NOT NULL,
      author TEXT,
      posted_at TEXT,
      parent_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
      UNIQUE (thread_id, source_key)
    ) STRICT;
    CREATE INDEX posts_thread_position ON posts(thread_id, position);

    CREATE TABLE passages (
      id INTEGER PRIMARY KEY,
      thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
      post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      text TEXT NOT NULL,
      text_hash TEXT NOT NULL,
      -- The same text is never stored twice in one thread.
      UNIQUE (thread_id, text_hash)
    ) STRICT;
    CREATE INDEX passages_post_position ON passages(post_id, position);
    CREATE INDEX passages_thread_position ON passages(thread_id, position);

    CREATE TABLE links (
      id INTEGER PRIMARY KEY,
      from_passage INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
      to_passage INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('quote', 'embedded')),
      start INTEGER NOT NULL,
      end INTEGER NOT NULL,
      CHECK (start >= 0 AND end > start),
      UNIQUE (from_passage, to_passage, kind, start, end)
    ) STRICT;
    CREATE INDEX links_to ON links(to_passage);
  `);
}
