import type { Relation, Span, Stance, Trail, TrailStep, TrailSummary } from '../../../shared/model/notebook';
import { noteToMarkdown } from '../notes';
import { citedPassage } from '../store/notebook/citations';
import type { RecordedRows, StepRow, TrailRow } from '../store/notebook/rows';
import { atomic, type NotebookContext } from './context';
import { trailScope } from './history';
import { citationOf, deleteNoteRows, noteContent, syncNoteCitations, type NoteInput } from './note-content';
import { badInput, checkSpan, confidenceOf, tagsOf, titleOf } from './validate';

export interface NewTrail {
  title: string;
  description?: NoteInput | null;
  tags?: string[];
}

export interface TrailEdit {
  title?: string;
  /** null removes the description. */
  description?: NoteInput | null;
  tags?: string[];
}

export interface NewStep {
  passageId: number;
  span?: Span | null;
  relation?: Relation | null;
  /** The step this one answers; default: the last step. */
  to?: number | null;
  stance?: Stance | null;
  confidence?: number | null;
  note?: NoteInput | null;
  /** 1-based place to insert at; default: the end. */
  position?: number;
}

export function listTrails(ctx: NotebookContext): TrailSummary[] {
  return ctx.stores.notebook.trails.list().map((t) => ({
    id: t.id,
    title: t.title,
    tags: JSON.parse(t.tags) as string[],
    steps: t.steps,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
  }));
}

export function getTrail(ctx: NotebookContext, trailId: number): Trail {
  const row = liveTrail(ctx, trailId);
  return {
    id: row.id,
    title: row.title,
    tags: JSON.parse(row.tags) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    descriptionMarkdown: row.description_state === null ? null : noteToMarkdown(row.description_state),
    steps: stepViews(ctx, trailId),
    ...ctx.history.counts(trailScope(trailId)),
  };
}

/**
 * The trail's steps with what they cite and their notes, in a few queries whatever the length.
 * Notes come in the form markdownToNote reads, or with `cite` as a document (see noteToMarkdown).
 */
export function stepViews(
  ctx: NotebookContext,
  trailId: number,
  noteForm: Parameters<typeof noteToMarkdown>[1] = {},
): TrailStep[] {
  const citations = ctx.stores.notebook.citations.resolveTrail(trailId);
  const notes = new Map(ctx.stores.notebook.notes.list({ trailId }).map((n) => [n.step_id, n]));
  return ctx.stores.notebook.trails.steps(trailId).map((s) => {
    const span = stepSpan(s);
    const citation = citations.get(s.citation_id)!;
    const note = notes.get(s.id);
    return {
      id: s.id,
      position: s.position,
      passageId: citation.passageId ?? citation.citedPassageId,
      span,
      relation: s.relation as Relation | null,
      to: s.to_step,
      stance: s.stance as Stance | null,
      confidence: s.confidence,
      noteMarkdown: note ? noteToMarkdown(note.state, noteForm) : null,
      cited: citedPassage(citation, span),
    };
  });
}

export function stepSpan(s: StepRow): Span | null {
  return s.span_start === null || s.span_end === null ? null : { start: s.span_start, end: s.span_end };
}

export function createTrail(ctx: NotebookContext, input: NewTrail): number {
  return atomic(ctx, (): number => {
    const title = titleOf(input.title);
    const tags = tagsOf(input.tags ?? []);
    const description = input.description ? noteContent(ctx, input.description, 'description').state : null;
    const at = ctx.now();
    return ctx.history.run(trailScope, 'create trail', at, (rows) =>
      rows.insert<TrailRow>('trails', {
        uid: ctx.newUid(),
        title,
        description_state: description,
        tags: JSON.stringify(tags),
        created_at: at,
        updated_at: at,
        deleted_at: null,
      }),
    );
  });
}

export function editTrail(ctx: NotebookContext, trailId: number, edit: TrailEdit): void {
  return atomic(ctx, () => {
    liveTrail(ctx, trailId);
    const patch: Partial<TrailRow> = {};
    if (edit.title !== undefined) patch.title = titleOf(edit.title);
    if (edit.tags !== undefined) patch.tags = JSON.stringify(tagsOf(edit.tags));
    if (edit.description !== undefined) {
      patch.description_state =
        edit.description === null ? null : noteContent(ctx, edit.description, 'description').state;
    }
    onTrail(ctx, trailId, 'edit trail', (rows) => rows.update<TrailRow>('trails', trailId, patch));
  });
}

