import type { CitedPassage, Span } from '../../../shared/model/notebook';
import { markdownToNote, noteReferences, noteText, parseNoteState } from '../notes';
import type { NoteRow } from '../store/notebook/rows';
import type { RecordedRows } from '../store/notebook/rows';
import { citedPassage } from '../store/notebook/citations';
import type { NotebookContext } from './context';
import { badInput, checkSpan } from './validate';

/** A note as the user gives it: Markdown (CLI, scripts) or Lexical state (the app, notebook files). */
export type NoteInput = ({ markdown: string } | { state: string }) & {
  /** Where the note came from, for messages ("--note-json notes.json"). */
  origin?: string;
};

export interface NoteContent {
  state: string;
  text: string;
  /** The citations of the passages the note embeds. */
  citationIds: number[];
}

/** Checks and converts a note; `where` names its origin in messages ("--note-json notes.json"). */
export function noteContent(ctx: NotebookContext, input: NoteInput, fallback = 'note'): NoteContent {
  const where = input.origin ?? fallback;
  let state: string;
  if ('markdown' in input) {
    if (input.markdown.trim() === '') throw badInput(`${where}: a note cannot be empty`);
    state = markdownToNote(input.markdown, {
      passage: (passageId, span) => citePassage(ctx, passageId, span),
      trail: (trailId) => trailTitle(ctx, trailId),
    }).state;
  } else {
    state = parseNoteState(input.state, where);
  }
  const refs = noteReferences(state);
  const citationIds = refs.passages.map(({ passageId, span }) => {
    const id = citationOf(ctx, passageId);
    if (span) checkSpan(span, ctx.stores.notebook.citations.resolve(id).text, passageId);
    return id;
  });
  for (const trailId of refs.trails) trailTitle(ctx, trailId);
  const text = noteText(state);
  if (text.trim() === '') throw badInput(`${where}: a note cannot be empty`);
  return { state, text, citationIds: [...new Set(citationIds)] };
}

export function citePassage(ctx: NotebookContext, passageId: number, span: Span | null): CitedPassage {
  const resolved = ctx.stores.notebook.citations.resolve(citationOf(ctx, passageId));
  return citedPassage(resolved, checkSpan(span, resolved.text, passageId));
}

/** The citation of a passage in the library, or of one cited before its thread was deleted. */
export function citationOf(ctx: NotebookContext, passageId: number): number {
  if (!Number.isSafeInteger(passageId) || passageId < 1) throw badInput(`${passageId} is not a passage id`);
  const id =
    ctx.stores.notebook.citations.forPassage(passageId) ?? ctx.stores.notebook.citations.goneByCitedId(passageId);
  if (id === undefined) throw badInput(`passage ${passageId} does not exist (see: crux show <threadId>, crux search)`);
  return id;
}

function trailTitle(ctx: NotebookContext, trailId: number): { id: number; title: string } {
  const trail = ctx.stores.notebook.trails.get(trailId);
  if (!trail || trail.deleted_at) throw badInput(`trail ${trailId} does not exist`);
  return { id: trail.id, title: trail.title };
}

/** Keeps note_citations equal to what the note embeds. */
export function syncNoteCitations(
  ctx: NotebookContext,
  rows: RecordedRows,
  noteId: number,
  citationIds: number[],
): void {
  const existing = ctx.stores.notebook.notes.citations(noteId);
  for (const row of existing) if (!citationIds.includes(row.citation_id)) rows.delete('note_citations', row.id);
  for (const citationId of citationIds) {
    if (!existing.some((row) => row.citation_id === citationId)) {
      rows.insert('note_citations', { note_id: noteId, citation_id: citationId });
    }
  }
}

export function deleteNoteRows(ctx: NotebookContext, rows: RecordedRows, note: NoteRow): void {
  syncNoteCitations(ctx, rows, note.id, []);
  rows.delete('notes', note.id);
}

/** The first line of a note's text, for lists. */
export function noteTitle(text: string): string {
  const line = text.trim().split('\n')[0]!.trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
