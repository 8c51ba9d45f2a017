import type { Stance, StanceEntry } from '../../../shared/model/notebook';
import type { StanceFilter } from '../store/notebook/stances';
import { citedPassage } from '../store/notebook/citations';
import type { StanceRow } from '../store/notebook/rows';
import { atomic, type NotebookContext } from './context';
import { citationOf } from './note-content';
import { badInput, confidenceOf } from './validate';

/** Sets (or with a null stance, clears) the ledger's stance on a passage. */
export function setStance(
  ctx: NotebookContext,
  passageId: number,
  stance: Stance | null,
  confidence: number | null = null,
): void {
  return atomic(ctx, () => {
    const citationId = citationOf(ctx, passageId);
    const checked = confidenceOf(confidence);
    if (checked !== null && stance === null) throw badInput('a confidence needs a stance');
    const at = ctx.now();
    ctx.history.run(
      'stances',
      stance ? `set stance on passage ${passageId}` : `clear stance on passage ${passageId}`,
      at,
      (rows) => {
        const existing = ctx.stores.notebook.stances.ofCitation(citationId);
        if (stance === null) {
          if (existing) rows.delete('stances', existing.id);
        } else if (existing) {
          if (existing.stance !== stance || existing.confidence !== checked) {
            rows.update<StanceRow>('stances', existing.id, { stance, confidence: checked, updated_at: at });
          }
        } else {
          rows.insert<StanceRow>('stances', { citation_id: citationId, stance, confidence: checked, updated_at: at });
        }
      },
    );
  });
}

export function listStances(ctx: NotebookContext, filter: StanceFilter = {}): StanceEntry[] {
  return ctx.stores.notebook.stances.list(filter).map((row) => {
    const span = row.span_start === null || row.span_end === null ? null : { start: row.span_start, end: row.span_end };
    const cited = citedPassage(ctx.stores.notebook.citations.resolve(row.citation_id), span);
    return {
      passageId: cited.passageId,
      stance: row.stance as Stance,
      confidence: row.confidence,
      trailId: row.trail_id,
      stepId: row.step_id,
      updatedAt: row.updated_at,
      cited,
    };
  });
}

export function undoStances(ctx: NotebookContext): string | undefined {
  return ctx.history.undo('stances');
}

export function redoStances(ctx: NotebookContext): string | undefined {
  return ctx.history.redo('stances');
}
