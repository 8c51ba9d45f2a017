// A note's state as data: checking state that comes from outside, its plain text, the passages and
// trails it cites, and renumbering those for a notebook moving between libraries.
import type { Span } from '../../../shared/model/notebook';
import { CruxError } from '../errors';
import { noteEditor } from './editor';
import { PASSAGE_REFERENCE_TYPE, TRAIL_REFERENCE_TYPE } from './nodes';
import { childrenOf, numberField, readRoot, spanField, stringField, type StateNode } from './state-tree';

export interface PassageReference {
  passageId: number;
  span: Span | null;
}

// ---- validation ----

type Place = 'block' | 'inline' | 'link' | 'list' | 'item' | 'code';

const INLINE = ['text', 'linebreak', 'tab', 'link', TRAIL_REFERENCE_TYPE];
const ALLOWED: Record<Place, readonly string[]> = {
  block: ['paragraph', 'heading', 'quote', 'list', 'code', PASSAGE_REFERENCE_TYPE],
  inline: INLINE,
  link: ['text', 'linebreak', 'tab', TRAIL_REFERENCE_TYPE],
  list: ['listitem'],
  item: [...INLINE, 'list'],
  code: ['text', 'linebreak', 'tab', 'code-highlight'],
};
const WHERE: Record<Place, string> = {
  block: 'at the top level of a note, which holds paragraph, heading, quote, list, code and passage-reference',
  inline: 'inside a paragraph, heading or quote, which hold text, linebreak, tab, link and trail-reference',
  link: 'inside a link, which holds text, linebreak, tab and trail-reference',
  list: 'inside a list, which holds listitem',
  item: 'inside a list item, which holds text, linebreak, tab, link, trail-reference and list',
  code: 'inside a code block, which holds text, linebreak, tab and code-highlight',
};
const CHILDREN: Record<string, Place> = {
  root: 'block',
  paragraph: 'inline',
  heading: 'inline',
  quote: 'inline',
  link: 'link',
  list: 'list',
  listitem: 'item',
  code: 'code',
};
const KNOWN_TYPES = new Set([...Object.values(ALLOWED).flat(), 'root']);
const MAX_DEPTH = 64;

class Invalid extends Error {
  constructor(
    readonly at: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks a note's state from outside (a file, the CLI, HTTP) and returns it as Lexical writes it.
 * Throws CruxError('bad-input') naming where the state is wrong and how, prefixed with `where`.
 */
export function parseNoteState(json: string, where = 'note state'): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    throw new CruxError('bad-input', `${where}: not valid JSON (${(e as Error).message})`);
  }
  try {
    checkState(value);
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    throw new CruxError('bad-input', `${where}: ${e.at ? e.at + ': ' : ''}${e.message}`);
  }
  try {
    return JSON.stringify(
      noteEditor()
        .parseEditorState(value as never)
        .toJSON(),
    );
  } catch (e) {
    throw new CruxError('bad-input', `${where}: Lexical cannot read this state (${(e as Error).message})`);
  }
}

function checkState(value: unknown): void {
  if (!isRecord(value)) {
    throw new Invalid('', `expected a Lexical editor state, an object with a "root" node; got ${describe(value)}`);
  }
  if (!isRecord(value.root)) throw new Invalid('', `expected a "root" node; got ${describe(value.root)}`);
  if (value.root.type !== 'root') {
    throw new Invalid('root', `the root node has type ${JSON.stringify(value.root.type)}, not "root"`);
  }
  checkChildren(value.root, 'root', 'block', 0);
}

function checkChildren(node: Record<string, unknown>, at: string, place: Place, depth: number): void {
  if (depth > MAX_DEPTH) throw new Invalid(at, `nested more than ${MAX_DEPTH} levels deep`);
  const children = node.children;
  if (children === undefined) return;
  if (!Array.isArray(children)) throw new Invalid(at, `"children" must be an array; got ${describe(children)}`);
  children.forEach((child, i) => checkNode(child, `${at}.children[${i}]`, place, depth + 1));
}

function checkNode(node: unknown, at: string, place: Place, depth: number): void {
  if (!isRecord(node)) throw new Invalid(at, `expected a node; got ${describe(node)}`);
  const type = node.type;
  if (typeof type !== 'string') throw new Invalid(at, `a node needs a "type"; got ${describe(type)}`);
  if (!KNOWN_TYPES.has(type)) throw new Invalid(at, `unknown node type ${JSON.stringify(type)}`);
  if (!ALLOWED[place].includes(type)) throw new Invalid(at, `a ${type} node cannot stand ${WHERE[place]}`);
  if (node.$ !== undefined && !isRecord(node.$)) throw new Invalid(at, `"$" must be an object`);
  checkFields(node, type, at);
  const childPlace = CHILDREN[type];
  if (childPlace) checkChildren(node, at, childPlace, depth);
}

