import type { Database } from '../sqlite';
import type { StanceRow } from './rows';

export interface StanceFilter {
  stance?: string;
  author?: string;
  threadId?: number;
  trailId?: number;
  passageId?: number;
}

export interface StanceListRow {
  citation_id: number;
  stance: string;
  confidence: number | null;
  trail_id: number | null;
  step_id: number | null;
  span_start: number | null;
  span_end: number | null;
  updated_at: string;
}

/**
 * The stance ledger: stances set on passages directly, and those set on trail steps, in one query,
 * so that "every passage I disagree with by X" finds both.
 */
export class StancesStore {
  private readonly byCitationStmt;
  private readonly listStmt;
  private readonly ledgerStmt;

  constructor(db: Database) {
    this.byCitationStmt = db.prepare<[number], StanceRow>(`SELECT * FROM stances WHERE citation_id = ?`);
    this.ledgerStmt = db.prepare<[], StanceRow>(`SELECT * FROM stances ORDER BY id`);
    this.listStmt = db.prepare<Required<{ [K in keyof StanceFilter]: StanceFilter[K] | null }>, StanceListRow>(`
      SELECT x.* FROM (
        SELECT citation_id, stance, confidence, NULL AS trail_id, NULL AS step_id,
               NULL AS span_start, NULL AS span_end, updated_at
        FROM stances
        UNION ALL
        SELECT s.citation_id, s.stance, s.confidence, s.trail_id, s.id, s.span_start, s.span_end, t.updated_at
        FROM trail_steps s JOIN trails t ON t.id = s.trail_id
        WHERE s.stance IS NOT NULL AND t.deleted_at IS NULL
      ) x
      JOIN citations c ON c.id = x.citation_id
      LEFT JOIN passages p ON p.id = c.passage_id
      LEFT JOIN posts po ON po.id = p.post_id
      WHERE (@stance IS NULL OR x.stance = @stance)
        AND (@author IS NULL OR (CASE WHEN p.id IS NULL THEN c.author ELSE po.author END) = @author COLLATE NOCASE)
        AND (@threadId IS NULL OR c.thread_id = @threadId)
        AND (@trailId IS NULL OR x.trail_id = @trailId)
        AND (@passageId IS NULL OR c.passage_id = @passageId)
      ORDER BY c.thread_id IS NULL, c.thread_id, c.cited_passage_id, x.trail_id IS NOT NULL, x.trail_id, x.step_id`);
  }

  ofCitation(citationId: number): StanceRow | undefined {
    return this.byCitationStmt.get(citationId);
  }

  /** The ledger alone, oldest first. */
  ledger(): StanceRow[] {
    return this.ledgerStmt.all();
  }

  list(filter: StanceFilter): StanceListRow[] {
    return this.listStmt.all({
      stance: filter.stance ?? null,
      author: filter.author ?? null,
      threadId: filter.threadId ?? null,
      trailId: filter.trailId ?? null,
      passageId: filter.passageId ?? null,
    });
  }
}
