import type { Database } from './sqlite';

export interface PassageRow {
  id: number;
  thread_id: number;
  post_id: number;
  position: number;
  text: string;
  text_hash: string;
}

/** Passages and their full-text index, kept in step here rather than by per-row triggers (see 0020). */
export class PassagesStore {
  private readonly insertStmt;
  private readonly insertFtsStmt;
  private readonly textStmt;
  private readonly byHashStmt;
  private readonly ofThreadStmt;
  private readonly ofPostStmt;
  private readonly countStmt;
  private readonly maxPositionStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare<[number, number, number, string, string], void>(
      `INSERT INTO passages (thread_id, post_id, position, text, text_hash) VALUES (?, ?, ?, ?, ?)`,
    );
    this.insertFtsStmt = db.prepare<[number, string], void>(`INSERT INTO passages_fts (rowid, text) VALUES (?, ?)`);
    this.textStmt = db.prepare<[number], { text: string }>(`SELECT text FROM passages WHERE id = ?`);
    this.byHashStmt = db.prepare<[number, string], { id: number }>(
      `SELECT id FROM passages WHERE thread_id = ? AND text_hash = ?`,
    );
    this.ofThreadStmt = db.prepare<[number], PassageRow>(
      `SELECT * FROM passages WHERE thread_id = ? ORDER BY position`,
    );
    this.ofPostStmt = db.prepare<[number], PassageRow>(`SELECT * FROM passages WHERE post_id = ? ORDER BY position`);
    this.countStmt = db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM passages WHERE thread_id = ?`);
    this.maxPositionStmt = db.prepare<[number], { p: number | null }>(
      `SELECT max(position) AS p FROM passages WHERE thread_id = ?`,
    );
  }

  insert(p: Omit<PassageRow, 'id'>): number {
    const id = Number(this.insertStmt.run(p.thread_id, p.post_id, p.position, p.text, p.text_hash).lastInsertRowid);
    this.insertFtsStmt.run(id, p.text);
    return id;
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

  ofPost(postId: number): PassageRow[] {
    return this.ofPostStmt.all(postId);
  }

  count(threadId: number): number {
    return this.countStmt.get(threadId)!.n;
  }

  nextPosition(threadId: number): number {
    return (this.maxPositionStmt.get(threadId)!.p ?? -1) + 1;
  }
}
