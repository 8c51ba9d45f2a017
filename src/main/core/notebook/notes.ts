import type { Note, NoteSummary, NoteTarget } from '../../../shared/model/notebook';
import { noteToMarkdown } from '../notes';
import { citedPassage } from '../store/notebook/citations';
import type { NoteFilter } from '../store/notebook/notes';
import type { NoteRow } from '../store/notebook/rows';
import { atomic, type NotebookContext } from './context';
import { trailScope, type Scope } from './history';
import { citationOf, deleteNoteRows, noteContent, noteTitle, syncNoteCitations, type NoteInput } from './note-content';
import { liveTrail } from './trails';
import { badInput } from './validate';

/** What a new note is about; a step's note is written through the trail (setStepNote). */
export type NewNoteTarget =
  | { kind: 'none' }
  | { kind: 'passage'; passageId: number }
  | { kind: 'thread'; threadId: number }
  | { kind: 'trail'; trailId: number };

export function createNote(ctx: NotebookContext, target: NewNoteTarget, input: NoteInput): number {
  return atomic(ctx, (): number => {
    const content = noteContent(ctx, input);
    const at = ctx.now();
    const row: Omit<NoteRow, 'id'> = {
      uid: ctx.newUid(),
      target_kind: target.kind,
      citation_id: null,
      thread_id: null,
      thread_title: null,
      trail_id: null,
      step_id: null,
      state: content.state,
      text: content.text,
      created_at: at,
      updated_at: at,
    };
    if (target.kind === 'passage') row.citation_id = citationOf(ctx, target.passageId);
    if (target.kind === 'thread') {
      const thread = ctx.stores.threads.byId(target.threadId);
      if (!thread) throw badInput(`thread ${target.threadId} does not exist (see: crux threads)`);
      row.thread_id = thread.id;
      row.thread_title = thread.title;
    }
    if (target.kind === 'trail') row.trail_id = liveTrail(ctx, target.trailId).id;
    return ctx.history.run(scopeOf(row), 'write note', at, (rows) => {
      const id = rows.insert<NoteRow>('notes', row);
      syncNoteCitations(ctx, rows, id, content.citationIds);
      return id;
    });
  });
}

export function editNote(ctx: NotebookContext, noteId: number, input: NoteInput): void {
  return atomic(ctx, () => {
    const row = noteRow(ctx, noteId);
    const content = noteContent(ctx, input);
    const at = ctx.now();
    ctx.history.run(scopeOf(row), 'edit note', at, (rows) => {
      rows.update<NoteRow>('notes', noteId, { state: content.state, text: content.text, updated_at: at });
      syncNoteCitations(ctx, rows, noteId, content.citationIds);
    });
  });
}

export function deleteNote(ctx: NotebookContext, noteId: number): void {
  const row = noteRow(ctx, noteId);
  ctx.history.run(scopeOf(row), 'delete note', ctx.now(), (rows) => deleteNoteRows(ctx, rows, row));
}

export function getNote(ctx: NotebookContext, noteId: number): Note {
  const row = noteRow(ctx, noteId);
  return {
    ...noteSummary(ctx, row),
    state: row.state,
    text: row.text,
    markdown: noteToMarkdown(row.state),
    cited: row.citation_id === null ? null : citedPassage(ctx.stores.notebook.citations.resolve(row.citation_id)),
  };
}

export function listNotes(ctx: NotebookContext, filter: NoteFilter = {}): NoteSummary[] {
  return ctx.stores.notebook.notes.list(filter).map((row) => noteSummary(ctx, row));
}

export function noteSummary(ctx: NotebookContext, row: NoteRow): NoteSummary {
  return {
    id: row.id,
    target: noteTarget(ctx, row),
    title: noteTitle(row.text),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function undoNotes(ctx: NotebookContext): string | undefined {
  return ctx.history.undo('notes');
}

export function redoNotes(ctx: NotebookContext): string | undefined {
  return ctx.history.redo('notes');
}

function noteTarget(ctx: NotebookContext, row: NoteRow): NoteTarget {
  switch (row.target_kind) {
    case 'passage': {
      const c = ctx.stores.notebook.citations.resolve(row.citation_id!);
      return { kind: 'passage', passageId: c.passageId ?? c.citedPassageId };
    }
    case 'thread':
      return { kind: 'thread', threadId: row.thread_id, threadTitle: row.thread_title! };
    case 'trail':
      return { kind: 'trail', trailId: row.trail_id! };
    case 'step':
      return { kind: 'step', trailId: row.trail_id!, stepId: row.step_id! };
    default:
      return { kind: 'none' };
  }
}

/** A note on a trail or a step is part of the trail's history; the others share one. */
function scopeOf(row: Pick<NoteRow, 'trail_id'>): Scope {
  return row.trail_id === null ? 'notes' : trailScope(row.trail_id);
}

function noteRow(ctx: NotebookContext, noteId: number): NoteRow {
  const row = Number.isSafeInteger(noteId) ? ctx.stores.notebook.notes.get(noteId) : undefined;
  if (!row) throw badInput(`note ${noteId} does not exist (see: crux note list)`);
  if (row.trail_id !== null) liveTrail(ctx, row.trail_id);
  return row;
}
