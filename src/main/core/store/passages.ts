import type { Database, Statement } from './sqlite';

export interface PassageRow {
  id: number;
  thread_id: number;
  post_id: number;
  position: number;
  text: string;
  text_hash: string;
  superseded_at: string | null;
  quoted_only: number;
}

export type NewPassage = Pick<PassageRow, 'thread_id' | 'post_id' | 'position' | 'text' | 'text_hash'> &
  Partial<Pick<PassageRow, 'quoted_only'>>;

/**
 * While an import runs, passages are written without their full-text entries, which are added by
 * `INSERT … SELECT` over ranges of ids: a stretch at a time as files are done (`indexSomeDeferred`),
 * the rest when it commits (`indexDeferredPassages`). Per row from
 * JavaScript, the FTS5 insert cost more than the passage row itself (see docs/performance.md,
 * "Import"). One deferral per connection, whichever store writes.
 */
class Deferral {
  active = false;
  /** The first passage without its entries: it and every later one lack them. */
  from: number | undefined;
  /** Passages up to this one belong to files whose import is done: they may be indexed before the commit. */
  indexable = 0;
  /** The last passage written. */
  last = 0;
}

/** Where a deferral stood, to go back to when a file's savepoint is rolled back. */
export interface DeferralMark {
  from: number | undefined;
  last: number;
}

const deferrals = new WeakMap<Database, Deferral>();

function deferralOf(db: Database): Deferral {
  let d = deferrals.get(db);
  if (!d) deferrals.set(db, (d = new Deferral()));
  return d;
}

/** From now on, passages written on this connection get their full-text entries only when indexed. */
export function deferFullTextIndexing(db: Database): void {
  const d = deferralOf(db);
  d.active = true;
  d.from = undefined;
  d.indexable = 0;
  d.last = 0;
}

const indexRange = new WeakMap<Database, Statement<[number, number], void>>();

function indexIds(db: Database, from: number, to: number): void {
  let stmt = indexRange.get(db);
  if (!stmt) {
    stmt = db.prepare(
      `INSERT INTO passages_fts (rowid, text) SELECT id, text FROM passages
        WHERE id >= ? AND id <= ? AND superseded_at IS NULL`,
    );
    indexRange.set(db, stmt);
  }
  stmt.run(from, to);
}

/**
 * Adds the full-text entries of every passage written since the deferral began (those an edit
 * replaced in the meantime stay out, as `supersede` would have left them), and ends the deferral.
 * Runs inside the writing transaction, outside any savepoint.
 */
export function indexDeferredPassages(db: Database): void {
  const d = deferralOf(db);
  if (d.from !== undefined && d.from <= d.last) indexIds(db, d.from, d.last);
  d.active = false;
  d.from = undefined;
}

/**
 * Indexes the next `ids` passages of files whose import is done, if there are that many waiting;
 * returns whether it did. Every `INSERT … SELECT` into FTS5 starts by flushing its pending entries
 * as a new segment (a statement that writes many rows opens a statement savepoint): in stretches
 * shorter than FTS5 flushes on its own (a megabyte of text) it would make many small segments.
 * Entries added inside a file's savepoint go if it is rolled back: `restoreDeferral` then puts
 * them back on the list.
 */
export function indexSomeDeferred(db: Database, ids: number): boolean {
  const d = deferralOf(db);
  if (!d.active || d.from === undefined || d.indexable - d.from + 1 < ids) return false;
  indexIds(db, d.from, d.from + ids - 1);
  d.from += ids;
  return true;
}

/**
 * Passages whose full-text entries are added in one statement, as soon as that many wait. Each
 * statement makes FTS5 flush what it holds as a segment (see `indexSomeDeferred`), and small segments
 * cost merging later: for the same passages, stretches of 1,024 execute ~25 % more instructions in
 * SQLite than stretches of 4,096 (docs/performance.md). Left for the commit, the entries of 50,000
 * passages would hold the import's thread for a second or two while the workers beside it wait; a
 * stretch takes ~0.1 s.
 */
export const INDEX_STRETCH = 4096;

/**
 * `indexSomeDeferred` over every passage written so far, its file done or not. Only for a file whose
 * failure rolls its full-text entries back with its rows (a savepoint, or the whole transaction): a
 * file taken back by deleting its rows would leave them behind.
 */
export function indexSomeWritten(db: Database, ids: number): boolean {
  markDeferredIndexable(db);
  return indexSomeDeferred(db, ids);
}

/** The passages written so far belong to files whose import is done. */
export function markDeferredIndexable(db: Database): void {
  const d = deferralOf(db);
  d.indexable = d.last;
}

export function deferralMark(db: Database): DeferralMark {
  const d = deferralOf(db);
  return { from: d.from, last: d.last };
}

/** After a rollback to a savepoint: what was indexed or written since `mark` is gone. */
export function restoreDeferral(db: Database, mark: DeferralMark): void {
  const d = deferralOf(db);
  d.from = mark.from;
  d.last = mark.last;
  d.indexable = Math.min(d.indexable, mark.last);
}

/**
 * After the passages written since `mark` were deleted again (a file taken back without a
 * savepoint): entries added meanwhile for earlier passages stay, and so does that progress.
 */
export function forgetDeferred(db: Database, mark: DeferralMark): void {
  const d = deferralOf(db);
  d.last = mark.last;
  if (d.from !== undefined && d.from > mark.last + 1) d.from = mark.last + 1;
  if (d.from !== undefined && mark.from === undefined && d.from > d.last) d.from = undefined;
}

