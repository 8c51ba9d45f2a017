import type { Database } from '../sqlite';

export const version = 50;

/** The user's notebook: argument trails, stances and notes over the library's passages. */
export function up(db: Database): void {
  db.exec(`
    -- Fixed vocabularies, kept as data so that every row that uses one is checked against it.
    CREATE TABLE relation_kinds (
      name TEXT PRIMARY KEY,
      label TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    INSERT INTO relation_kinds (name, label) VALUES
      ('supports', 'Supports'), ('rebuts', 'Rebuts'), ('clarifies', 'Clarifies'), ('concedes', 'Concedes'),
      ('asks', 'Asks'), ('answers', 'Answers'), ('quotes', 'Quotes');

    CREATE TABLE stance_kinds (
      name TEXT PRIMARY KEY,
      label TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    INSERT INTO stance_kinds (name, label) VALUES
      ('agree', 'Agree'), ('disagree', 'Disagree'), ('partly', 'Partly agree'), ('unsure', 'Unsure');

    -- A passage as it was when something first cited it. Deleting its thread sets passage_id and
    -- thread_id to NULL and leaves the words and attribution, so no trail or note breaks silently.
    CREATE TABLE citations (
      id INTEGER PRIMARY KEY,
      passage_id INTEGER UNIQUE REFERENCES passages(id) ON DELETE SET NULL,
      -- The id the user saw; kept for display once the passage is gone.
      cited_passage_id INTEGER NOT NULL,
      text TEXT NOT NULL,
      author TEXT,
      posted_at TEXT,
      permalink TEXT,
      thread_id INTEGER REFERENCES threads(id) ON DELETE SET NULL,
      thread_title TEXT NOT NULL,
      thread_source TEXT
    ) STRICT;
    CREATE INDEX citations_thread ON citations(thread_id);

    CREATE TABLE trails (
      id INTEGER PRIMARY KEY,
      -- Survives export and import, so that importing the same notebook twice adds nothing.
      uid TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      description_state TEXT,
      tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      -- Deleting a trail hides it, so that undo can bring it back.
      deleted_at TEXT
    ) STRICT;

    CREATE TABLE trail_steps (
      id INTEGER PRIMARY KEY,
      trail_id INTEGER NOT NULL REFERENCES trails(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      citation_id INTEGER NOT NULL REFERENCES citations(id),
      span_start INTEGER,
      span_end INTEGER,
      relation TEXT REFERENCES relation_kinds(name),
      to_step INTEGER REFERENCES trail_steps(id) ON DELETE SET NULL,
      stance TEXT REFERENCES stance_kinds(name),
      confidence INTEGER CHECK (confidence BETWEEN 0 AND 100),
      CHECK ((span_start IS NULL) = (span_end IS NULL) AND (span_start IS NULL OR (span_start >= 0 AND span_end > span_start))),
      CHECK (confidence IS NULL OR stance IS NOT NULL)
    ) STRICT;
    CREATE INDEX trail_steps_trail ON trail_steps(trail_id, position);
    CREATE INDEX trail_steps_citation ON trail_steps(citation_id);
    CREATE INDEX trail_steps_to ON trail_steps(to_step);

    -- The stance ledger: one stance per passage, outside any trail.
    CREATE TABLE stances (
      id INTEGER PRIMARY KEY,
      citation_id INTEGER NOT NULL UNIQUE REFERENCES citations(id),
      stance TEXT NOT NULL REFERENCES stance_kinds(name),
      confidence INTEGER CHECK (confidence BETWEEN 0 AND 100),
      updated_at TEXT NOT NULL
    ) STRICT;

    -- Rich text as Lexical editor state, with its plain text for search.
    CREATE TABLE notes (
      id INTEGER PRIMARY KEY,
      uid TEXT NOT NULL UNIQUE,
      target_kind TEXT NOT NULL CHECK (target_kind IN ('none', 'passage', 'thread', 'trail', 'step')),
      citation_id INTEGER REFERENCES citations(id),
      thread_id INTEGER REFERENCES threads(id) ON DELETE SET NULL,
      thread_title TEXT,
      trail_id INTEGER REFERENCES trails(id) ON DELETE CASCADE,
      step_id INTEGER UNIQUE REFERENCES trail_steps(id) ON DELETE CASCADE,
      state TEXT NOT NULL CHECK (json_valid(state)),
      text TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((target_kind = 'passage') = (citation_id IS NOT NULL)),
      CHECK ((target_kind = 'thread') = (thread_title IS NOT NULL)),
      CHECK ((target_kind IN ('trail', 'step')) = (trail_id IS NOT NULL)),
      CHECK ((target_kind = 'step') = (step_id IS NOT NULL))
    ) STRICT;
    CREATE INDEX notes_citation ON notes(citation_id);
    CREATE INDEX notes_thread ON notes(thread_id);
    CREATE INDEX notes_trail ON notes(trail_id);

    -- Passages a note embeds (passage-reference nodes in its state), for backlinks.
    CREATE TABLE note_citations (
      id INTEGER PRIMARY KEY,
      note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
      citation_id INTEGER NOT NULL REFERENCES citations(id),
      UNIQUE (note_id, citation_id)
    ) STRICT;
    CREATE INDEX note_citations_citation ON note_citations(citation_id);

    -- Notes are written one at a time, so triggers cost nothing here (unlike passages, see 0020),
    -- and they keep the index right on every path that writes a note, undo and redo included.
    CREATE VIRTUAL TABLE notes_fts USING fts5(
      text,
      content = 'notes',
      content_rowid = 'id',
      tokenize = 'porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
      INSERT INTO notes_fts (rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
      INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER notes_fts_update AFTER UPDATE OF text ON notes BEGIN
      INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', old.id, old.text);
      INSERT INTO notes_fts (rowid, text) VALUES (new.id, new.text);
    END;

    -- Undo and redo: each operation on the notebook records the rows it changed, before and after.
    -- scope is 'trail:<id>' for a trail's own history, 'stances' or 'notes' for the rest.
    CREATE TABLE notebook_ops (
      id INTEGER PRIMARY KEY,
      scope TEXT NOT NULL,
      label TEXT NOT NULL,
      changes TEXT NOT NULL CHECK (json_valid(changes)),
      undone INTEGER NOT NULL DEFAULT 0,
      at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX notebook_ops_scope ON notebook_ops(scope, id);
  `);
}
