import { createHeadlessEditor } from '@lexical/headless';
import { $createParagraphNode, $createTextNode, $getRoot, $isElementNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { noteReferences, noteText, noteToMarkdown, parseNoteState } from '../../../../src/main/core/notes';
import {
  $createPassageReferenceNode,
  $createTrailReferenceNode,
  $isPassageReferenceNode,
  $isTrailReferenceNode,
  NOTE_NODES,
} from '../../../../src/main/core/notes/nodes';
import { cited, PASSAGES } from './debate';

/** A note built the way the desktop editor builds one: nodes inserted into an editor of its own. */
function noteFromEditor(): string {
  const editor = createHeadlessEditor({
    nodes: [...NOTE_NODES],
    onError: (error) => {
      throw error;
    },
  });
  editor.update(
    () => {
      const { passageId, text, author, threadTitle, permalink } = cited(17);
      const paragraph = $createParagraphNode().append(
        $createTextNode('The parsimony argument, from '),
        $createTrailReferenceNode(3, 'Mask goals'),
        $createTextNode(':'),
      );
      $getRoot()
        .clear()
        .append(paragraph, $createPassageReferenceNode(passageId, null, { text, author, threadTitle, permalink }));
    },
    { discrete: true },
  );
  return JSON.stringify(editor.getEditorState().toJSON());
}

describe('the reference nodes', () => {
  it('are written by an editor and read by the notes module as the same note', () => {
    const state = noteFromEditor();
    expect(parseNoteState(state)).toBe(state);
    expect(noteToMarkdown(state)).toBe('The parsimony argument, from [[trail:3]]:\n\n[[passage:17]]');
    expect(noteText(state)).toBe(`The parsimony argument, from Mask goals:\n\n${PASSAGES[16]}`);
    expect(noteReferences(state)).toEqual({ passages: [{ passageId: 17, span: null }], trails: [3] });
  });

  it('come back from their JSON with what they showed', () => {
    const editor = createHeadlessEditor({
      nodes: [...NOTE_NODES],
      onError: (error) => {
        throw error;
      },
    });
    const read = editor.parseEditorState(noteFromEditor()).read(() => {
      const [paragraph, passage] = $getRoot().getChildren();
      const trail = $isElementNode(paragraph) ? paragraph.getChildren()[1] : null;
      if (!$isTrailReferenceNode(trail) || !$isPassageReferenceNode(passage)) throw new Error('not reference nodes');
      return {
        trail: [trail.getTrailId(), trail.getTitle(), trail.isInline()],
        passage: [passage.getPassageId(), passage.getSpan(), passage.getSnapshot().author, passage.isInline()],
        text: passage.getTextContent(),
      };
    });
    expect(read).toEqual({
      trail: [3, 'Mask goals', true],
      passage: [17, null, 'alice', false],
      text: PASSAGES[16],
    });
  });
});
