import type { Database } from '../sqlite';

export const version = 30;

/** What forum, Reddit, Hacker News and mail exports know about their posts. */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE threads ADD COLUMN url TEXT;
    -- A stand-in title made from an address or an id, for a later import to replace.
    ALTER TABLE threads ADD COLUMN title_provisional INTEGER NOT NULL DEFAULT 0;

    ALTER TABLE posts ADD COLUMN permalink TEXT;
    -- The parent's source id: kept when the parent is not in the library yet, so that a later
    -- import bringing the parent links the reply to it.
    ALTER TABLE posts ADD COLUMN parent_key TEXT;
    ALTER TABLE posts ADD COLUMN title TEXT;
    -- Deleted or removed at the source: the post keeps its place in the tree, without passages.
    ALTER TABLE posts ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
    -- Replies the source knows of but did not include ("load more comments" stubs).
    ALTER TABLE posts ADD COLUMN missing_children INTEGER NOT NULL DEFAULT 0;
    -- Hash of the post's text as last imported, to notice edits.
    ALTER TABLE posts ADD COLUMN content_hash TEXT;
    CREATE INDEX posts_parent_key ON posts(thread_id, parent_key);

    -- An edit at the source adds the new text; the old passages stay (trails may cite them) but
    -- are marked as replaced.
    ALTER TABLE passages ADD COLUMN superseded_at TEXT;
    -- Words a post quoted from a post not (yet) in the library: stored so the answer keeps what it
    -- answers, and handed to their own post when a later import brings it.
    ALTER TABLE passages ADD COLUMN quoted_only INTEGER NOT NULL DEFAULT 0;
  `);
}
