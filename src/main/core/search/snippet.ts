// Snippets for the hits on the page, marked in JavaScript from the passage text. FTS5's snippet()
// would need the MATCH expression re-parsed and every term's doclist re-seeked for each row
// (50 µs a hit for one word, 200 µs for an expanded prefix), which made snippets most of the cost
// of a page. The query's terms are already known as patterns over their word forms (the same
// the JavaScript scorer uses), so marking them here takes a few microseconds per passage.
import { MATCH_END, MATCH_START } from '../../../shared/model/library';
import { compile, type TermPattern } from './scorer';
import { fold } from './text-fold';

/** Passages up to this long are shown whole; longer ones are cut to a window around the matches. */
export const SNIPPET_CHARS = 280;

/**
 * The passage (or its best window) with every match of the patterns wrapped in MATCH_START /
 * MATCH_END. Marker characters already in the text are dropped, so they cannot fake a match.
 */
export function makeSnippet(text: string, patterns: readonly TermPattern[] | Marker, maxChars = SNIPPET_CHARS): string {
  const clean = text.replace(/[\uE000\uE001]/g, '');
  const spans = (patterns instanceof Marker ? patterns : new Marker(patterns)).spans(clean);
  const [from, to] = chooseWindow(clean, spans, maxChars);
  let out = from > 0 ? '…' : '';
  let at = from;
  for (const [s, e] of spans) {
    if (e <= from || s >= to) continue;
    const [ms, me] = [Math.max(s, from), Math.min(e, to)];
    out += clean.slice(at, ms) + MATCH_START + clean.slice(ms, me) + MATCH_END;
    at = me;
  }
  out += clean.slice(at, to) + (to < clean.length ? '…' : '');
  return out;
}

/** The query's patterns compiled once, to mark every hit of a page. */
export class Marker {
  private readonly res: RegExp[];

  constructor(patterns: readonly TermPattern[]) {
    this.res = patterns.map(compile);
  }

  /** Matched character spans of the original text, sorted and merged. */
  spans(text: string): Array<[number, number]> {
    const folded = fold(text);
    const spans: Array<[number, number]> = [];
    for (const re of this.res) {
      for (const m of folded.text.matchAll(re)) {
        if (m[0].length === 0) continue;
        const last = m.index + m[0].length - 1;
        const start = folded.origin ? folded.origin[m.index]! : m.index;
        const end = (folded.origin ? folded.origin[last]! : last) + 1;
        spans.push([start, end]);
      }
    }
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged: Array<[number, number]> = [];
    for (const s of spans) {
      const last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    }
    return merged;
  }
}

/** The [from, to) window to show: the whole text if short, else the stretch with most matches. */
function chooseWindow(text: string, spans: ReadonlyArray<[number, number]>, maxChars: number): [number, number] {
  if (text.length <= maxChars) return [0, text.length];
  let best = 0;
  let bestCount = -1;
  for (let i = 0; i < Math.max(spans.length, 1); i++) {
    // Start a little before a match, so it is read in context.
    const anchor = spans[i] ? Math.max(0, spans[i]![0] - Math.floor(maxChars / 5)) : 0;
    let count = 0;
    for (const [s, e] of spans) if (s >= anchor && e <= anchor + maxChars) count++;
    if (count > bestCount) {
      best = anchor;
      bestCount = count;
    }
  }
  let from = best === 0 ? 0 : wordStart(text, best);
  let to = Math.min(text.length, from + maxChars);
  if (to < text.length) to = wordEnd(text, to);
  if (to === text.length) from = Math.max(0, wordStart(text, Math.max(0, to - maxChars)));
  return [from, to];
}

function wordStart(text: string, i: number): number {
  const space = text.lastIndexOf(' ', i);
  return space < 0 || i - space > 20 ? i : space + 1;
}

function wordEnd(text: string, i: number): number {
  const space = text.lastIndexOf(' ', i);
  return space <= 0 || i - space > 20 ? i : space;
}
