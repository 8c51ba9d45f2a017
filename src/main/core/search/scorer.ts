// BM25 computed in JavaScript from a passage's text, for queries whose words are too common for
// FTS5's bm25() to be affordable (see planner.ts). Same formula and constants as FTS5's bm25
// (k1 = 1.2, b = 0.75, idf clamped just above zero), with two approximations that only move
// scores a little: a token counts for a term when it is one of the term's known word forms
// (rather than by stemming every token), and passage length is measured in characters.
import { tokens } from './text-fold';

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
  const weights = terms.map((t) => idf(corpus.passages, t.passages));
  const meanChars = corpus.meanChars > 0 ? corpus.meanChars : 300;
  // Each token is looked up once: which sequences may start with it, which prefixes it has.
  const starts = new Map<string, number[]>();
  const slots: Array<Array<Set<string>>> = [];
  const prefixes: Array<[number, string]> = [];
  terms.forEach((t, i) => {
    if (t.pattern.kind === 'prefix') {
      prefixes.push([i, t.pattern.prefix]);
      slots.push([]);
      return;
    }
    slots.push(t.pattern.slots.map((forms) => new Set(forms)));
    for (const form of t.pattern.slots[0] ?? []) starts.set(form, [...(starts.get(form) ?? []), i]);
  });
  const tf = new Float64Array(terms.length);
  return (text: string): number => {
    tf.fill(0);
    const toks = tokens(text);
    for (let k = 0; k < toks.length; k++) {
      const tok = toks[k]!;
      for (const i of starts.get(tok) ?? NONE) {
        const seq = slots[i]!;
        let j = 1;
        while (j < seq.length && k + j < toks.length && seq[j]!.has(toks[k + j]!)) j++;
        if (j === seq.length) tf[i]!++;
      }
      for (const [i, prefix] of prefixes) if (tok.startsWith(prefix)) tf[i]!++;
    }
    const norm = K1 * (1 - B + (B * text.length) / meanChars);
    let score = 0;
    for (let i = 0; i < tf.length; i++) if (tf[i]! > 0) score += (weights[i]! * (tf[i]! * (K1 + 1))) / (tf[i]! + norm);
    return score;
  };
}

const NONE: number[] = [];

/** FTS5's idf: log((N - n + 0.5) / (n + 0.5)), or a token 1e-6 for terms in over half the passages. */
export function idf(passages: number, containing: number): number {
  const n = Math.min(containing, passages);
  const v = Math.log((passages - n + 0.5) / (n + 0.5));
  return v > 0 ? v : 1e-6;
}

export function compile(p: TermPattern): RegExp {
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
