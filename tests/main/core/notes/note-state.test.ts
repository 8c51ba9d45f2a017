import { describe, expect, it } from 'vitest';
import { isCruxError } from '../../../../src/main/core/errors';
import {
  markdownToNote,
  noteReferences,
  noteText,
  noteToMarkdown,
  parseNoteState,
  remapNoteReferences,
} from '../../../../src/main/core/notes';
import { noteEditor } from '../../../../src/main/core/notes/editor';
import { PASSAGES, refs } from './debate';

const NOTE = [
  '# Mask goals',
  '',
  'A *goal slot* is simpler than [[trail:3]], says bob:',
  '',
  '[[passage:12]]',
  '',
  '- evolution → training',
  '    - human goals → the mask',
  '- see [the thread](https://www.lesswrong.com/posts/seed/mask-goals)',
  '',
  '[[passage:9:0-59]]',
  '',
  '```',
  'outer loss != inner goal',
  '```',
  '',
  '[[passage:12]]',
  '',
  'and again [[trail:3]], then [[trail:5]]',
].join('\n');

function paragraph(...children: object[]): object {
  return { type: 'paragraph', version: 1, children };
}

function stateWith(...children: object[]): string {
  return JSON.stringify({ root: { type: 'root', version: 1, children } });
}

function problem(json: string, where?: string): string {
  try {
    parseNoteState(json, where);
  } catch (e) {
    expect(isCruxError(e) && e.code).toBe('bad-input');
    return (e as Error).message;
  }
  throw new Error('parseNoteState accepted ' + json);
}

describe('parseNoteState', () => {
  it('says what is wrong with state that is not a note', () => {
    expect(problem('{')).toMatch(/^note state: not valid JSON \(.+\)$/);
    expect(problem('[]')).toBe(
      'note state: expected a Lexical editor state, an object with a "root" node; got an array',
    );
    expect(problem('{"root":{"type":"paragraph"}}')).toBe(
      'note state: root: the root node has type "paragraph", not "root"',
    );
    expect(problem('{"root":{"type":"root","children":{}}}')).toBe(
      'note state: root: "children" must be an array; got an object',
    );
  });

  it('names the node that is wrong and where it is', () => {
    const image = stateWith(paragraph({ type: 'text', text: 'see' }), { type: 'image', src: 'x.png' });
    expect(problem(image, '--note-json notes.json')).toBe(
      '--note-json notes.json: root.children[1]: unknown node type "image"',
    );
    expect(problem(stateWith({ type: 'text', text: 'loose' }))).toBe(
      'note state: root.children[0]: a text node cannot stand at the top level of a note, which holds paragraph, heading, quote, list, code and passage-reference',
    );
    expect(problem(stateWith(paragraph({ type: 'passage-reference', passageId: 12 })))).toBe(
      'note state: root.children[0].children[0]: a passage-reference node cannot stand inside a paragraph, heading or quote, which hold text, linebreak, tab, link and trail-reference',
    );
    expect(problem(stateWith({ type: 'heading', tag: 'h7', children: [] }))).toBe(
      'note state: root.children[0]: heading needs "tag" to be one of h1…h6; got "h7"',
    );
    expect(problem(stateWith(paragraph({ type: 'text', text: 5 })))).toBe(
      'note state: root.children[0].children[0]: text needs "text" to be a string; got 5',
    );
  });

  it('refuses references without an id or with a span that is no span', () => {
    const snapshot = { text: 'quoted', author: null, threadTitle: 'T', permalink: null };
    expect(problem(stateWith({ type: 'passage-reference', ...snapshot }))).toBe(
      'note state: root.children[0]: passage-reference needs "passageId" to be a passage id (a whole number ≥ 1); got nothing',
    );
    expect(problem(stateWith({ type: 'passage-reference', passageId: '12', ...snapshot }))).toMatch(
      /needs "passageId" to be a passage id \(a whole number ≥ 1\); got "12"$/,
    );
    expect(problem(stateWith({ type: 'passage-reference', passageId: 12, span: { start: 9, end: 3 } }))).toBe(
      'note state: root.children[0]: passage-reference needs "span" to be null or {"start", "end"}, whole numbers with start < end; got an object',
    );
    expect(problem(stateWith(paragraph({ type: 'trail-reference', title: 'Mask goals' })))).toBe(
      'note state: root.children[0].children[0]: trail-reference needs "trailId" to be a trail id (a whole number ≥ 1); got nothing',
    );
  });

  it('returns a note as Lexical writes it, from either of its forms', () => {
    const { state } = markdownToNote(NOTE, refs);
    expect(parseNoteState(state)).toBe(state);
    // Lexical's compact form leaves out what parsing restores; the note is the same.
    const compact = JSON.stringify(noteEditor().parseEditorState(state).toJSON(true));
    expect(compact.length).toBeLessThan(state.length);
    expect(parseNoteState(compact)).toBe(state);
  });
});

describe('noteText', () => {
  it('gives blocks apart by a blank line, list items a line each, and what references showed', () => {
    const { state } = markdownToNote(NOTE, refs);
    expect(noteText(state)).toBe(
      [
        'Mask goals',
        'A goal slot is simpler than Mask goals, says bob:',
        PASSAGES[11],
        'evolution → training\nhuman goals → the mask\nsee the thread',
        'Note, it’s entirely possible for a mask to be power seeking',
        'outer loss != inner goal',
        PASSAGES[11],
        'and again Mask goals, then Does the outer loss shape cognition?',
      ].join('\n\n'),
    );
  });

  it('still gives the quoted words of a passage whose thread is gone', () => {
    const state = parseNoteState(
      stateWith({
        type: 'passage-reference',
        passageId: 77,
        span: null,
        text: 'words kept after the thread was deleted',
        author: 'alice',
        threadTitle: 'Deleted thread',
        permalink: null,
      }),
    );
    expect(noteText(state)).toBe('words kept after the thread was deleted');
  });
});

describe('noteReferences', () => {
  it('lists each passage and span once and each trail once, in reading order', () => {
    const { state } = markdownToNote(NOTE, refs);
    expect(noteReferences(state)).toEqual({
      passages: [
        { passageId: 12, span: null },
        { passageId: 9, span: { start: 0, end: 59 } },
      ],
      trails: [3, 5],
    });
    expect(noteReferences(markdownToNote('no references, only [trail: 3]', refs).state)).toEqual({
      passages: [],
      trails: [],
    });
  });
});

describe('remapNoteReferences', () => {
  it('renumbers passages and trails and changes nothing else', () => {
    const { state } = markdownToNote(NOTE, refs);
    const passages = new Map([
      [12, 1012],
      [9, 1009],
    ]);
    const trails = new Map([
      [3, 2],
      [5, 1],
    ]);
    const remapped = remapNoteReferences(state, { passage: (id) => passages.get(id)!, trail: (id) => trails.get(id)! });
    expect(noteReferences(remapped)).toEqual({
      passages: [
        { passageId: 1012, span: null },
        { passageId: 1009, span: { start: 0, end: 59 } },
      ],
      trails: [2, 1],
    });
    expect(noteToMarkdown(remapped)).toBe(
      NOTE.replace(/passage:12/g, 'passage:1012')
        .replace('passage:9:', 'passage:1009:')
        .replace(/trail:3/g, 'trail:2')
        .replace('trail:5', 'trail:1'),
    );
    // What the references showed stays: the titles and quoted words are not looked up again.
    expect(noteText(remapped)).toBe(noteText(state));
    expect(parseNoteState(remapped)).toBe(remapped);
  });
});
