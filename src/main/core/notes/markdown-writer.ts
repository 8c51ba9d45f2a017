// A note's state as Markdown, written from the serialised tree. The output reads back through
// markdownToNote into the same note (so exporting twice gives the same bytes), and renders as the
// note under CommonMark: user text is escaped (escapes.ts) and emphasis is placed where both
// CommonMark and Lexical's importer see it open and close.
import type { CitedPassage } from '../../../shared/model/notebook';
import { characterReference, escapeText, isScriptUrl, linkDestination, linkTitle } from './escapes';
import type { PassageReference } from './note-state';
import { PASSAGE_REFERENCE_TYPE, TRAIL_REFERENCE_TYPE } from './nodes';
import { childrenOf, FORMAT, nodeState, numberField, spanField, stringField, type StateNode } from './state-tree';

export interface WriteOptions {
  /** Given, passage references are written out as quotations, trail references as titles. */
  cite?: (ref: PassageReference) => CitedPassage | null;
}

/** Markdown renders these; underline, highlight and the rest have no Markdown and are dropped. */
const FORMATS = [FORMAT.bold, FORMAT.italic, FORMAT.strikethrough];
const MARKDOWN_FORMATS = FORMAT.bold | FORMAT.italic | FORMAT.strikethrough;
const STARS: Record<number, string> = { [FORMAT.bold]: '**', [FORMAT.italic]: '*', [FORMAT.strikethrough]: '~~' };
const UNDERSCORES: Record<number, string> = { [FORMAT.bold]: '__', [FORMAT.italic]: '_', [FORMAT.strikethrough]: '~~' };

export function writeMarkdown(root: StateNode, options: WriteOptions = {}): string {
  const blocks: string[] = [];
  for (const node of childrenOf(root)) {
    const markdown = writeBlock(node, options);
    if (markdown !== '') blocks.push(markdown);
  }
  return blocks.join('\n\n');
}

function writeBlock(node: StateNode, options: WriteOptions): string {
  switch (node.type) {
    case 'paragraph':
      return writeInline(childrenOf(node), 'block', options);
    case 'heading': {
      const text = writeInline(childrenOf(node), 'heading', options);
      // A heading's closing run of #s is dropped by CommonMark; escaped, it is text.
      return text === '' ? '' : `${'#'.repeat(headingLevel(node))} ${text.replace(/(^|[ \t])(#+[ \t]*)$/, '$1\\$2')}`;
    }
    case 'quote': {
      const text = writeInline(childrenOf(node), 'block', options);
      // Lexical's importer takes a bare `>` for text; `> ` is an empty line of the quotation.
      return text === '' ? '' : quoteLines(text, '> ');
    }
    case 'list':
      return writeList(node, 0, options);
    case 'code':
      return writeCodeBlock(node);
    case PASSAGE_REFERENCE_TYPE:
      return options.cite ? writeCitation(node, options.cite) : passageReferenceSource(node);
    default:
      throw new Error(`a note state cannot hold a "${node.type}" block`);
  }
}

function headingLevel(node: StateNode): number {
  const level = Number(/^h([1-6])$/.exec(stringField(node, 'tag') ?? '')?.[1] ?? 1);
  return level;
}

function quoteLines(text: string, emptyLine = '>'): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? emptyLine : `> ${line}`))
    .join('\n');
}

// Lexical's list export indents a level by four spaces, which every reader takes as nesting.
const LIST_INDENT = '    ';

function writeList(list: StateNode, depth: number, options: WriteOptions): string {
  const type = stringField(list, 'listType');
  let number = numberField(list, 'start') ?? 1;
  const lines: string[] = [];
  let wroteItem = false;
  for (const item of childrenOf(list)) {
    const children = childrenOf(item);
    // An empty item is left out: CommonMark reads one after a paragraph as that paragraph's text.
    const text = writeInline(
      children.filter((child) => child.type !== 'list'),
      'item',
      options,
    );
    if (text !== '') {
      const marker =
        type === 'number' ? `${number++}. ` : type === 'check' ? `- [${item.checked === true ? 'x' : ' '}] ` : '- ';
      lines.push(LIST_INDENT.repeat(depth) + marker + text);
      wroteItem = true;
    }
    for (const sublist of children.filter((child) => child.type === 'list')) {
      // With no item above it to belong to, an indented list would read as a code block.
      const nested = writeList(sublist, wroteItem ? depth + 1 : depth, options);
      if (nested !== '') lines.push(nested);
    }
  }
  return lines.join('\n');
}

