import type { Database } from '../sqlite';
import type { RowChange } from './rows';

export interface OpRow {
  id: number;
  label: string;
  changes: RowChange[];
}

/** The notebook's history, per scope: what undo takes back and redo does again. */
export class OpsStore {
  private readonly insertStmt;
  private readonly dropRedoStmt;
  private readonly lastDoneStmt;
  private readonly firstUndoneStmt;
  private readonly markStmt;
  private readonly countsStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare<[string, string, string, string], void>(
      `INSERT INTO notebook_ops (scope, label, changes, at) VALUES (?, ?, ?, ?)`,
    );
    this.dropRedoStmt = db.prepare<[string], void>(`DELETE FROM notebook_ops WHERE scope = ? AND undone = 1`);
    this.lastDoneStmt = db.prepare<[string], { id: number; label: string; changes: string }>(
      `SELECT id, label, changes FROM notebook_ops WHERE scope = ? AND undone = 0 ORDER BY id DESC LIMIT 1`,
    );
    this.firstUndoneStmt = db.prepare<[string], { id: number; label: string; changes: string }>(
      `SELECT id, label, changes FROM notebook_ops WHERE scope = ? AND undone = 1 ORDER BY id LIMIT 1`,
    );
    this.markStmt = db.prepare<[number, number], void>(`UPDATE notebook_ops SET undone = ? WHERE id = ?`);
    this.countsStmt = db.prepare<[string], { done: number; undone: number }>(
      `SELECT coalesce(sum(undone = 0), 0) AS done, coalesce(sum(undone = 1), 0) AS undone FROM notebook_ops WHERE scope = ?`,
    );
  }

  /** A new operation ends what redo could bring back. */
  record(scope: string, label: string, changes: RowChange[], at: string): void {
    this.dropRedoStmt.run(scope);
    this.insertStmt.run(scope, label, JSON.stringify(changes), at);
  }

  lastDone(scope: string): OpRow | undefined {
    return parse(this.lastDoneStmt.get(scope));
  }

  firstUndone(scope: string): OpRow | undefined {
    return parse(this.firstUndoneStmt.get(scope));
  }

  markUndone(id: number, undone: boolean): void {
    this.markStmt.run(undone ? 1 : 0, id);
  }

  counts(scope: string): { done: number; undone: number } {
    return this.countsStmt.get(scope)!;
  }
}

function parse(row: { id: number; label: string; changes: string } | undefined): OpRow | undefined {
  return row && { id: row.id, label: row.label, changes: JSON.parse(row.changes) as RowChange[] };
}
