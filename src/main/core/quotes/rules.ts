// The quote rules as pure functions over normalised text (see text/normalize.ts).

/** A repeated run of fewer words may be a coincidence ("I think that is the case"), not a quotation. */
export const MIN_QUOTE_WORDS = 6;

/**
 * A run of at least this many paragraphs that repeat whole earlier passages in reading order is the
 * same comments exported twice, not a string of quotes. Two in a row are still read as quotes: people
 * do quote two consecutive paragraphs before answering them.
 */
export const DUPLICATE_RUN_MIN = 3;

/**
 * How many stored passages a duplicated copy may skip between two repeats: exports drop the
 * blockquotes of the second copy, and a quoted paragraph was never stored.
 */
export const DUPLICATE_MAX_SKIP = 2;

const WORD_CHAR = /[\p{L}\p{N}]/u;

function isBoundary(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  return !(WORD_CHAR.test(text[index - 1]!) && WORD_CHAR.test(text[index]!));
}

/** Where `needle` occurs in `haystack` without cutting a word in two, or -1. */
export function indexOfWhole(haystack: string, needle: string): number {
  if (needle.length === 0) return -1;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    if (isBoundary(haystack, at) && isBoundary(haystack, at + needle.length)) return at;
  }
  return -1;
}

/**
 * Where a quotation stands in a passage: it starts at a word, but may end inside one, since people
 * copying a sentence often stop a letter short ("drug dealer" of "drug dealers").
 */
export function indexOfQuotation(haystack: string, needle: string): number {
  if (needle.length === 0) return -1;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    if (isBoundary(haystack, at)) return at;
  }
  return -1;
}

export function countWords(normalized: string): number {
  if (normalized.length === 0) return 0;
  // Normalised text has single spaces between words: counting them allocates nothing.
  let words = 1;
  for (let at = normalized.indexOf(' '); at >= 0; at = normalized.indexOf(' ', at + 1)) words++;
  return words;
}

/** Long enough that finding it inside another passage is not a coincidence. */
export function isQuotable(normalized: string): boolean {
  if (normalized.length === 0) return false;
  let words = 1;
  for (let at = normalized.indexOf(' '); at >= 0 && words < MIN_QUOTE_WORDS; at = normalized.indexOf(' ', at + 1))
    words++;
  return words >= MIN_QUOTE_WORDS;
}

export interface Span {
  start: number;
  end: number;
}

// More quote marks than this in one paragraph and pairing them all costs more than it finds.
const MAX_QUOTE_MARKS = 12;

/**
 * Stretches of a paragraph set off as quotations inside it: between double quotes or in parentheses,
 * long enough to be quotable, longest first. Quotations nest ("he wrote "x" and"), so every pair of
 * quote marks is a candidate, not only adjacent ones. Offsets are into the normalised paragraph,
 * without the marks.
 */
export function quotedSegments(normalized: string): Span[] {
  const spans: Span[] = [];
  // Most paragraphs have neither mark: two scans settle it.
  const firstQuote = normalized.indexOf('"');
  const hasParenthesis = normalized.indexOf('(') >= 0;
  if (firstQuote < 0 && !hasParenthesis) return spans;
  const marks: number[] = [];
  for (let i = firstQuote; i >= 0 && marks.length < MAX_QUOTE_MARKS; i = normalized.indexOf('"', i + 1)) marks.push(i);
  for (let a = 0; a < marks.length; a++) {
    for (let b = a + 1; b < marks.length; b++) addQuotable(spans, normalized, marks[a]! + 1, marks[b]!);
  }
  if (hasParenthesis) {
    for (const m of normalized.matchAll(/\(([^()]+)\)/g))
      addQuotable(spans, normalized, m.index + 1, m.index + 1 + m[1]!.length);
  }
  return spans.sort((x, y) => y.end - y.start - (x.end - x.start) || x.start - y.start);
}

function addQuotable(spans: Span[], normalized: string, from: number, to: number): void {
  const inner = normalized.slice(from, to);
  const body = inner.trim();
  if (!isQuotable(body)) return;
  const start = from + (inner.length - inner.trimStart().length);
  spans.push({ start, end: start + body.length });
}

/**
 * Whether a whole-passage repeat of `next` may follow one of `previous` in a duplicated block:
 * the copy goes forward through the thread (or repeats the same passage) and skips little.
 */
export function continuesDuplicate(previous: number, next: number): boolean {
  return next >= previous && next - previous <= DUPLICATE_MAX_SKIP + 1;
}
