import type { Database } from '../sqlite';
import type { StepRow, TrailRow } from './rows';

export interface TrailListRow {
  id: number;
  title: string;
  tags: string;
  steps: number;
  created_at: string;
  updated_at: string;
}

export interface CitingStepRow {
  trail_id: number;
  trail_title: string;
  step_id: number;
  position: number;
  relation: string | null;
}

/** Reads of trails and their steps; writes go through RecordedRows so that undo can reverse them. */
export class TrailsStore {
  private readonly listStmt;
  private readonly getStmt;
  private readonly byUidStmt;
  private readonly stepsStmt;
  private readonly stepStmt;
  private readonly citingStmt;
  private readonly pointingStmt;

  constructor(db: Database) {
    this.listStmt = db.prepare<[], TrailListRow>(`
      SELECT t.id, t.title, t.tags, t.created_at, t.updated_at,
             (SELECT count(*) FROM trail_steps s WHERE s.trail_id = t.id) AS steps
      FROM trails t WHERE t.deleted_at IS NULL ORDER BY t.id`);
    this.getStmt = db.prepare<[number], TrailRow>(`SELECT * FROM trails WHERE id = ?`);
    this.byUidStmt = db.prepare<[string], TrailRow>(`SELECT * FROM trails WHERE uid = ?`);
    this.stepsStmt = db.prepare<[number], StepRow>(`SELECT * FROM trail_steps WHERE trail_id = ? ORDER BY position`);
    this.stepStmt = db.prepare<[number], StepRow>(`SELECT * FROM trail_steps WHERE id = ?`);
    this.citingStmt = db.prepare<[number], CitingStepRow>(`
      SELECT t.id AS trail_id, t.title AS trail_title, s.id AS step_id, s.position, s.relation
      FROM citations c JOIN trail_steps s ON s.citation_id = c.id JOIN trails t ON t.id = s.trail_id
      WHERE c.passage_id = ? AND t.deleted_at IS NULL ORDER BY t.id, s.position`);
    this.pointingStmt = db.prepare<[number], StepRow>(`SELECT * FROM trail_steps WHERE to_step = ? ORDER BY position`);
  }

  list(): TrailListRow[] {
    return this.listStmt.all();
  }

  /** Deleted trails too: undo needs them. */
  get(id: number): TrailRow | undefined {
    return this.getStmt.get(id);
  }

  byUid(uid: string): TrailRow | undefined {
    return this.byUidStmt.get(uid);
  }

  steps(trailId: number): StepRow[] {
    return this.stepsStmt.all(trailId);
  }

  step(id: number): StepRow | undefined {
    return this.stepStmt.get(id);
  }

  /** Steps that answer the given step. */
  answering(stepId: number): StepRow[] {
    return this.pointingStmt.all(stepId);
  }

  citing(passageId: number): CitingStepRow[] {
    return this.citingStmt.all(passageId);
  }
}
