import { FingerprintTable } from './fingerprint-table';
import { anchor, textFingerprint, winnow } from './fingerprints';
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
    // Every fingerprint the text selects is selected by any passage containing it: the rarest narrows best.
    let best: number[] | undefined;
    for (const f of winnow(normalized.split(' '))) {
      const candidates = this.fingerprints.get(f);
      if (!best || candidates.length < best.length) best = candidates;
      if (best.length <= 1) break;
    }
    for (const target of (best ?? []).slice(0, MAX_CANDIDATES)) {
      const start = indexOfWhole(this.textOf(target), normalized);
      if (start >= 0) return { target, start, end: start + normalized.length };
    }
    return undefined;
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