function writeCodeBlock(node: StateNode): string {
  const code = codeText(node);
  // The fence must be longer than any run of backticks inside, or that run would close it.
  const longestRun = Math.max(2, ...(code.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const language = stringField(node, 'language') ?? '';
  const meta = nodeState(node, 'mdCodeMeta');
  // The info string is one line without backticks, or the fence would not open.
  const info = /^[\w-]+$/.test(language)
    ? language + (typeof meta === 'string' && /^[^`\r\n]+$/.test(meta.trim()) ? ' ' + meta.trim() : '')
    : '';
  return `${fence}${info}\n${code === '' ? '' : code + '\n'}${fence}`;
}

function codeText(node: StateNode): string {
  let text = '';
  for (const child of childrenOf(node)) {
    if (child.type === 'linebreak') text += '\n';
    else text += stringField(child, 'text') ?? '';
  }
  return text.replace(/\r\n?/g, '\n');
}

function passageReferenceSource(node: StateNode): string {
  const span = spanField(node);
  return `[[passage:${numberField(node, 'passageId')}${span ? `:${span.start}-${span.end}` : ''}]]`;
}

/** A quotation of the cited words and a line saying whose they are and where they were written. */
function writeCitation(node: StateNode, cite: NonNullable<WriteOptions['cite']>): string {
  const cited = cite({ passageId: numberField(node, 'passageId') ?? 0, span: spanField(node) });
  const shown = cited ?? {
    text: stringField(node, 'text') ?? '',
    author: stringField(node, 'author'),
    threadTitle: stringField(node, 'threadTitle') ?? '',
    permalink: stringField(node, 'permalink'),
  };
  const deleted = cited === null || cited.gone;
  const title = escapeText(shown.threadTitle.trim() || 'untitled thread', false);
  const source =
    shown.permalink && !isScriptUrl(shown.permalink) ? `[${title}](${linkDestination(shown.permalink)})` : title;
  const author = shown.author?.trim() ? `${escapeText(shown.author.trim(), false)}, ` : '';
  const attribution = `— ${author}${source}${deleted ? ' (source deleted)' : ''}`;
  const quoted = shown.text.trim() === '' ? '' : escapeText(shown.text.replace(/\r\n?/g, '\n').trim(), true);
  return quoteLines(quoted === '' ? attribution : `${quoted}\n\n${attribution}`);
}

// ---- inline content ----

type Context = 'block' | 'heading' | 'item' | 'link';

/** A stretch of inline content: whitespace, a line break, or a word (text without whitespace at its ends, code, a link, a reference). */
type Token =
  | { kind: 'space'; text: string }
  | { kind: 'break'; marker: string }
  | { kind: 'word'; formats: number; text: string; code: boolean; markdown: string | null };

interface OpenFormat {
  format: number;
  delimiter: string;
}

function writeInline(nodes: StateNode[], context: Context, options: WriteOptions): string {
  const tokens = trimEnds(tokenize(nodes, context, options));
  if (!tokens.some((token) => token.kind === 'word')) return '';
  const runEnds = formatRunEnds(tokens);
  const parts: string[] = [];
  const open: OpenFormat[] = [];
  let lineStart = context !== 'link';
  let space = '';
  let chain: ChainWord[] = []; // the words since the last space or line break

  const closeAll = (): void => {
    while (open.length > 0) parts.push(open.pop()!.delimiter);
  };
  const writeSpace = (): void => {
    // At a line start, spaces would indent the line; as references they are text.
    parts.push(lineStart ? escapeText(space, true) : space);
    if (space !== '') lineStart = false;
    space = '';
  };

  tokens.forEach((token, index) => {
    if (token.kind === 'space') {
      space += token.text;
      chain = [];
      return;
    }
    if (token.kind === 'break') {
      closeAll();
      writeSpace();
      parts.push(token.marker + '\n');
      lineStart = true;
      chain = [];
      return;
    }
    let closing = '';
    while (open.some(({ format }) => (token.formats & format) === 0)) closing += open.pop()!.delimiter;
    const opening = openings(token.formats, open, runEnds.get(index)!, space === '' ? closing : '');
    open.push(...opening);
    const opened = opening.map(({ delimiter }) => delimiter).join('');
    let markdown = token.markdown ?? (token.code ? codeSpan(token.text) : escapeText(token.text, lineStart));
    let boundary: Boundary | null = null;
    const previous = chain.at(-1);
    if (previous) {
      const before = parts[previous.part]!;
      if (closing + opened !== '') {
        boundary = { previous: '', closing, opening: opened };
        markdown = fixFlanking(parts, chain, boundary, markdown);
        boundary.previous = lastCodePoint(parts[previous.part]!);
      } else if (before.endsWith('!') && markdown.startsWith('[')) {
        // `!` right before a link makes it an image.
        parts[previous.part] = before.slice(0, -1) + '\\!';
      } else if (before.endsWith(']]') && markdown.startsWith('(')) {
        // `(` right after [[trail:3]] makes it a link.
        markdown = '\\' + markdown;
      }
    }
    parts.push(closing);
    writeSpace();
    parts.push(opened);
    chain.push({ part: parts.length, boundary });
    parts.push(markdown);
    lineStart = false;
  });
  closeAll();
  writeSpace();
  return parts.join('');
}

/**
 * The formats a word opens, outermost first: the one that lasts longest encloses the others, which
 * then close before it does. Bold and italic inside one another take different characters
 * (`**bold _both_**`): with the same one, an inner opening can be read as the outer closing. For
 * the same reason an opening does not take the character of a closing right before it.
 */
function openings(
  formats: number,
  open: OpenFormat[],
  runEnds: Map<number, number>,
  closedJustBefore: string,
): OpenFormat[] {
  const opening = FORMATS.filter((format) => (formats & format) !== 0 && !open.some((o) => o.format === format)).sort(
    (a, b) => runEnds.get(b)! - runEnds.get(a)!,
  );
  // `~~` after `~~` has no second spelling; put another format between them when there is one.
  if (closedJustBefore.endsWith('~') && opening[0] === FORMAT.strikethrough) opening.push(opening.shift()!);
  const taken = new Set(open.map(({ delimiter }) => delimiter[0]));
  return opening.map((format, i) => {
    const avoid = i === 0 ? closedJustBefore.at(-1) : undefined;
    const stars = !taken.has('*') && avoid !== '*';
    const underscores = !taken.has('_') && avoid !== '_';
    const delimiter = (stars || !underscores ? STARS : UNDERSCORES)[format]!;
    taken.add(delimiter[0]!);
    return { format, delimiter };
  });
}

function tokenize(nodes: StateNode[], context: Context, options: WriteOptions): Token[] {
  const tokens: Token[] = [];
  const lineBreak = (marker: string): void => {
    // A heading is one line, and Lexical's importer reads a link from one line.
    if (context === 'heading' || context === 'link') tokens.push({ kind: 'space', text: ' ' });
    // A blank line would end the list item, and the rest would become a paragraph of its own.
    else if (context === 'item' && tokens.at(-1)?.kind === 'break') return;
    else tokens.push({ kind: 'break', marker });
  };
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'code-highlight': {
        const text = (stringField(node, 'text') ?? '').replace(/\r\n?/g, '\n');
        const formats = numberField(node, 'format') ?? 0;
        if ((formats & FORMAT.code) !== 0 && text.trim() !== '') {
          const previous = tokens.at(-1);
          // Two code spans side by side would read as one whose content holds the backticks between them.
          if (previous?.kind === 'word' && previous.code && previous.formats === (formats & MARKDOWN_FORMATS)) {
            previous.text += text;
          } else {
            tokens.push({ kind: 'word', formats: formats & MARKDOWN_FORMATS, text, code: true, markdown: null });
          }
          break;
        }
        text.split('\n').forEach((line, i) => {
          if (i > 0) lineBreak('');
          splitWords(line, formats & MARKDOWN_FORMATS, tokens);
        });
        break;
      }
      case 'tab':
        tokens.push({ kind: 'space', text: '\t' });
        break;
      case 'linebreak': {
        const marker = nodeState(node, 'mdHardLineBreak');
        lineBreak(typeof marker === 'string' && /^(?:\\| {2,})$/.test(marker) ? marker : '');
        break;
      }
      case 'link': {
        const url = stringField(node, 'url') ?? '';
        // A link inside a link, or one a renderer would run, keeps only its words.
        if (context === 'link' || isScriptUrl(url)) {
          tokens.push(...tokenize(childrenOf(node), context, options));
          break;
        }
        const text = writeInline(childrenOf(node), 'link', options);
        if (text !== '') {
          const title = stringField(node, 'title');
          const markdown = `[${text}](${linkDestination(url)}${title ? ' ' + linkTitle(title) : ''})`;
          tokens.push({ kind: 'word', formats: 0, text, code: false, markdown });
        }
        break;
      }
      case TRAIL_REFERENCE_TYPE: {
        const trailId = numberField(node, 'trailId');
        const title = (stringField(node, 'title') ?? '').replace(/\s+/g, ' ').trim();
        tokens.push(
          options.cite
            ? { kind: 'word', formats: FORMAT.italic, text: `trail: ${title || trailId}`, code: false, markdown: null }
            : { kind: 'word', formats: 0, text: '', code: false, markdown: `[[trail:${trailId}]]` },
        );
        break;
      }
      default:
        throw new Error(`a note state cannot hold a "${node.type}" node inside a paragraph`);
    }
  }
  return tokens;
}

function splitWords(text: string, formats: number, tokens: Token[]): void {
  const [, leading, word, trailing] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  if (leading) tokens.push({ kind: 'space', text: leading });
  if (word) {
    const previous = tokens.at(-1);
    // Text split over two nodes is escaped as one: `&` + `amp;` is an entity only when seen together.
    if (previous?.kind === 'word' && !previous.code && previous.markdown === null && previous.formats === formats) {
      previous.text += word;
    } else {
      tokens.push({ kind: 'word', formats, text: word, code: false, markdown: null });
    }
  }
  if (trailing) tokens.push({ kind: 'space', text: trailing });
}

/** Line breaks at the start of a block, and anything but words at its end, show nothing. */
function trimEnds(tokens: Token[]): Token[] {
  let start = 0;
  let end = tokens.length;
  while (start < end && tokens[start]!.kind === 'break') start++;
  while (end > start && tokens[end - 1]!.kind !== 'word') end--;
  return tokens.slice(start, end);
}

/** For each word and each of its formats, the index of the last word the format reaches without a break. */
function formatRunEnds(tokens: Token[]): Map<number, Map<number, number>> {
  const ends = new Map<number, Map<number, number>>();
  let next: Map<number, number> | null = null;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (token.kind === 'break') next = null;
    if (token.kind !== 'word') continue;
    const mine = new Map<number, number>();
    for (const format of FORMATS) {
      if ((token.formats & format) !== 0) mine.set(format, next?.get(format) ?? i);
    }
    ends.set(i, mine);
    next = mine;
  }
  return ends;
}

/** The Markdown of an inline code span, whose fence outnumbers every backtick run inside it. */
function codeSpan(text: string): string {
  const content = text.replace(/\n/g, ' ');
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // A reader strips one space from each end, and a backtick at an end would merge with the fence.
  const padded = content.includes('`') || (content.startsWith(' ') && content.endsWith(' ')) ? ` ${content} ` : content;
  return fence + padded + fence;
}

const UNICODE_PUNCTUATION = /[\p{P}\p{S}]/u;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * Delimiters between two words with no space around them open and close only where CommonMark's
 * flanking rules let them, which look at the characters on either side (Lexical's importer applies
 * the same rules, counting only ASCII punctuation). Where a run would fail, the letter on the
 * wrong side is written as a character reference, whose `&` and `;` are punctuation to both.
 */
/** Delimiters between two words with no space around them. */
interface Boundary {
  /** The character before them. */
  previous: string;
  closing: string;
  opening: string;
}

/** A word written since the last space or line break: where in the output, and the delimiters right before it. */
interface ChainWord {
  part: number;
  boundary: Boundary | null;
}

/**
 * Delimiters between two words with no space around them open and close only where CommonMark's
 * flanking rules let them, which look at the characters on either side (Lexical's importer applies
 * the same rules, counting only ASCII punctuation). Where a run would fail, the letter on the
 * wrong side is written as a character reference, whose `&` and `;` are punctuation to both.
 * Returns the next word as it is to be written; earlier words may be rewritten in `parts`.
 */
function fixFlanking(parts: string[], chain: ChainWord[], boundary: Boundary, after: string): string {
  const last = chain.at(-1)!.part;
  const unchanged = new Map<number, string>();
  const encodedBefore = encodeBackwards(parts, chain);
  const encodedAfter = encodeFirst(after);
  const candidates: [Map<number, string> | null, string | null][] = [
    [unchanged, after],
    [unchanged, encodedAfter],
    [encodedBefore, after],
    [encodedBefore, encodedAfter],
  ];
  for (const [edits, next] of candidates) {
    if (edits === null || next === null) continue;
    const previous = edits.has(last) ? ';' : lastCodePoint(parts[last]!);
    if (!delimitersWork(previous, boundary.closing, boundary.opening, next[0]!)) continue;
    for (const [part, text] of edits) parts[part] = text;
    chain.forEach((word, i) => {
      if (word.boundary && i > 0) word.boundary.previous = lastCodePoint(parts[chain[i - 1]!.part]!);
    });
    return next;
  }
  return after;
}

/**
 * The last word of the chain with its last letter encoded. A word of one letter changes its first
 * letter with it, which the delimiters before it see; if they then fail, the word before is
 * encoded too, and so on. Null where that cannot work.
 */
function encodeBackwards(parts: string[], chain: ChainWord[]): Map<number, string> | null {
  const edits = new Map<number, string>();
  for (let k = chain.length - 1; k >= 0; k--) {
    const word = parts[chain[k]!.part]!;
    const encoded = encodeLast(word);
    if (encoded === null) return null;
    edits.set(chain[k]!.part, encoded);
    const boundary = chain[k]!.boundary;
    if (lastCodePoint(word) !== word || !boundary) return edits;
    if (delimitersWork(boundary.previous, boundary.closing, boundary.opening, '&')) return edits;
    if (!delimitersWork(';', boundary.closing, boundary.opening, '&')) return null;
  }
  return null;
}

function delimitersWork(previous: string, closing: string, opening: string, next: string): boolean {
  const delimiters = closing + opening;
  for (let start = 0; start < delimiters.length;) {
    let end = start + 1;
    while (end < delimiters.length && delimiters[end] === delimiters[start]) end++;
    const before = start === 0 ? previous : delimiters[start - 1]!;
    const after = end === delimiters.length ? next : delimiters[end]!;
    for (const punctuation of [UNICODE_PUNCTUATION, ASCII_PUNCTUATION]) {
      const can = flanking(delimiters[start]!, before, after, punctuation);
      if ((start < closing.length && !can.close) || (end > closing.length && !can.open)) return false;
    }
    start = end;
  }
  return true;
}

function flanking(char: string, before: string, after: string, punctuation: RegExp): { open: boolean; close: boolean } {
  const space = (c: string): boolean => /\s/u.test(c);
  const left = !space(after) && (!punctuation.test(after) || space(before) || punctuation.test(before));
  const right = !space(before) && (!punctuation.test(before) || space(after) || punctuation.test(after));
  if (char !== '_') return { open: left, close: right };
  return { open: left && (!right || punctuation.test(before)), close: right && (!left || punctuation.test(after)) };
}

/**
 * `text` with its first character as a reference, or null if that character may be syntax. An
 * underscore next to it was left bare as being inside a word, which it no longer is.
 */
function encodeFirst(text: string): string | null {
  const first = String.fromCodePoint(text.codePointAt(0)!);
  if (ASCII_PUNCTUATION.test(first)) return null;
  const rest = text.slice(first.length);
  return characterReference(first) + (rest.startsWith('_') ? '\\' + rest : rest);
}

function encodeLast(text: string): string | null {
  const last = lastCodePoint(text);
  if (ASCII_PUNCTUATION.test(last)) return null;
  const rest = text.slice(0, text.length - last.length);
  return (rest.endsWith('_') ? rest.slice(0, -1) + '\\_' : rest) + characterReference(last);
}

function lastCodePoint(text: string): string {
  const code = text.charCodeAt(text.length - 1);
  return code >= 0xdc00 && code <= 0xdfff && text.length > 1 ? text.slice(-2) : text.slice(-1);
}
