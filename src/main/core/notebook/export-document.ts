import type { CitedPassage } from '../../../shared/model/notebook';
import type { ExportedNote, ExportedStep, ExportedTrail } from '../export/document';
import { noteToMarkdown, type PassageReference } from '../notes';
import { citedPassage } from '../store/notebook/citations';
import type { NoteRow } from '../store/notebook/rows';
import type { NotebookContext } from './context';
import { noteTitle } from './note-content';
import { liveTrail, stepViews } from './trails';

/** A trail with everything resolved for the exporters: cited words, attribution, notes as Markdown. */
export function exportedTrail(ctx: NotebookContext, trailId: number): ExportedTrail {
  const row = liveTrail(ctx, trailId);
  const cite = citer(ctx);
  const steps = stepViews(ctx, trailId, { cite });
  const positionOf = new Map(steps.map((s) => [s.id, s.position]));
  return {
    id: row.id,
    title: row.title,
    descriptionMarkdown: row.description_state === null ? null : noteToMarkdown(row.description_state, { cite }),
    tags: JSON.parse(row.tags) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    steps: steps.map(({ id, position, relation, to, stance, confidence, span, cited, noteMarkdown }): ExportedStep => ({
      id,
      position,
      relation,
      toPosition: to === null ? null : (positionOf.get(to) ?? null),
      stance,
      confidence,
      span,
      cited,
      noteMarkdown,
    })),
  };
}

/** Notes that belong to no step, for the notebook export. */
export function exportedNotes(ctx: NotebookContext): ExportedNote[] {
  const cite = citer(ctx);
  return ctx.stores.notebook.notes
    .list()
    .filter((n) => n.target_kind !== 'step')
    .map((n) => ({
      id: n.id,
      title: noteTitle(n.text),
      about: about(ctx, n),
      createdAt: n.created_at,
      updatedAt: n.updated_at,
      markdown: noteToMarkdown(n.state, { cite }),
    }));
}

/** A passage reference as it reads now, or null when its passage is gone (the note's snapshot then serves). */
function citer(ctx: NotebookContext): (ref: PassageReference) => CitedPassage | null {
  return ({ passageId, span }) => {
    const citationId = ctx.stores.notebook.citations.forExistingPassage(passageId);
    return citationId === undefined ? null : citedPassage(ctx.stores.notebook.citations.resolve(citationId), span);
  };
}

function about(ctx: NotebookContext, n: NoteRow): string | null {
  switch (n.target_kind) {
    case 'passage': {
      const c = citedPassage(ctx.stores.notebook.citations.resolve(n.citation_id!));
      return `passage ${c.passageId}${c.author ? ` by ${c.author}` : ''} in “${c.threadTitle}”${c.gone ? ' (source deleted)' : ''}`;
    }
    case 'thread':
      return `thread “${n.thread_title}”${n.thread_id === null ? ' (deleted)' : ''}`;
    case 'trail':
      return `trail “${ctx.stores.notebook.trails.get(n.trail_id!)?.title ?? n.trail_id}”`;
    default:
      return null;
  }
}
