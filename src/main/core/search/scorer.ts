// BM25 computed in JavaScript from a passage's text, for queries whose words are too common for
// FTS5's bm25() to be affordable (see planner.ts). Same formula and constants as FTS5's bm25
// (k1 = 1.2, b = 0.75, idf clamped just above zero), with two approximations that only move
// scores a little: a term's occurrences are found as its known word forms (rather than by
// stemming every token), and passage length is measured in characters. One regular expression
// per term over the folded text costs about a microsecond a passage, a few times less than
// splitting the text into tokens.
import { foldForMatching } from './text-fold';

/** How a query term shows in text: a run of token slots (each any of its word forms), or a prefix. */
export type TermPattern = { kind: 'sequence'; slots: string[][] } | { kind: 'prefix'; prefix: string };

export interface WeightedPattern {
  pattern: TermPattern;
  /** Passages in the library containing the term. */
  passages: number;
}

export interface CorpusStats {
  passages: number;
  /** Mean passage length in characters. */
  meanChars: number;
}

const K1 = 1.2;
const B = 0.75;
const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}]';
const BEFORE = `(?<!${WORD_CHAR})`;
const AFTER = `(?!${WORD_CHAR})`;
const GAP = `[^\\p{L}\\p{N}\\p{M}]+`;

export type Scorer = (text: string) => number;

export function createScorer(terms: readonly WeightedPattern[], corpus: CorpusStats): Scorer {
  const weighted = terms.map((t) => ({ re: compile(t.pattern), idf: idf(corpus.passages, t.passages) }));
  const meanChars = corpus.meanChars > 0 ? corpus.meanChars : 300;
  return (text: string): number => {
    const folded = foldForMatching(text);
    const norm = K1 * (1 - B + (B * text.length) / meanChars);
    let score = 0;
    for (const { re, idf } of weighted) {
      re.lastIndex = 0;
      let tf = 0;
      while (re.exec(folded)) tf++;
      if (tf > 0) score += (idf * (tf * (K1 + 1))) / (tf + norm);
    }
    return score;
  };
}

/** FTS5's idf: log((N - n + 0.5) / (n + 0.5)), or a token 1e-6 for terms in over half the passages. */
export function idf(passages: number, containing: number): number {
  const n = Math.min(containing, passages);
  const v = Math.log((passages - n + 0.5) / (n + 0.5));
  return v > 0 ? v : 1e-6;
}

const compiled = new WeakMap<TermPattern, RegExp>();

/**
 * A global regular expression for the pattern, compiled once per pattern object (the planner
 * keeps its terms, patterns included, across queries). Callers reset lastIndex before use.
 */
export function compile(p: TermPattern): RegExp {
  let re = compiled.get(p);
  if (!re) compiled.set(p, (re = build(p)));
  return re;
}

function build(p: TermPattern): RegExp {
  const source =
    p.kind === 'prefix'
      ? `${BEFORE}${escape(p.prefix)}${WORD_CHAR}*`
      : BEFORE + p.slots.map((forms) => `(?:${forms.map(escape).join('|')})`).join(GAP) + AFTER;
  return new RegExp(source, 'giu');
}

function escape(s: string): string {
  // Only syntax characters may be escaped in a unicode-mode pattern ("\\-" is an error there).
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
