import { FingerprintTable } from './fingerprint-table';

/**
 * The fingerprints of a thread's recent passages only: two generations of tables, the older
 * dropped once the newer holds `generation` passages, so the last `generation` to 2 × `generation`
 * passages are indexed. Finding which earlier passage a quotation comes from needs the fingerprints
 * of every passage it could come from; in a thread of hundreds of thousands of passages (a forum
 * dump imported whole, a 300 MB paste) they came to ~100 MiB and grew with the file. Real threads,
 * even the longest, stay inside one generation and lose nothing.
 */
export class FingerprintWindow {
  private older: FingerprintTable | undefined;
  private newer: FingerprintTable;
  /** The first passage the newer generation holds. */
  private newerFrom = 0;
  private olderFrom = 0;

  constructor(
    private readonly generation: number,
    private readonly initialKeys: number,
    private readonly maxPerKey?: number,
  ) {
    this.newer = new FingerprintTable(initialKeys, maxPerKey);
  }

  /** Adds `passage` (passages come in ascending order) under `key`. */
  add(key: number, passage: number): void {
    if (passage - this.newerFrom >= this.generation) {
      // The dropped generation's arrays have the size the next one will need.
      const dropped = this.older;
      dropped?.clear();
      this.older = this.newer;
      this.newer = dropped ?? new FingerprintTable(this.initialKeys, this.maxPerKey);
      this.olderFrom = this.newerFrom;
      this.newerFrom = passage;
    }
    this.newer.add(key, passage);
  }

  /** No passage before this one is in the window. */
  get from(): number {
    return this.older ? this.olderFrom : this.newerFrom;
  }

  count(key: number): number {
    return (this.older?.count(key) ?? 0) + this.newer.count(key);
  }

  /** Whether `key`'s list may miss some of the window's passages. */
  isFull(key: number): boolean {
    return (this.older?.isFull(key) ?? false) || this.newer.isFull(key);
  }

  /** The window's passages under `key`, ascending. */
  get(key: number): number[] {
    const newer = this.newer.get(key);
    return this.older ? [...this.older.get(key), ...newer] : newer;
  }
}
