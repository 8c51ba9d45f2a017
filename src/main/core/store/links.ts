import type { LinkKind, RespondsTo } from '../../../shared/model/library';
import type { Database } from './sqlite';

export interface LinkRow {
  from_passage: number;
  to_passage: number;
  kind: LinkKind;
  start: number;
  end: number;
}

export class LinksStore {
  private readonly insertStmt;
  private readonly fromStmt;
  private readonly countStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare<[number, number, string, number, number], void>(
      `INSERT OR IGNORE INTO links (from_passage, to_passage, kind, start, end) VALUES (?, ?, ?, ?, ?)`,
    );
    this.fromStmt = db.prepare<[number], RespondsTo>(
      `SELECT to_passage AS passageId, start, end, kind FROM links WHERE from_passage = ? ORDER BY id`,
    );
    this.countStmt = db.prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM links l JOIN passages p ON p.id = l.from_passage WHERE p.thread_id = ?`,
    );
  }

  /** Returns whether the link is new. */
  insert(l: LinkRow): boolean {
    return this.insertStmt.run(l.from_passage, l.to_passage, l.kind, l.start, l.end).changes > 0;
  }

  respondsTo(passageId: number): RespondsTo[] {
    return this.fromStmt.all(passageId);
  }

  countInThread(threadId: number): number {
    return this.countStmt.get(threadId)!.n;
  }
}
