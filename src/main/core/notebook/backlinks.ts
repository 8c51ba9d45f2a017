import type { Backlinks, Relation } from '../../../shared/model/notebook';
import type { NotebookContext } from './context';
import { noteSummary } from './notes';
import { listStances } from './stances';
import { badInput } from './validate';

/** Every trail step, stance and note that cites a passage. */
export function backlinks(ctx: NotebookContext, passageId: number): Backlinks {
  if (!Number.isSafeInteger(passageId) || ctx.stores.passages.text(passageId) === undefined) {
    throw badInput(`passage ${passageId} does not exist (see: crux show <threadId>, crux search)`);
  }
  return {
    passageId,
    steps: ctx.stores.notebook.trails.citing(passageId).map((s) => ({
      trailId: s.trail_id,
      trailTitle: s.trail_title,
      stepId: s.step_id,
      position: s.position,
      relation: s.relation as Relation | null,
    })),
    stances: listStances(ctx, { passageId }),
    notes: ctx.stores.notebook.notes.citing(passageId).map((n) => noteSummary(ctx, n)),
  };
}
