// Inline content (text, code, links, line breaks, trail references) as Markdown. Emphasis goes
// where both CommonMark and Lexical's importer see it open and close: the formats that last longest
// enclose the others, bold and italic nest with different characters, and where a delimiter would
// touch punctuation on one side and a letter on the other, the letter becomes a reference.
import { characterReference, escapeText, isScriptUrl, linkDestination, linkTitle } from './escapes';
import { TRAIL_REFERENCE_TYPE } from './nodes';
import { childrenOf, FORMAT, nodeState, numberField, stringField, type StateNode } from './state-tree';

/** Markdown renders these; underline, highlight and the rest have no Markdown and are dropped. */
const FORMATS = [FORMAT.bold, FORMAT.italic, FORMAT.strikethrough];
const MARKDOWN_FORMATS = FORMAT.bold | FORMAT.italic | FORMAT.strikethrough;
const STARS: Record<number, string> = { [FORMAT.bold]: '**', [FORMAT.italic]: '*', [FORMAT.strikethrough]: '~~' };
const UNDERSCORES: Record<number, string> = { [FORMAT.bold]: '__', [FORMAT.italic]: '_', [FORMAT.strikethrough]: '~~' };

/** Where inline content stands: a heading and a link's text are one line, a list item has no blank line. */
export type Context = 'block' | 'heading' | 'item' | 'link';

/**
 * A stretch of inline content: whitespace, a line break, or a word: text with no whitespace at its
 * ends, a code span, a link or a trail reference.
 */
type Token =
  | { kind: 'space'; text: string }
  | { kind: 'break'; marker: string }
  | { kind: 'word'; formats: number; text: string; code: boolean; markdown: string | null };

interface OpenFormat {
  format: number;
  delimiter: string;
}

/**
 * Inline nodes as Markdown. `documentForm` writes a trail reference as its title rather than as
 * [[trail:ID]]. Returns '' when nothing in them would show.
 */
export function writeInline(nodes: StateNode[], context: Context, documentForm: boolean): string {
  const tokens = tidyLines(tokenize(nodes, context, documentForm), context);
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

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.kind === 'space') {
      space += token.text;
      chain = [];
      continue;
    }
    if (token.kind === 'break') {
      closeAll();
      writeSpace();
      parts.push(token.marker + '\n');
      lineStart = true;
      chain = [];
      continue;
    }
    let closing = '';
    while (open.some(({ format }) => (token.formats & format) === 0)) closing += open.pop()!.delimiter;
    const opening = openings(token.formats, open, runEnds.get(index), space === '' ? closing : '');
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
  }
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
  runEnds: Map<number, number> | undefined,
  closedJustBefore: string,
): OpenFormat[] {
  if (formats === 0) return [];
  const opening = FORMATS.filter((format) => (formats & format) !== 0 && !open.some((o) => o.format === format)).sort(
    (a, b) => runEnds!.get(b)! - runEnds!.get(a)!,
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

function tokenize(nodes: StateNode[], context: Context, documentForm: boolean): Token[] {
  const tokens: Token[] = [];
  const lineBreak = (marker: string): void => {
    // A heading is one line, and Lexical's importer reads a link from one line.
    if (context === 'heading' || context === 'link') tokens.push({ kind: 'space', text: ' ' });
    else tokens.push({ kind: 'break', marker });
  };
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'code-highlight': {
        let text = stringField(node, 'text') ?? '';
        if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
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
        if (!text.includes('\n')) splitWords(text, formats & MARKDOWN_FORMATS, tokens);
        else {
          text.split('\n').forEach((line, i) => {
            if (i > 0) lineBreak('');
            splitWords(line, formats & MARKDOWN_FORMATS, tokens);
          });
        }
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
          tokens.push(...tokenize(childrenOf(node), context, documentForm));
          break;
        }
        const text = writeInline(childrenOf(node), 'link', documentForm);
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
          documentForm
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
  const spaced = /^\s|\s$/.test(text);
  const start = spaced ? text.length - text.trimStart().length : 0;
  const end = !spaced ? text.length : start === text.length ? start : text.trimEnd().length;
  const leading = text.slice(0, start);
  const word = text.slice(start, end);
  const trailing = text.slice(end);
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

/**
 * The lines as they are to be written: without spaces at their ends, which show nothing (and two
 * would make a line break a hard one), without line breaks before the first word or anything after
 * the last, with no more than one blank line in a row (more read back as one), and in a list item
 * with none, which would end the item.
 */
function tidyLines(tokens: Token[], context: Context): Token[] {
  const tidy: Token[] = [];
  for (const token of tokens) {
    if (token.kind === 'break') {
      while (tidy.at(-1)?.kind === 'space') tidy.pop();
      const breaksInARow = tidy.at(-1)?.kind === 'break' ? (tidy.at(-2)?.kind === 'break' ? 2 : 1) : 0;
      if (tidy.length === 0 || breaksInARow === (context === 'item' ? 1 : 2)) continue;
    }
    tidy.push(token);
  }
  while (tidy.length > 0 && tidy.at(-1)!.kind !== 'word') tidy.pop();
  return tidy;
}

/** For each word and each of its formats, the index of the last word the format reaches without a break. */
function formatRunEnds(tokens: Token[]): Map<number, Map<number, number>> {
  const ends = new Map<number, Map<number, number>>();
  if (!tokens.some((token) => token.kind === 'word' && token.formats !== 0)) return ends;
  let next: Map<number, number> | null = null;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (token.kind === 'break') next = null;
    if (token.kind !== 'word') continue;
    if (token.formats === 0) {
      next = null;
      continue;
    }
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
  if (delimitersWork(lastCodePoint(parts[last]!), boundary.closing, boundary.opening, after[0]!)) return after;
  const unchanged = new Map<number, string>();
  const encodedBefore = encodeBackwards(parts, chain);
  const encodedAfter = encodeFirst(after);
  const candidates: [Map<number, string> | null, string | null][] = [
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
  const bareUnderscore = rest.endsWith('_') && /[\p{L}\p{N}]/u.test(lastCodePoint(rest.slice(0, -1)) || ' ');
  return (bareUnderscore ? rest.slice(0, -1) + '\\_' : rest) + characterReference(last);
}

function lastCodePoint(text: string): string {
  const code = text.charCodeAt(text.length - 1);
  return code >= 0xdc00 && code <= 0xdfff && text.length > 1 ? text.slice(-2) : text.slice(-1);
}
