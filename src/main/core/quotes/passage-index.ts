import { FingerprintTable } from './fingerprint-table';
import { anchorOfHashes, GUARANTEED_WORDS, kgramHashesOfText, textFingerprint, winnowHashes } from './fingerprints';
import { indexOfQuotation, indexOfWhole, isQuotable, type Span } from './rules';

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
  // Reconstruction asks up to four questions of each paragraph in a row: hash its words once.
  private analyzed: string | undefined;
  private analyzedWords = 0;
  private analyzedHashes: Uint32Array = new Uint32Array(0);

  constructor(private readonly textOf: PassageText) {}

  /** K-gram hashes of the text's words, and how many words it has. */
  private analyze(normalized: string): Uint32Array {
    if (this.analyzed !== normalized) {
      const { words, hashes } = kgramHashesOfText(normalized);
      this.analyzed = normalized;
      this.analyzedWords = words;
      this.analyzedHashes = hashes;
    }
    return this.analyzedHashes;
  }

  get size(): number {
    return this.count;
  }

  /** Registers the next passage; returns its index. */
  add(normalized: string): number {
    const index = this.count++;
    this.exact.add(textFingerprint(normalized), index);
    if (isQuotable(normalized)) {
      const hashes = this.analyze(normalized);
      for (const f of winnowHashes(hashes)) this.fingerprints.add(f, index);
      this.anchors.add(anchorOfHashes(hashes)!, index);
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
    const hashes = this.analyze(normalized);
    // Dropping a word drops the one k-gram it starts or ends.
    const spare = this.analyzedWords - GUARANTEED_WORDS;
    const interior = hashes.subarray(spare >= 2 ? 1 : 0, hashes.length - (spare >= 1 ? 1 : 0));
    const keys = [...winnowHashes(interior)];
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
    fingerprints: for (const f of winnowHashes(this.analyze(normalized))) {
      for (const target of this.anchors.get(f)) {
        if (found.has(target)) continue;
        // Past the cap nothing more is checked: stop walking lists that grow with the thread.
        if (checked++ >= MAX_CANDIDATES) break fingerprints;
        const text = this.textOf(target);
        if (text.length < normalized.length && indexOfWhole(normalized, text) >= 0) {
          found.set(target, { target, start: 0, end: text.length });
        }
      }
    }
    return [...found.values()].sort((a, b) => a.target - b.target);
  }
}
