import type { CitedPassage, Relation, Stance } from '../../../shared/model/notebook';
import type { ExportedNote, ExportedStep, ExportedTrail } from '../export/document';
import { noteToMarkdown, type PassageReference } from '../notes';
import { citedPassage } from '../store/notebook/citations';
import type { NoteRow } from '../store/notebook/rows';
import type { NotebookContext } from './context';
import { noteTitle } from './note-content';
import { stepSpan } from './trails';
import { liveTrail } from './trails';

/** A trail with everything resolved for the exporters: cited words, attribution, notes as Markdown. */
export function exportedTrail(ctx: NotebookContext, trailId: number): ExportedTrail {
  const row = liveTrail(ctx, trailId);
  const steps = ctx.stores.notebook.trails.steps(trailId);
  const positionOf = new Map(steps.map((s) => [s.id, s.position]));
  const cite = citer(ctx);
  const notes = new Map(ctx.stores.notebook.notes.list({ trailId }).map((n) => [n.step_id, n]));
  const citations = ctx.stores.notebook.citations.resolveTrail(trailId);
  return {
    id: row.id,
    title: row.title,
    descriptionMarkdown: row.description_state === null ? null : noteToMarkdown(row.description_state, { cite }),
    tags: JSON.parse(row.tags) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    steps: steps.map((s): ExportedStep => {
      const span = stepSpan(s);
      const note = notes.get(s.id);
      return {
        id: s.id,
        position: s.position,
        relation: s.relation as Relation | null,
        toPosition: s.to_step === null ? null : (positionOf.get(s.to_step) ?? null),
        stance: s.stance as Stance | null,
        confidence: s.confidence,
        span,
        cited: citedPassage(citations.get(s.citation_id)!, span),
        noteMarkdown: note ? noteToMarkdown(note.state, { cite }) : null,
      };
    }),
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