function checkFields(node: Record<string, unknown>, type: string, at: string): void {
  const field = (name: string, ok: (value: unknown) => boolean, expected: string, required = false): void => {
    const value = node[name];
    if (value === undefined ? required : !ok(value)) {
      throw new Invalid(at, `${type} needs "${name}" to be ${expected}; got ${describe(value)}`);
    }
  };
  const isString = (v: unknown): boolean => typeof v === 'string';
  const isStringOrNull = (v: unknown): boolean => v === null || typeof v === 'string';
  switch (type) {
    case 'text':
    case 'tab':
    case 'code-highlight':
      field('text', isString, 'a string');
      field('format', isCount, 'a whole number ≥ 0');
      break;
    case 'heading':
      field('tag', (v) => typeof v === 'string' && /^h[1-6]$/.test(v), 'one of h1…h6');
      break;
    case 'list':
      field('listType', (v) => v === 'bullet' || v === 'number' || v === 'check', '"bullet", "number" or "check"');
      field('start', (v) => isCount(v) && (v as number) < 1e9, 'a whole number from 0 to 999999999');
      break;
    case 'listitem':
      field('checked', (v) => v === null || typeof v === 'boolean', 'true or false');
      break;
    case 'link':
      field('url', isString, 'a string');
      field('title', isStringOrNull, 'a string or null');
      break;
    case 'code':
      field('language', isStringOrNull, 'a string or null');
      break;
    case PASSAGE_REFERENCE_TYPE:
      field('passageId', isId, 'a passage id (a whole number ≥ 1)', true);
      field('span', (v) => v === null || isSpan(v), 'null or {"start", "end"}, whole numbers with start < end');
      field('text', isString, 'a string (the quoted words)');
      field('author', isStringOrNull, 'a string or null');
      field('threadTitle', isString, 'a string');
      field('permalink', isStringOrNull, 'a string or null');
      break;
    case TRAIL_REFERENCE_TYPE:
      field('trailId', isId, 'a trail id (a whole number ≥ 1)', true);
      field('title', isString, 'a string');
      break;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isId(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 1;
}

function isSpan(value: unknown): boolean {
  return (
    isRecord(value) && isCount(value.start) && isCount(value.end) && (value.start as number) < (value.end as number)
  );
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? text.slice(0, 40) + '…' : text;
}

// ---- reading ----

/** The note as plain text, for full-text search and titles: blocks apart by a blank line, list items by a line break. */
export function noteText(state: string): string {
  return blocksText(childrenOf(readRoot(state)), '\n\n');
}

function blocksText(nodes: StateNode[], separator: string): string {
  const texts: string[] = [];
  for (const node of nodes) {
    const text = blockText(node);
    if (text.trim() !== '') texts.push(text);
  }
  return texts.join(separator);
}

function blockText(node: StateNode): string {
  switch (node.type) {
    case 'list':
      return blocksText(childrenOf(node), '\n');
    case 'listitem': {
      const children = childrenOf(node);
      const inline = inlineText(children.filter((child) => child.type !== 'list'));
      const nested = blocksText(
        children.filter((child) => child.type === 'list'),
        '\n',
      );
      return inline && nested ? `${inline}\n${nested}` : inline || nested;
    }
    case PASSAGE_REFERENCE_TYPE:
      return stringField(node, 'text') ?? '';
    default:
      return inlineText(childrenOf(node));
  }
}

function inlineText(nodes: StateNode[]): string {
  let text = '';
  for (const node of nodes) {
    if (node.type === 'linebreak') text += '\n';
    else if (node.type === TRAIL_REFERENCE_TYPE) text += stringField(node, 'title') ?? '';
    else if (node.children) text += inlineText(childrenOf(node));
    else text += stringField(node, 'text') ?? '';
  }
  return text;
}

/** The passages (each passage and span once) and trails (each once) a note cites, in reading order. */
export function noteReferences(state: string): { passages: PassageReference[]; trails: number[] } {
  const passages = new Map<string, PassageReference>();
  const trails = new Set<number>();
  const visit = (node: StateNode): void => {
    if (node.type === PASSAGE_REFERENCE_TYPE) {
      const ref = { passageId: numberField(node, 'passageId') ?? 0, span: spanField(node) };
      passages.set(`${ref.passageId}:${ref.span?.start}:${ref.span?.end}`, ref);
    } else if (node.type === TRAIL_REFERENCE_TYPE) {
      trails.add(numberField(node, 'trailId') ?? 0);
    }
    childrenOf(node).forEach(visit);
  };
  visit(readRoot(state));
  return { passages: [...passages.values()], trails: [...trails] };
}

/** The state with every passage and trail id replaced through `map`, as a notebook export/import renumbers them. */
export function remapNoteReferences(
  state: string,
  map: { passage: (id: number) => number; trail: (id: number) => number },
): string {
  const document = JSON.parse(state) as { root: StateNode };
  const visit = (node: StateNode): void => {
    if (node.type === PASSAGE_REFERENCE_TYPE) node.passageId = map.passage(node.passageId as number);
    else if (node.type === TRAIL_REFERENCE_TYPE) node.trailId = map.trail(node.trailId as number);
    childrenOf(node).forEach(visit);
  };
  visit(document.root);
  return JSON.stringify(document);
}
