import type { Database } from './sqlite';

export interface ImportRow {
  thread_id: number;
  source: string;
  content_hash: string;
  format: string;
  imported_at: string;
  new_passages: number;
}

export class ImportsStore {
  private readonly insertStmt;
  private readonly byHashStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare<[number, string, string, string, string, number], void>(
      `INSERT INTO imports (thread_id, source, content_hash, format, imported_at, new_passages)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.byHashStmt = db.prepare<[string, string], { thread_id: number }>(
      `SELECT DISTINCT thread_id FROM imports WHERE content_hash = ? AND format = ? ORDER BY thread_id`,
    );
  }

  record(r: ImportRow): void {
    this.insertStmt.run(r.thread_id, r.source, r.content_hash, r.format, r.imported_at, r.new_passages);
  }

  /** The threads that these exact bytes, read as `format`, were imported into before. */
  threadsForContent(contentHash: string, format: string): number[] {
    return this.byHashStmt.all(contentHash, format).map((r) => r.thread_id);
  }
}
