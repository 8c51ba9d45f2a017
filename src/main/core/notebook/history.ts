import { CruxError } from '../errors';
import type { Stores } from '../store';
import { RecordedRows } from '../store/notebook/rows';

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
    return this.replay(scope, 'undo');
  }

  redo(scope: Scope): string | undefined {
    return this.replay(scope, 'redo');
  }

  counts(scope: Scope): { canUndo: boolean; canRedo: boolean } {
    const { done, undone } = this.stores.notebook.ops.counts(scope);
    return { canUndo: done > 0, canRedo: undone > 0 };
  }

  private replay(scope: Scope, verb: 'undo' | 'redo'): string | undefined {
    const { ops, rows } = this.stores.notebook;
    const op = verb === 'undo' ? ops.lastDone(scope) : ops.firstUndone(scope);
    if (!op) return undefined;
    try {
      this.stores.db.transaction(() => {
        // Rows come back in an order that may leave a reference dangling for a moment: foreign keys
        // are checked at commit.
        this.stores.db.pragma('defer_foreign_keys = ON');
        const changes = verb === 'undo' ? [...op.changes].reverse() : op.changes;
        for (const change of changes) rows.put(change.table, change.id, change[verb === 'undo' ? 'before' : 'after']);
        ops.markUndone(op.id, verb === 'undo');
      })();
    } catch (e) {
      // A row it would bring back refers to something deleted since (a thread, say).
      throw new CruxError(
        'bad-input',
        `cannot ${verb} "${op.label}": what it would bring back refers to something deleted since (${(e as Error).message})`,
      );
    }
    return op.label;
  }
}
