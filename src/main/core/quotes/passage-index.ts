import { FingerprintTable } from './fingerprint-table';
import { anchor, GUARANTEED_WORDS, textFingerprint, winnow } from './fingerprints';
import { indexOfWhole, isQuotable, type Span } from './rules';

/** Gives the normalised text of the thread's i-th stored passage (from memory or from the store). */
export type PassageText = (index: number) => string;

export interface Containing extends Span {
  target: number;
}

// A paragraph whose fingerprints all lead to more candidates than this is boilerplate-like;
// verifying every candidate would cost more than the link is worth.
const MAX_CANDIDATES = 64;

/**
 * The passages stored so far in one thread, indexed for the three questions quote reconstruction
 * asks: is this text a passage already, which passage contains it, which passages does it contain.
 * Holds only fingerprints; the texts are fetched through `textOf` to verify a candidate.
 */
export class PassageIndex {
  private readonly exact = new FingerprintTable(1024, 1 << 30);
  private readonly fingerprints = new FingerprintTable(4096);
  private readonly anchors = new FingerprintTable(1024, 1 << 30);
  private count = 0;

  constructor(private readonly textOf: PassageText) {}

  get size(): number {
    return this.count;
  }

  /** Registers the next passage; returns its index. */
  add(normalized: string): number {
    const index = this.count++;
    this.exact.add(textFingerprint(normalized), index);
    if (isQuotable(normalized)) {
      const words = normalized.split(' ');
      for (const f of winnow(words)) this.fingerprints.add(f, index);
      this.anchors.add(anchor(words)!, index);
    }
    return index;
  }

  /** The earliest passage whose text is exactly this. */
  findExact(normalized: string): number | undefined {
    return this.exact.get(textFingerprint(normalized)).find((i) => this.textOf(i) === normalized);
  }

  /** The earliest passage that contains this quotable text whole (itself included). */
  findContaining(normalized: string): Containing | undefined {
    if (!isQuotable(normalized)) return undefined;
    for (const target of this.candidatesContaining(normalized.split(' '))) {
      const start = indexOfWhole(this.textOf(target), normalized);
      if (start >= 0) return { target, start, end: start + normalized.length };
    }
    return undefined;
  }

  /**
   * Passages that select every fingerprint of the text's interior: any passage containing the text
   * does. The first and last words are left out because a quotation may cut a word's punctuation off
   * ("questions" in "questions."), which changes its k-grams but none of the interior's.
   */
  private candidatesContaining(words: string[]): number[] {
    const interior = words.length >= GUARANTEED_WORDS + 2 ? words.slice(1, -1) : words;
    const keys = [...winnow(interior)];
    if (keys.length === 0) return [];
    if (keys.some((k) => this.fingerprints.count(k) === 0)) return [];
    const complete = keys.filter((k) => !this.fingerprints.isFull(k));
    const byRarity = (complete.length > 0 ? complete : keys).sort(
      (a, b) => this.fingerprints.count(a) - this.fingerprints.count(b),
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
    if (!isQuotable(normalized)) return [];
    const found = new Map<number, Containing>();
    let checked = 0;
    for (const f of winnow(normalized.split(' '))) {
      for (const target of this.anchors.get(f)) {
        if (found.has(target) || checked++ >= MAX_CANDIDATES) continue;
        const text = this.textOf(target);
        if (text.length < normalized.length && indexOfWhole(normalized, text) >= 0) {
          found.set(target, { target, start: 0, end: text.length });
        }
      }
    }
    return [...found.values()].sort((a, b) => a.target - b.target);
  }
}
