import type { Database } from '../sqlite';

/**
 * The notebook tables whose rows undo and redo restore. Each operation writes through
 * RecordedRows, which keeps the row before and after every write; undo puts the befores back.
 */
const COLUMNS = {
  trails: ['id', 'uid', 'title', 'description_state', 'tags', 'created_at', 'updated_at', 'deleted_at'],
  trail_steps: [
    'id',
    'trail_id',
    'position',
    'citation_id',
    'span_start',
    'span_end',
    'relation',
    'to_step',
    'stance',
    'confidence',
  ],
  notes: [
    'id',
    'uid',
    'target_kind',
    'citation_id',
    'thread_id',
    'thread_title',
    'trail_id',
    'step_id',
    'state',
    'text',
    'created_at',
    'updated_at',
  ],
  stances: ['id', 'citation_id', 'stance', 'confidence', 'updated_at'],
  note_citations: ['id', 'note_id', 'citation_id'],
} as const;

export type RecordedTable = keyof typeof COLUMNS;
export type Row = Record<string, string | number | null>;

export interface TrailRow {
  id: number;
  uid: string;
  title: string;
  description_state: string | null;
  tags: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface StepRow {
  id: number;
  trail_id: number;
  position: number;
  citation_id: number;
  span_start: number | null;
  span_end: number | null;
  relation: string | null;
  to_step: number | null;
  stance: string | null;
  confidence: number | null;
}

export interface NoteRow {
  id: number;
  uid: string;
  target_kind: 'none' | 'passage' | 'thread' | 'trail' | 'step';
  citation_id: number | null;
  thread_id: number | null;
  thread_title: string | null;
  trail_id: number | null;
  step_id: number | null;
  state: string;
  text: string;
  created_at: string;
  updated_at: string;
}

export interface StanceRow {
  id: number;
  citation_id: number;
  stance: string;
  confidence: number | null;
  updated_at: string;
}

export interface RowChange {
  table: RecordedTable;
  id: number;
  before: Row | null;
  after: Row | null;
}

interface TableStatements {
  get: { get(id: number): unknown };
  insert: { run(row: Row): { lastInsertRowid: number | bigint } };
  update: { run(row: Row): unknown };
  delete: { run(id: number): unknown };
}

/** Prepared statements for each recorded table, built once from the fixed column lists above. */
export class RowStatements {
  private readonly tables = new Map<RecordedTable, TableStatements>();

  constructor(db: Database) {
    for (const [table, columns] of Object.entries(COLUMNS) as [RecordedTable, readonly string[]][]) {
      const settable = columns.filter((c) => c !== 'id');
      this.tables.set(table, {
        get: db.prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE id = ?`),
        insert: db.prepare(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
        ),
        update: db.prepare(`UPDATE ${table} SET ${settable.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`),
        delete: db.prepare(`DELETE FROM ${table} WHERE id = ?`),
      });
    }
  }

  get(table: RecordedTable, id: number): Row | null {
    return (this.of(table).get.get(id) as Row | undefined) ?? null;
  }

  /** Makes the table hold `row` under `id`, or no row when `row` is null. */
  put(table: RecordedTable, id: number, row: Row | null): void {
    const s = this.of(table);
    const exists = s.get.get(id) !== undefined;
    if (row === null) {
      if (exists) s.delete.run(id);
    } else if (exists) s.update.run(row);
    else s.insert.run(row);
  }

  insert(table: RecordedTable, row: Row): number {
    return Number(this.of(table).insert.run({ ...blankRow(table), ...row, id: row.id ?? null }).lastInsertRowid);
  }

  private of(table: RecordedTable): TableStatements {
    return this.tables.get(table)!;
  }
}

function blankRow(table: RecordedTable): Row {
  return Object.fromEntries(COLUMNS[table].map((c) => [c, null]));
}

/** Writes that remember what they changed, for one operation. */
export class RecordedRows {
  readonly changes: RowChange[] = [];

  constructor(private readonly rows: RowStatements) {}

  insert<T extends object = Row>(table: RecordedTable, row: Omit<T, 'id'> & { id?: number }): number {
    const id = this.rows.insert(table, row as Row);
    this.changes.push({ table, id, before: null, after: this.rows.get(table, id) });
    return id;
  }

  update<T extends object = Row>(table: RecordedTable, id: number, patch: Partial<T>): void {
    const before = this.rows.get(table, id);
    if (!before) throw new Error(`${table} ${id} is missing`);
    const after: Row = { ...before, ...(patch as Row), id };
    if (Object.keys(after).every((k) => after[k] === before[k])) return;
    this.rows.put(table, id, after);
    this.changes.push({ table, id, before, after: this.rows.get(table, id) });
  }

  delete(table: RecordedTable, id: number): void {
    const before = this.rows.get(table, id);
    if (!before) return;
    this.rows.put(table, id, null);
    this.changes.push({ table, id, before, after: null });
  }
}
