import type { Database } from '../sqlite';
import type { NoteRow } from './rows';

export interface NoteFilter {
  passageId?: number;
  threadId?: number;
  trailId?: number;
}

export interface NoteMatchRow {
  id: number;
  text: string;
  score: number;
  snippet: string;
}

/** Reads of notes; writes go through RecordedRows so that undo can reverse them. */
export class NotesStore {
  private readonly getStmt;
  private readonly byUidStmt;
  private readonly ofStepStmt;
  private readonly listStmt;
  private readonly citationsStmt;
  private readonly citingStmt;
  private readonly matchStmt;
  private readonly countStmt;

  constructor(db: Database) {
    this.getStmt = db.prepare<[number], NoteRow>(`SELECT * FROM notes WHERE id = ?`);
    this.byUidStmt = db.prepare<[string], NoteRow>(`SELECT * FROM notes WHERE uid = ?`);
    this.ofStepStmt = db.prepare<[number], NoteRow>(`SELECT * FROM notes WHERE step_id = ?`);
    this.listStmt = db.prepare<{ passageId: number | null; threadId: number | null; trailId: number | null }, NoteRow>(`
      SELECT n.* FROM notes n
      LEFT JOIN citations c ON c.id = n.citation_id
      LEFT JOIN trails t ON t.id = n.trail_id
      WHERE (t.id IS NULL OR t.deleted_at IS NULL)
        AND (@passageId IS NULL OR c.passage_id = @passageId)
        AND (@threadId IS NULL OR n.thread_id = @threadId OR c.thread_id = @threadId)
        AND (@trailId IS NULL OR n.trail_id = @trailId)
      ORDER BY n.id`);
    this.citationsStmt = db.prepare<[number], { id: number; citation_id: number }>(
      `SELECT id, citation_id FROM note_citations WHERE note_id = ? ORDER BY id`,
    );
    // Notes about the passage, and notes that embed a reference to it.
    this.citingStmt = db.prepare<[number, number], NoteRow>(`
      SELECT n.* FROM notes n
      LEFT JOIN trails t ON t.id = n.trail_id
      WHERE (t.id IS NULL OR t.deleted_at IS NULL)
        AND (n.citation_id IN (SELECT id FROM citations WHERE passage_id = ?)
             OR n.id IN (SELECT nc.note_id FROM note_citations nc JOIN citations c ON c.id = nc.citation_id
                         WHERE c.passage_id = ?))
      ORDER BY n.id`);
    this.matchStmt = db.prepare<[string, number], NoteMatchRow>(`
      SELECT f.rowid AS id, n.text, -bm25(notes_fts) AS score,
             snippet(notes_fts, 0, char(57344), char(57345), '…', 24) AS snippet
      FROM notes_fts f JOIN notes n ON n.id = f.rowid
      LEFT JOIN trails t ON t.id = n.trail_id
      WHERE notes_fts MATCH ? AND (t.id IS NULL OR t.deleted_at IS NULL)
      ORDER BY bm25(notes_fts) LIMIT ?`);
    this.countStmt = db.prepare<[string], { n: number }>(`
      SELECT count(*) AS n FROM notes_fts f JOIN notes n ON n.id = f.rowid
      LEFT JOIN trails t ON t.id = n.trail_id
      WHERE notes_fts MATCH ? AND (t.id IS NULL OR t.deleted_at IS NULL)`);
  }

  get(id: number): NoteRow | undefined {
    return this.getStmt.get(id);
  }

  byUid(uid: string): NoteRow | undefined {
    return this.byUidStmt.get(uid);
  }

  ofStep(stepId: number): NoteRow | undefined {
    return this.ofStepStmt.get(stepId);
  }

  list(filter: NoteFilter = {}): NoteRow[] {
    return this.listStmt.all({
      passageId: filter.passageId ?? null,
      threadId: filter.threadId ?? null,
      trailId: filter.trailId ?? null,
    });
  }

  citations(noteId: number): { id: number; citation_id: number }[] {
    return this.citationsStmt.all(noteId);
  }

  citing(passageId: number): NoteRow[] {
    return this.citingStmt.all(passageId, passageId);
  }

  /** Notes matching an FTS5 expression, best first, with a snippet marked like passage snippets. */
  match(expression: string, limit: number): { total: number; rows: NoteMatchRow[] } {
    return { total: this.countStmt.get(expression)!.n, rows: this.matchStmt.all(expression, limit) };
  }
}
