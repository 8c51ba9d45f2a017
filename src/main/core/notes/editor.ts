import { createHeadlessEditor } from '@lexical/headless';
import type { LexicalEditor } from 'lexical';
import { NOTE_NODES } from './nodes';

let editor: LexicalEditor | null = null;

/** The headless editor every conversion shares: making one per note would register every node class anew. */
export function noteEditor(): LexicalEditor {
  editor ??= createHeadlessEditor({
    namespace: 'crux-note',
    nodes: [...NOTE_NODES],
    onError: (error) => {
      throw error;
    },
  });
  return editor;
}
