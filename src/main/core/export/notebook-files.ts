// A whole notebook as a folder of Markdown files: index.md, one file per trail, and notes.md for
// the notes that belong to no step. Paths are relative and flat, so the folder opens as an
// Obsidian vault or a GitHub folder and the index's links work in both.
import type { ExportedNote, ExportedTrail } from './document';
import { containMarkdown, escapeMarkdownLine } from './escape';
import { NOTE_HEADING_SHIFT, displayDate, trailToMarkdown } from './markdown';

/** Longest file name stem, in characters (names stay far below the 255-byte limit of common file systems). */
export const MAX_STEM = 64;

const RESERVED_STEMS = new Set(['index', 'notes']);
/** Names Windows will not create, with or without an extension. */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/;

export function notebookToMarkdownFiles(
  trails: ExportedTrail[],
  notes: ExportedNote[],
): { path: string; content: string }[] {
  const names = trailFileNames(trails);
  const files = trails.map((trail, i) => ({ path: names[i]!, content: trailToMarkdown(trail) }));
  const index = indexMarkdown(trails, names, notes);
  const out = [{ path: 'index.md', content: index }, ...files];
  if (notes.length > 0) out.push({ path: 'notes.md', content: notesMarkdown(notes) });
  return out;
}

/**
 * A file name stem from a title: lower case (so names that differ only in case, which collide on
 * Windows and macOS, are caught as duplicates), letters and digits of any script kept, every run of
 * anything else one hyphen. No `/ \ : * ? " < > |`, no dot (so no leading dot and no trailing dot
 * or space, which Windows drops), no control characters; at most MAX_STEM characters.
 */
export function slugify(title: string): string {
  const chars = Array.from(
    title
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, ''),
  );
  let stem = chars.slice(0, MAX_STEM).join('').replace(/-+$/, '');
  // A cut may leave a combining mark with nothing to sit on: it is harmless, but drop a lone one at the start.
  stem = stem.replace(/^\p{M}+/u, '');
  return stem;
}

/** Unique file names for the trails, in order: the title's slug, then `-<id>` and a counter when taken. */
export function trailFileNames(trails: ExportedTrail[]): string[] {
  const taken = new Set(RESERVED_STEMS);
  return trails.map((trail) => {
    let stem = slugify(trail.title) || 'trail';
    if (WINDOWS_DEVICE.test(stem)) stem += '-trail';
    let candidate = stem;
    if (taken.has(candidate)) candidate = `${stem}-${trail.id}`;
    for (let n = 2; taken.has(candidate); n++) candidate = `${stem}-${trail.id}-${n}`;
    taken.add(candidate);
    return `${candidate}.md`;
  });
}

function indexMarkdown(trails: ExportedTrail[], names: string[], notes: ExportedNote[]): string {
  const parts = ['# Crux notebook', '## Trails'];
  if (trails.length === 0) parts.push('No trails.');
  else {
    parts.push(
      trails
        .map((t, i) => {
          const title = escapeMarkdownLine(t.title) || 'Untitled trail';
          const steps = `${t.steps.length} ${t.steps.length === 1 ? 'step' : 'steps'}`;
          return `- [${title}](${names[i]!}) — ${steps}, updated ${displayDate(t.updatedAt)}`;
        })
        .join('\n'),
    );
  }
  if (notes.length > 0) {
    parts.push('## Notes', `[All notes](notes.md) (${notes.length}):`);
    parts.push(notes.map((n) => `- ${noteTitle(n)}`).join('\n'));
  }
  return parts.join('\n\n') + '\n';
}

function notesMarkdown(notes: ExportedNote[]): string {
  const parts = ['# Notes'];
  for (const note of notes) {
    parts.push(`## ${noteTitle(note)}`);
    const meta = [`Created ${displayDate(note.createdAt)}`, `updated ${displayDate(note.updatedAt)}`];
    if (note.about) meta.unshift(`About ${escapeMarkdownLine(note.about)}`);
    parts.push(`*${meta.join(' · ')}*`);
    const body = containMarkdown(note.markdown, NOTE_HEADING_SHIFT);
    if (body) parts.push(body);
  }
  return parts.join('\n\n') + '\n';
}

function noteTitle(note: ExportedNote): string {
  return escapeMarkdownLine(note.title) || 'Untitled note';
}
