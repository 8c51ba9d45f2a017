// Quote matching compares text the way a reader would: ignoring case, runs of whitespace,
// curly versus straight quotes and "…" versus "...". Offsets into the normalised text map back
// to the original, so a link can name the exact span of the passage that was quoted.

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC`]/;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/;
const SPACE = /[\s\u200B]/;
const g = (re: RegExp): RegExp => new RegExp(re.source.replace(/\]$/, ']+'), 'g');
const SINGLE_QUOTES_G = new RegExp(SINGLE_QUOTES.source, 'g');
const DOUBLE_QUOTES_G = new RegExp(DOUBLE_QUOTES.source, 'g');
const DASHES_G = new RegExp(DASHES.source, 'g');
const SPACES_G = g(SPACE);

export interface NormalizedText {
  /** Lower-cased, whitespace collapsed and trimmed, quotes/dashes/ellipses unified. */
  text: string;
  /** For each character of `text`, the offset of the original character it came from (plus one past the end). */
  origin: Int32Array;
}

export function normalizeWithMap(original: string): NormalizedText {
  const out: string[] = [];
  const origin: number[] = [];
  let pendingSpace = -1;
  for (let i = 0; i < original.length; i++) {
    const ch = original[i]!;
    if (SPACE.test(ch)) {
      if (out.length > 0 && pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0) {
      out.push(' ');
      origin.push(pendingSpace);
      pendingSpace = -1;
    }
    if (ch === '\u2026') {
      for (let k = 0; k < 3; k++) {
        out.push('.');
        origin.push(i);
      }
      continue;
    }
    let mapped = ch;
    if (SINGLE_QUOTES.test(ch)) mapped = "'";
    else if (DOUBLE_QUOTES.test(ch)) mapped = '"';
    else if (DASHES.test(ch)) mapped = '-';
    else mapped = ch === '\u03C2' || ch === '\u03A3' ? '\u03C3' : ch.toLowerCase();
    // Lower-casing can lengthen a character (İ → i̇); every produced unit maps back to it.
    for (const unit of mapped) {
      out.push(unit);
      origin.push(i);
    }
  }
  const map = new Int32Array(origin.length + 1);
  map.set(origin);
  map[origin.length] = original.length;
  return { text: out.join(''), origin: map };
}

// What `normalize` changes besides letter case: whitespace other than single spaces between words,
// and the characters it unifies. Most paragraphs have none, and one scan settles it.
const NEEDS_WORK =
  /[^\S ]|[\u200B\u2026\u2018\u2019\u201A\u201B\u2032\u02BC`\u201C-\u201F\u2033\u00AB\u00BB\u2010-\u2015\u2212\u03C2\u03A3]| {2}|^ | $/;

// Printable ASCII but "`", as nine paragraphs in ten are: of NEEDS_WORK only the spaces can apply, and
// this one class is tested twice as fast as NEEDS_WORK's alternatives.
const PRINTABLE_ASCII = /^[\x20-\x5F\x61-\x7E]*$/;

/**
 * The same text as `normalizeWithMap(original).text`, several times faster: the import path
 * normalises every paragraph, and only needs the offset map for the few that are quoted.
 */
export function normalize(original: string): string {
  const needsWork = PRINTABLE_ASCII.test(original)
    ? original.includes('  ') || original.startsWith(' ') || original.endsWith(' ')
    : NEEDS_WORK.test(original);
  if (!needsWork) return original.toLowerCase();
  return original
    .replace(SPACES_G, ' ')
    .trim()
    .replace(/\u2026/g, '...')
    .replace(SINGLE_QUOTES_G, "'")
    .replace(DOUBLE_QUOTES_G, '"')
    .replace(DASHES_G, '-')
    .replace(/[\u03C2\u03A3]/g, '\u03C3')
    .toLowerCase();
}

/** Maps a [start, end) span of the normalised text back to the original text. */
export function originalSpan(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  const from = n.origin[start]!;
  // The span ends after the original character that produced the last matched unit.
  const last = n.origin[Math.max(start, end - 1)]!;
  return { start: from, end: last + 1 };
}

/** Words for matching: normalised text split on spaces. */
export function words(normalized: string): string[] {
  return normalized.length === 0 ? [] : normalized.split(' ');
}

export function wordCount(text: string): number {
  const t = text.trim();
  return t.length === 0 ? 0 : t.split(/\s+/).length;
}
