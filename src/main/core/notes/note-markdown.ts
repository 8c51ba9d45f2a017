// Notes as Markdown: what the CLI takes (--note-md) and what exports write.
import { noteEditor } from './editor';
import { $importMarkdown } from './markdown-reader';
import { writeMarkdown, type WriteOptions } from './markdown-writer';
import { noteText } from './note-state';
import { readRoot } from './state-tree';
import { noteTransformers, type References } from './transformers';

/**
 * A note from Markdown (the reference syntax is in transformers.ts). Resolves every reference
 * through `refs`, whose errors (an unknown passage or trail) reach the caller as they are.
 */
export function markdownToNote(markdown: string, refs: References): { state: string; text: string } {
  const editor = noteEditor();
  editor.update(() => $importMarkdown(markdown, noteTransformers(refs)), { discrete: true });
  const state = JSON.stringify(editor.getEditorState().toJSON());
  return { state, text: noteText(state) };
}

/**
 * The note as Markdown. Without `cite`, in the form markdownToNote reads (references as
 * [[passage:…]] and [[trail:…]]), so that a note survives the trip both ways; with it, as a
 * document to read: passage references quoted and attributed, trail references by title.
 */
export function noteToMarkdown(state: string, options?: WriteOptions): string {
  return writeMarkdown(readRoot(state), options);
}
