import type { Database } from './sqlite';

export interface PostRow {
  id: number;
  thread_id: number;
  source_key: string;
  position: number;
  author: string | null;
  posted_at: string | null;
  parent_id: number | null;
}

export class PostsStore {
  private readonly insertStmt;
  private readonly byKeyStmt;
  private readonly ofThreadStmt;
  private readonly countStmt;
  private readonly maxPositionStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare<[number, string, number, string | null, string | null, number | null], void>(
      `INSERT INTO posts (thread_id, source_key, position, author, posted_at, parent_id) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.byKeyStmt = db.prepare<[number, string], PostRow>(
      `SELECT * FROM posts WHERE thread_id = ? AND source_key = ?`,
    );
    this.ofThreadStmt = db.prepare<[number], PostRow>(`SELECT * FROM posts WHERE thread_id = ? ORDER BY position, id`);
    this.countStmt = db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM posts WHERE thread_id = ?`);
    this.maxPositionStmt = db.prepare<[number], { p: number | null }>(
      `SELECT max(position) AS p FROM posts WHERE thread_id = ?`,
    );
  }

  insert(p: Omit<PostRow, 'id'>): number {
    return Number(
      this.insertStmt.run(p.thread_id, p.source_key, p.position, p.author, p.posted_at, p.parent_id).lastInsertRowid,
    );
  }

  byKey(threadId: number, sourceKey: string): PostRow | undefined {
    return this.byKeyStmt.get(threadId, sourceKey);
  }

  ofThread(threadId: number): PostRow[] {
    return this.ofThreadStmt.all(threadId);
  }

  count(threadId: number): number {
    return this.countStmt.get(threadId)!.n;
  }

  nextPosition(threadId: number): number {
    return (this.maxPositionStmt.get(threadId)!.p ?? -1) + 1;
  }
}
