import type { ThreadFormat, ThreadSummary } from '../../../shared/model/library';
import type { Database } from './sqlite';

export interface ThreadRow {
  id: number;
  title: string;
  source: string;
  format: ThreadFormat;
  identity: string;
  content_hash: string;
  imported_at: string;
  updated_at: string;
  url: string | null;
  title_provisional: number;
}

export class ThreadsStore {
  private readonly insertStmt;
  private readonly retitleStmt;
  private readonly byIdStmt;
  private readonly byIdentityStmt;
  private readonly touchStmt;
  private readonly listStmt;
  private readonly deleteStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare<[string, string, string, string, string, string, string, string | null, number], void>(
      `INSERT INTO threads (title, source, format, identity, content_hash, imported_at, updated_at, url, title_provisional)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.retitleStmt = db.prepare<[string, number], void>(
      `UPDATE threads SET title = ?, title_provisional = 0 WHERE id = ? AND title_provisional = 1`,
    );
    this.byIdStmt = db.prepare<[number], ThreadRow>(`SELECT * FROM threads WHERE id = ?`);
    this.byIdentityStmt = db.prepare<[string, string], ThreadRow>(
      `SELECT * FROM threads WHERE identity = ? AND format = ? ORDER BY id LIMIT 1`,
    );
    this.touchStmt = db.prepare<[string, string, string, number], void>(
      `UPDATE threads SET content_hash = ?, source = ?, updated_at = ? WHERE id = ?`,
    );
    this.listStmt = db.prepare<[], ThreadSummary>(
      `SELECT t.id, t.title, t.format, t.imported_at AS importedAt,
              (SELECT count(*) FROM posts p WHERE p.thread_id = t.id) AS posts,
              (SELECT count(*) FROM passages s WHERE s.thread_id = t.id) AS passages
         FROM threads t ORDER BY t.imported_at DESC, t.id DESC`,
    );
    this.deleteStmt = db.prepare<[number], void>(`DELETE FROM threads WHERE id = ?`);
  }

  insert(
    t: Omit<ThreadRow, 'id' | 'updated_at' | 'url' | 'title_provisional'> & {
      url?: string | null;
      title_provisional?: number;
    },
  ): number {
    const info = this.insertStmt.run(
      t.title,
      t.source,
      t.format,
      t.identity,
      t.content_hash,
      t.imported_at,
      t.imported_at,
      t.url ?? null,
      t.title_provisional ?? 0,
    );
    return Number(info.lastInsertRowid);
  }

  /** Replaces a stand-in title with the real one, once a source gives it. */
  replaceProvisionalTitle(id: number, title: string): void {
    this.retitleStmt.run(title, id);
  }

  byId(id: number): ThreadRow | undefined {
    return this.byIdStmt.get(id);
  }

  byIdentity(identity: string, format: ThreadFormat): ThreadRow | undefined {
    return this.byIdentityStmt.get(identity, format);
  }

  recordUpdate(id: number, contentHash: string, source: string, at: string): void {
    this.touchStmt.run(contentHash, source, at, id);
  }

  list(): ThreadSummary[] {
    return this.listStmt.all();
  }

  /** Its posts, passages, links and imports go with it (ON DELETE CASCADE); see deleteThread. */
  delete(id: number): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }
}
