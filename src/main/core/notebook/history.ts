import { CruxError } from '../errors';
import type { Stores } from '../store';
import { RecordedRows, type RowChange } from '../store/notebook/rows';

/** Undo histories: one per trail, one for the stance ledger, one for notes outside trails. */
export type Scope = `trail:${number}` | 'stances' | 'notes';

export function trailScope(trailId: number): Scope {
  return `trail:${trailId}`;
}

/**
 * Runs every notebook operation in one transaction and records the rows it changed, so that undo
 * and redo are exact for every operation, with no inverse written by hand per operation.
 */
export class History {
  constructor(private readonly stores: Stores) {}

  /** `scope` may depend on the result: a trail's history starts with its creation. */
  run<T>(scope: Scope | ((result: T) => Scope), label: string, at: string, operation: (rows: RecordedRows) => T): T {
    return this.stores.db.transaction(() => {
      const rows = new RecordedRows(this.stores.notebook.rows);
      const result = operation(rows);
      const into = typeof scope === 'function' ? scope(result) : scope;
      if (rows.changes.length > 0) this.stores.notebook.ops.record(into, label, rows.changes, at);
      return result;
    })();
  }

  /** Takes back the scope's last operation; returns its label, or undefined when there is none. */
  undo(scope: Scope): string | undefined {
    return this.stores.db.transaction(() => {
      const op = this.stores.notebook.ops.lastDone(scope);
      if (!op) return undefined;
      this.apply([...op.changes].reverse(), 'before', op.label);
      this.stores.notebook.ops.markUndone(op.id, true);
      return op.label;
    })();
  }

  redo(scope: Scope): string | undefined {
    return this.stores.db.transaction(() => {
      const op = this.stores.notebook.ops.firstUndone(scope);
      if (!op) return undefined;
      this.apply(op.changes, 'after', op.label);
      this.stores.notebook.ops.markUndone(op.id, false);
      return op.label;
    })();
  }

  counts(scope: Scope): { canUndo: boolean; canRedo: boolean } {
    const { done, undone } = this.stores.notebook.ops.counts(scope);
    return { canUndo: done > 0, canRedo: undone > 0 };
  }

  private apply(changes: RowChange[], image: 'before' | 'after', label: string): void {
    // Rows reappear in an order that may briefly leave a reference dangling; it is checked at commit.
    this.stores.db.pragma('defer_foreign_keys = ON');
    try {
      for (const change of changes) this.stores.notebook.rows.put(change.table, change.id, change[image]);
    } catch (e) {
      throw new CruxError(
        'bad-input',
        `cannot ${image === 'before' ? 'undo' : 'redo'} "${label}": ${(e as Error).message}`,
      );
    }
  }
}