export function addStep(ctx: NotebookContext, trailId: number, input: NewStep): number {
  return atomic(ctx, (): number => {
    liveTrail(ctx, trailId);
    const citationId = citationOf(ctx, input.passageId);
    const citation = ctx.stores.notebook.citations.resolve(citationId);
    if (citation.passageId === null)
      throw badInput(`passage ${input.passageId} was deleted with its thread; it can no longer be added`);
    const span = checkSpan(input.span, citation.text, input.passageId);
    const steps = ctx.stores.notebook.trails.steps(trailId);
    const position = input.position ?? steps.length + 1;
    if (!Number.isInteger(position) || position < 1 || position > steps.length + 1) {
      throw badInput(`position ${position} is outside trail ${trailId}, which has ${steps.length} steps`);
    }
    const earlier = steps.slice(0, position - 1);
    const to = input.to === undefined ? (earlier.at(-1)?.id ?? null) : input.to;
    if (to !== null && !earlier.some((s) => s.id === to)) {
      throw badInput(`step ${to} is not an earlier step of trail ${trailId}; a step answers a step before it`);
    }
    const relation = input.relation ?? null;
    if (relation !== null && to === null)
      throw badInput(`the first step of a trail answers no step, so it takes no relation`);
    const stance = input.stance ?? null;
    const confidence = confidenceOf(input.confidence);
    if (confidence !== null && stance === null) throw badInput('a confidence needs a stance (--stance)');
    const note = input.note ? noteContent(ctx, input.note) : null;

    return onTrail(ctx, trailId, 'add step', (rows) => {
      for (const later of steps.slice(position - 1)) {
        rows.update<StepRow>('trail_steps', later.id, { position: later.position + 1 });
      }
      const stepId = rows.insert<StepRow>('trail_steps', {
        trail_id: trailId,
        position,
        citation_id: citationId,
        span_start: span?.start ?? null,
        span_end: span?.end ?? null,
        relation,
        to_step: to,
        stance,
        confidence,
      });
      if (note) writeStepNote(ctx, rows, trailId, stepId, note);
      return stepId;
    });
  });
}

export function moveStep(ctx: NotebookContext, trailId: number, stepId: number, position: number): void {
  const steps = ctx.stores.notebook.trails.steps(trailId);
  const step = stepOf(ctx, trailId, stepId);
  if (!Number.isInteger(position) || position < 1 || position > steps.length) {
    throw badInput(`position ${position} is outside trail ${trailId}, which has ${steps.length} steps`);
  }
  const order = steps.filter((s) => s.id !== stepId);
  order.splice(position - 1, 0, step);
  const placeOf = new Map(order.map((s, i) => [s.id, i + 1]));
  for (const s of order) {
    if (s.to_step !== null && placeOf.get(s.to_step)! >= placeOf.get(s.id)!) {
      throw badInput(
        `step ${s.id} answers step ${s.to_step}, which would then come after it; relate step ${s.id} to an earlier step first (crux trail relate)`,
      );
    }
  }
  onTrail(ctx, trailId, 'move step', (rows) => {
    for (const s of order) rows.update<StepRow>('trail_steps', s.id, { position: placeOf.get(s.id)! });
  });
}

export function relateStep(
  ctx: NotebookContext,
  trailId: number,
  stepId: number,
  relation: Relation | null,
  to?: number,
): void {
  const step = stepOf(ctx, trailId, stepId);
  const earlier = ctx.stores.notebook.trails.steps(trailId).filter((s) => s.position < step.position);
  const target = to ?? step.to_step ?? earlier.at(-1)?.id ?? null;
  if (target !== null && !earlier.some((s) => s.id === target)) {
    throw badInput(`step ${target} is not an earlier step of trail ${trailId}; a step answers a step before it`);
  }
  if (relation !== null && target === null) throw badInput(`step ${stepId} is the first step: it answers no step`);
  onTrail(ctx, trailId, 'relate step', (rows) =>
    rows.update<StepRow>('trail_steps', stepId, { relation, to_step: target }),
  );
}

export function setStepStance(
  ctx: NotebookContext,
  trailId: number,
  stepId: number,
  stance: Stance | null,
  confidence: number | null = null,
): void {
  stepOf(ctx, trailId, stepId);
  const checked = confidenceOf(confidence);
  if (checked !== null && stance === null) throw badInput('a confidence needs a stance');
  onTrail(ctx, trailId, stance ? 'set stance' : 'clear stance', (rows) =>
    rows.update<StepRow>('trail_steps', stepId, { stance, confidence: checked }),
  );
}

