import { FingerprintTable } from './fingerprint-table';
import { FingerprintWindow } from './fingerprint-window';
import { GUARANTEED_WORDS, TextAnalysis, winnowInto } from './fingerprints';
import { indexOfQuotation, indexOfWhole, MIN_QUOTE_WORDS, type Span } from './rules';

/** Gives the normalised text of the thread's i-th stored passage (from memory or from the store). */
export type PassageText = (index: number) => string;

/**
 * Whether the thread's i-th passage has exactly this normalised text. Its text is needed only for
 * that: a side that keeps only recent passages' texts answers for older ones by their hashes.
 */
export type IsPassageText = (index: number, normalized: string) => boolean;

export interface Containing extends Span {
  target: number;
}

/**
 * Quotations are looked for among the last 50,000 to 100,000 passages of a thread: memory stays
 * bounded however long the thread (see fingerprint-window.ts and docs/architecture.md).
 */
export const QUOTE_WINDOW_GENERATION = 50_000;

// A paragraph whose fingerprints all lead to more candidates than this is boilerplate-like;
// verifying every candidate would cost more than the link is worth.
const MAX_CANDIDATES = 64;

/**
 * The passages stored so far in one thread, indexed for the three questions quote reconstruction
 * asks: is this text a passage already, which passage contains it, which passages does it contain.
 * Holds only fingerprints; the texts are fetched through `textOf` to verify a candidate. Only an
 * exact repeat is looked for beyond the window (`isText`).
 *
 * Nearly every paragraph of a thread is new: each question first asks the tables whether anything
 * could match at all, which costs a few lookups and allocates nothing, and only then builds lists.
 */
export class PassageIndex {
  // Small to begin with: a mailbox opens an index for each of its thousands of threads, most of them a
  // message or two long, and zeroing larger tables for each cost more than detecting their quotations.
  // Every passage's whole text, so that the same text is never stored twice in a thread; quotations
  // are looked for among the recent passages only (fingerprint-window.ts).
  private readonly exact = new FingerprintTable(16, 1 << 30);
  private readonly fingerprints: FingerprintWindow;
  private readonly anchors: FingerprintWindow;
  private count = 0;
  // Reconstruction asks up to four questions of a paragraph in a row, and between them may look up a
  // quoted stretch of it: the last two texts stay analysed.
  private recent = new TextAnalysis();
  private older = new TextAnalysis();
  private interior = new Uint32Array(64);

  constructor(
    private readonly textOf: PassageText,
    generation = QUOTE_WINDOW_GENERATION,
    private readonly isText: IsPassageText = (index, normalized) => textOf(index) === normalized,
  ) {
    this.fingerprints = new FingerprintWindow(generation, 64);
    this.anchors = new FingerprintWindow(generation, 16, 1 << 30);
  }

  private analyze(normalized: string): TextAnalysis {
    if (this.recent.text !== normalized) {
      [this.recent, this.older] = [this.older, this.recent];
      this.recent.analyze(normalized);
    }
    return this.recent;
  }

  get size(): number {
    return this.count;
  }

  /** No passage before this one can contain a text or be contained in one: only an exact repeat. */
  get windowStart(): number {
    return Math.min(this.fingerprints.from, this.anchors.from);
  }

  /** Registers the next passage; returns its index. */
  add(normalized: string): number {
    const index = this.count++;
    const a = this.analyze(normalized);
    this.exact.add(a.whole, index);
    if (a.words >= MIN_QUOTE_WORDS && a.kgramCount > 0) {
      const { values, count } = a.fingerprints();
      for (let i = 0; i < count; i++) this.fingerprints.add(values[i]!, index);
      // The first window's fingerprint is the first one winnowing selects.
      this.anchors.add(values[0]!, index);
    }
    return index;
  }

  /** The earliest passage whose text is exactly this. */
  findExact(normalized: string): number | undefined {
    const whole = this.analyze(normalized).whole;
    if (this.exact.count(whole) === 0) return undefined;
    return this.exact.get(whole).find((i) => this.isText(i, normalized));
  }

  /** The earliest passage that contains this quotable text whole (itself included). */
  findContaining(normalized: string): Containing | undefined {
    if (this.analyze(normalized).words < MIN_QUOTE_WORDS) return undefined;
    for (const target of this.candidatesContaining(normalized)) {
      const start = indexOfQuotation(this.textOf(target), normalized);
      if (start >= 0) return { target, start, end: start + normalized.length };
    }
    return undefined;
  }

  /**
   * Passages that select every fingerprint of the text's interior: any passage containing the text
   * does. The first and last words are left out, as far as the guarantee allows, because a
   * quotation may cut a word short ("dealer" of "dealers"), which changes its k-grams but none of
   * the interior's.
   */
  private candidatesContaining(normalized: string): number[] {
    const a = this.analyze(normalized);
    // Dropping a word drops the one k-gram it starts or ends.
    const spare = a.words - GUARANTEED_WORDS;
    const from = spare >= 2 ? 1 : 0;
    const to = a.kgramCount - (spare >= 1 ? 1 : 0);
    if (to - from > this.interior.length) this.interior = new Uint32Array((to - from) * 2);
    const n = winnowInto(a.kgrams, from, to, this.interior);
    if (n === 0) return [];
    // A fingerprint no passage selected rules every passage out: the usual answer, found at once.
    for (let i = 0; i < n; i++) if (this.fingerprints.count(this.interior[i]!) === 0) return [];
    const keys = Array.from(this.interior.subarray(0, n));
    const complete = keys.filter((k) => !this.fingerprints.isFull(k));
    const byRarity = (complete.length > 0 ? complete : keys).sort(
      (x, y) => this.fingerprints.count(x) - this.fingerprints.count(y),
    );
    let candidates = this.fingerprints.get(byRarity[0]!);
    // Intersecting with the next rarest lists removes nearly every false candidate for the cost of a merge.
    for (const key of complete.length > 0 ? byRarity.slice(1, 4) : []) {
      if (candidates.length <= 1) break;
      const other = new Set(this.fingerprints.get(key));
      candidates = candidates.filter((c) => other.has(c));
    }
    return candidates.slice(0, MAX_CANDIDATES);
  }

  /** Quotable passages whose whole text stands inside this paragraph, in thread order. */
  findContained(normalized: string): Containing[] {
    const a = this.analyze(normalized);
    if (a.words < MIN_QUOTE_WORDS) return [];
    const { values, count } = a.fingerprints();
    let found: Map<number, Containing> | undefined;
    let checked = 0;
    fingerprints: for (let i = 0; i < count; i++) {
      const f = values[i]!;
      if (this.anchors.count(f) === 0) continue;
      for (const target of this.anchors.get(f)) {
        if (found?.has(target)) continue;
        // Past the cap nothing more is checked: stop walking lists that grow with the thread.
        if (checked++ >= MAX_CANDIDATES) break fingerprints;
        const text = this.textOf(target);
        if (text.length < normalized.length && indexOfWhole(normalized, text) >= 0) {
          (found ??= new Map()).set(target, { target, start: 0, end: text.length });
        }
      }
    }
    return found ? [...found.values()].sort((x, y) => x.target - y.target) : [];
  }
}
