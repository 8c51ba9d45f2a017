// Personal notes: Lexical editor state <-> Markdown, headless.
export { markdownToNote, noteToMarkdown } from './note-markdown';
export { noteReferences, noteText, parseNoteState, remapNoteReferences, type PassageReference } from './note-state';
export type { ResolvePassage, ResolveTrail } from './transformers';
export {
  NOTE_NODES,
  PassageReferenceNode,
  TrailReferenceNode,
  type PassageSnapshot,
  type SerializedPassageReferenceNode,
  type SerializedTrailReferenceNode,
} from './nodes';