export function setStepNote(ctx: NotebookContext, trailId: number, stepId: number, input: NoteInput | null): void {
  return atomic(ctx, () => {
    stepOf(ctx, trailId, stepId);
    const note = input ? noteContent(ctx, input) : null;
    onTrail(ctx, trailId, note ? 'write note' : 'remove note', (rows) => {
      if (note) writeStepNote(ctx, rows, trailId, stepId, note);
      else {
        const existing = ctx.stores.notebook.notes.ofStep(stepId);
        if (existing) deleteNoteRows(ctx, rows, existing);
      }
    });
  });
}

export function removeStep(ctx: NotebookContext, trailId: number, stepId: number): void {
  const step = stepOf(ctx, trailId, stepId);
  onTrail(ctx, trailId, 'remove step', (rows) => {
    // What answered the removed step now answers what it answered.
    for (const answer of ctx.stores.notebook.trails.answering(stepId)) {
      rows.update<StepRow>('trail_steps', answer.id, {
        to_step: step.to_step,
        relation: step.to_step === null ? null : answer.relation,
      });
    }
    const note = ctx.stores.notebook.notes.ofStep(stepId);
    if (note) deleteNoteRows(ctx, rows, note);
    rows.delete('trail_steps', stepId);
    for (const later of ctx.stores.notebook.trails.steps(trailId).filter((s) => s.position > step.position)) {
      rows.update<StepRow>('trail_steps', later.id, { position: later.position - 1 });
    }
  });
}

export function deleteTrail(ctx: NotebookContext, trailId: number): void {
  liveTrail(ctx, trailId);
  onTrail(ctx, trailId, 'delete trail', (rows) => rows.update<TrailRow>('trails', trailId, { deleted_at: ctx.now() }));
}

export function undoTrail(ctx: NotebookContext, trailId: number): string | undefined {
  withHistory(ctx, trailId);
  return ctx.history.undo(trailScope(trailId));
}

export function redoTrail(ctx: NotebookContext, trailId: number): string | undefined {
  withHistory(ctx, trailId);
  return ctx.history.redo(trailScope(trailId));
}

/** Undo may have taken back the trail's creation; redo can still bring it back. */
function withHistory(ctx: NotebookContext, trailId: number): void {
  const { canUndo, canRedo } = ctx.history.counts(trailScope(trailId));
  if (!canUndo && !canRedo) anyTrail(ctx, trailId);
}

/** A trail operation: recorded in the trail's history, and the trail's updated time moves. */
function onTrail<T>(ctx: NotebookContext, trailId: number, label: string, operation: (rows: RecordedRows) => T): T {
  const at = ctx.now();
  return ctx.history.run(trailScope(trailId), label, at, (rows) => {
    const result = operation(rows);
    if (rows.changes.length > 0) rows.update<TrailRow>('trails', trailId, { updated_at: at });
    return result;
  });
}

function writeStepNote(
  ctx: NotebookContext,
  rows: RecordedRows,
  trailId: number,
  stepId: number,
  note: { state: string; text: string; citationIds: number[] },
): void {
  const existing = ctx.stores.notebook.notes.ofStep(stepId);
  const at = ctx.now();
  const noteId = existing
    ? (rows.update('notes', existing.id, { state: note.state, text: note.text, updated_at: at }), existing.id)
    : rows.insert('notes', {
        uid: ctx.newUid(),
        target_kind: 'step',
        trail_id: trailId,
        step_id: stepId,
        state: note.state,
        text: note.text,
        created_at: at,
        updated_at: at,
      });
  syncNoteCitations(ctx, rows, noteId, note.citationIds);
}

export function liveTrail(ctx: NotebookContext, trailId: number): TrailRow {
  const row = anyTrail(ctx, trailId);
  if (row.deleted_at) throw badInput(`trail ${trailId} was deleted (crux trail undo ${trailId} brings it back)`);
  return row;
}

function anyTrail(ctx: NotebookContext, trailId: number): TrailRow {
  const row = Number.isSafeInteger(trailId) ? ctx.stores.notebook.trails.get(trailId) : undefined;
  if (!row) throw badInput(`trail ${trailId} does not exist (see: crux trail list)`);
  return row;
}

function stepOf(ctx: NotebookContext, trailId: number, stepId: number): StepRow {
  liveTrail(ctx, trailId);
  const step = Number.isSafeInteger(stepId) ? ctx.stores.notebook.trails.step(stepId) : undefined;
  if (!step || step.trail_id !== trailId)
    throw badInput(`step ${stepId} is not in trail ${trailId} (see: crux trail show ${trailId})`);
  return step;
}