/** Ends a deferral whose transaction was rolled back: nothing is left to index. */
export function abandonDeferredIndexing(db: Database): void {
  const d = deferralOf(db);
  d.active = false;
  d.from = undefined;
}

/** Passages and their full-text index, kept in step here rather than by per-row triggers (see 0020). */
export class PassagesStore {
  private readonly deferral: Deferral;
  private readonly insertStmt;
  private readonly insertFtsStmt;
  private readonly textStmt;
  private readonly supersedeStmt;
  private readonly unindexStmt;
  private readonly unindexThreadStmt;
  private readonly claimStmt;
  private readonly quotedOnlyStmt;
  private readonly byHashStmt;
  private readonly ofThreadStmt;
  private readonly ofPostStmt;
  private readonly countStmt;
  private readonly maxPositionStmt;

  constructor(db: Database) {
    this.deferral = deferralOf(db);
    this.insertStmt = db.prepare<[number, number, number, string, string, number], void>(
      `INSERT INTO passages (thread_id, post_id, position, text, text_hash, quoted_only) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.supersedeStmt = db.prepare<[string, number], void>(
      `UPDATE passages SET superseded_at = ? WHERE id = ? AND superseded_at IS NULL`,
    );
    this.unindexStmt = db.prepare<[number, string], void>(
      `INSERT INTO passages_fts (passages_fts, rowid, text) VALUES ('delete', ?, ?)`,
    );
    this.claimStmt = db.prepare<[number, number], void>(
      `UPDATE passages SET post_id = ?, quoted_only = 0 WHERE id = ?`,
    );
    this.quotedOnlyStmt = db.prepare<[number], { id: number; text: string }>(
      `SELECT id, text FROM passages WHERE thread_id = ? AND quoted_only = 1`,
    );
    // Superseded passages left the index when they were replaced.
    this.unindexThreadStmt = db.prepare<[number], void>(
      `INSERT INTO passages_fts (passages_fts, rowid, text)
       SELECT 'delete', id, text FROM passages WHERE thread_id = ? AND superseded_at IS NULL`,
    );
    this.insertFtsStmt = db.prepare<[number, string], void>(`INSERT INTO passages_fts (rowid, text) VALUES (?, ?)`);
    this.textStmt = db.prepare<[number], { text: string }>(`SELECT text FROM passages WHERE id = ?`);
    this.byHashStmt = db.prepare<[number, string], { id: number }>(
      `SELECT id FROM passages WHERE thread_id = ? AND text_hash = ?`,
    );
    this.ofThreadStmt = db.prepare<[number], PassageRow>(
      `SELECT * FROM passages WHERE thread_id = ? ORDER BY position`,
    );
    this.ofPostStmt = db.prepare<[number], PassageRow>(
      `SELECT * FROM passages WHERE post_id = ? AND superseded_at IS NULL ORDER BY position`,
    );
    this.countStmt = db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM passages WHERE thread_id = ?`);
    this.maxPositionStmt = db.prepare<[number], { p: number | null }>(
      `SELECT max(position) AS p FROM passages WHERE thread_id = ?`,
    );
  }

  insert(p: NewPassage): number {
    const id = Number(
      this.insertStmt.run(p.thread_id, p.post_id, p.position, p.text, p.text_hash, p.quoted_only ?? 0).lastInsertRowid,
    );
    const d = this.deferral;
    if (!d.active) {
      this.insertFtsStmt.run(id, p.text);
    } else {
      if (d.from === undefined || id < d.from) d.from = id;
      d.last = Math.max(d.last, id);
    }
    return id;
  }

  /** Marks a passage as replaced by an edit at the source; it stays for whatever cites it, out of search. */
  supersede(id: number, at: string): void {
    const text = this.text(id);
    if (text === undefined || this.supersedeStmt.run(at, id).changes === 0) return;
    // Not indexed yet: indexing will leave it out.
    if (this.deferral.active && this.deferral.from !== undefined && id >= this.deferral.from) return;
    // Search finds what a thread says now; the replaced text stays only for what cites it.
    this.unindexStmt.run(id, text);
  }

  /** Hands words first stored as a quotation to the post that wrote them. */
  claim(id: number, postId: number): void {
    this.claimStmt.run(postId, id);
  }

  quotedOnly(threadId: number): { id: number; text: string }[] {
    return this.quotedOnlyStmt.all(threadId);
  }

  text(id: number): string | undefined {
    return this.textStmt.get(id)?.text;
  }

  idByHash(threadId: number, textHash: string): number | undefined {
    return this.byHashStmt.get(threadId, textHash)?.id;
  }

  /** In reading order; iterated, so a long thread is never held in memory twice. */
  iterateThread(threadId: number): IterableIterator<PassageRow> {
    return this.ofThreadStmt.iterate(threadId);
  }

  /** The post's current passages (without those an edit replaced), in order. */
  ofPost(postId: number): PassageRow[] {
    return this.ofPostStmt.all(postId);
  }

  count(threadId: number): number {
    return this.countStmt.get(threadId)!.n;
  }

  nextPosition(threadId: number): number {
    return (this.maxPositionStmt.get(threadId)!.p ?? -1) + 1;
  }

  /** Takes a thread's passages out of the full-text index, before the thread is deleted. */
  unindexThread(threadId: number): void {
    this.unindexThreadStmt.run(threadId);
  }
}
