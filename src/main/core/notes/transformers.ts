// How Markdown becomes a note's nodes (Lexical's importer, with these transformers).
//
// References to the library are written in double brackets:
//   [[passage:ID]]             a line of its own: the passage, quoted as a block
//   [[passage:ID:START-END]]   the same, quoting characters START to END (exclusive) of its text
//   [[trail:ID]]               anywhere in text: a mention of the trail
// A backslash keeps them as text: \[[trail:3]].
import {
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  CHECK_LIST,
  CODE,
  HEADING,
  INLINE_CODE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  LINK,
  type MultilineElementTransformer,
  ORDERED_LIST,
  QUOTE,
  STRIKETHROUGH,
  type TextMatchTransformer,
  type Transformer,
  UNORDERED_LIST,
} from '@lexical/markdown';
import type { CitedPassage, Span } from '../../../shared/model/notebook';
import { CruxError } from '../errors';
import {
  $createPassageReferenceNode,
  $createTrailReferenceNode,
  $isPassageReferenceNode,
  $isTrailReferenceNode,
  PassageReferenceNode,
  TrailReferenceNode,
} from './nodes';

/** The passage as the store resolves it; throws CruxError('bad-input') for an unknown id or a span outside its text. */
export type ResolvePassage = (passageId: number, span: Span | null) => CitedPassage;
/** The trail's id and title; throws CruxError('bad-input') for an unknown id. */
export type ResolveTrail = (trailId: number) => { id: number; title: string };

export interface References {
  passage: ResolvePassage;
  trail: ResolveTrail;
}

const ID = '(\\d{1,15})';
const PASSAGE_LINE = new RegExp(`^ {0,3}\\[\\[passage:${ID}(?::${ID}-${ID})?\\]\\][ \\t]*$`);
const PASSAGE_ANYWHERE = new RegExp(`\\[\\[passage:${ID}(?::${ID}-${ID})?\\]\\]`);
const TRAIL = new RegExp(`\\[\\[trail:${ID}\\]\\]`);

function passageReference(refs: References): MultilineElementTransformer {
  return {
    type: 'multiline-element',
    dependencies: [PassageReferenceNode],
    regExpStart: PASSAGE_LINE,
    handleImportAfterStartMatch: ({ rootNode, startLineIndex, startMatch }) => {
      const [, id, start, end] = startMatch;
      const span = start === undefined ? null : { start: Number(start), end: Number(end) };
      const cited = refs.passage(Number(id), span);
      rootNode.append(
        $createPassageReferenceNode(cited.passageId, span, {
          text: cited.text,
          author: cited.author,
          threadTitle: cited.threadTitle,
          permalink: cited.permalink,
        }),
      );
      return [true, startLineIndex];
    },
    replace: () => false,
    export: (node) => {
      if (!$isPassageReferenceNode(node)) return null;
      const span = node.getSpan();
      return `[[passage:${node.getPassageId()}${span ? `:${span.start}-${span.end}` : ''}]]`;
    },
  };
}

/** A passage reference inside a sentence, list or quote would have to become a block and split it. */
const MISPLACED_PASSAGE_REFERENCE: TextMatchTransformer = {
  type: 'text-match',
  dependencies: [],
  importRegExp: PASSAGE_ANYWHERE,
  regExp: new RegExp(PASSAGE_ANYWHERE.source + '$'),
  replace: (_, match) => {
    throw new CruxError(
      'bad-input',
      `${match[0]} must stand on a line of its own, outside lists and quotes (it becomes a quotation of the passage); write \\${match[0]} to keep it as text`,
    );
  },
};

function trailReference(refs: References): TextMatchTransformer {
  return {
    type: 'text-match',
    dependencies: [TrailReferenceNode],
    importRegExp: TRAIL,
    regExp: new RegExp(TRAIL.source + '$'),
    trigger: ']',
    replace: (textNode, match) => {
      const trail = refs.trail(Number(match[1]));
      textNode.replace($createTrailReferenceNode(trail.id, trail.title));
    },
    export: (node) => ($isTrailReferenceNode(node) ? `[[trail:${node.getTrailId()}]]` : null),
  };
}

/**
 * The transformers a note's Markdown is read with. A check list goes before the plain list, which
 * would otherwise take `- [ ]` for a bullet; there is no highlight, which CommonMark lacks.
 */
export function noteTransformers(refs: References): Transformer[] {
  return [
    passageReference(refs),
    CODE,
    HEADING,
    QUOTE,
    CHECK_LIST,
    UNORDERED_LIST,
    ORDERED_LIST,
    INLINE_CODE,
    BOLD_ITALIC_STAR,
    BOLD_ITALIC_UNDERSCORE,
    BOLD_STAR,
    BOLD_UNDERSCORE,
    ITALIC_STAR,
    ITALIC_UNDERSCORE,
    STRIKETHROUGH,
    trailReference(refs),
    MISPLACED_PASSAGE_REFERENCE,
    LINK,
  ];
}
