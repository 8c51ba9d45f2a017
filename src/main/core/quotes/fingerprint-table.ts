/**
 * A multimap from 32-bit fingerprints to passage indexes, in typed arrays: distinct keys in an
 * open-addressing table, each key's values in a chain. About 12 bytes per entry where a Map of arrays
 * takes ~10× that and stops at 2^24 keys, so quote detection for a thread of tens of millions of
 * words fits in memory. Counting a key's values is O(1), which lets lookups start from the rarest.
 */
export class FingerprintTable {
  private slotKeys: Uint32Array;
  private slotHeads: Int32Array;
  private slotCounts: Int32Array;
  private keys = 0;
  private values: Int32Array;
  private next: Int32Array;
  private size = 0;

  /** A key shared by more passages than `maxPerKey` stops taking values: it no longer tells passages apart. */
  constructor(
    initialKeys = 1024,
    readonly maxPerKey = 4096,
  ) {
    const cap = 1 << Math.ceil(Math.log2(Math.max(16, initialKeys * 2)));
    this.slotKeys = new Uint32Array(cap);
    this.slotHeads = new Int32Array(cap).fill(-1);
    this.slotCounts = new Int32Array(cap);
    this.values = new Int32Array(cap);
    this.next = new Int32Array(cap);
  }

  get entries(): number {
    return this.size;
  }

  add(key: number, value: number): void {
    let slot = this.find(key);
    if (this.slotHeads[slot] === -1) {
      // Three-quarters full before growing: long threads hold tens of millions of fingerprints.
      if ((this.keys + 1) * 4 > this.slotHeads.length * 3) {
        this.growSlots();
        slot = this.find(key);
      }
      this.slotKeys[slot] = key;
      this.keys++;
    } else {
      const head = this.slotHeads[slot]!;
      if (this.values[head] === value || this.slotCounts[slot]! >= this.maxPerKey) return;
    }
    if (this.size === this.values.length) this.growEntries();
    this.values[this.size] = value;
    this.next[this.size] = this.slotHeads[slot]!;
    this.slotHeads[slot] = this.size++;
    this.slotCounts[slot]!++;
  }

  /** How many values `key` holds. */
  count(key: number): number {
    const slot = this.find(key);
    return this.slotHeads[slot] === -1 ? 0 : this.slotCounts[slot]!;
  }

  /** Whether `key` stopped taking values, so that its list may miss some passages. */
  isFull(key: number): boolean {
    return this.count(key) >= this.maxPerKey;
  }

  /** Values stored under `key`, ascending. */
  get(key: number): number[] {
    const out: number[] = [];
    for (let e = this.slotHeads[this.find(key)]!; e !== -1; e = this.next[e]!) out.push(this.values[e]!);
    return out.reverse();
  }

  private find(key: number): number {
    const mask = this.slotHeads.length - 1;
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (this.slotHeads[i] !== -1 && this.slotKeys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  private growSlots(): void {
    const [keys, heads, counts] = [this.slotKeys, this.slotHeads, this.slotCounts];
    this.slotKeys = new Uint32Array(keys.length * 2);
    this.slotHeads = new Int32Array(heads.length * 2).fill(-1);
    this.slotCounts = new Int32Array(counts.length * 2);
    for (let j = 0; j < heads.length; j++) {
      if (heads[j] === -1) continue;
      const slot = this.find(keys[j]!);
      this.slotKeys[slot] = keys[j]!;
      this.slotHeads[slot] = heads[j]!;
      this.slotCounts[slot] = counts[j]!;
    }
  }

  private growEntries(): void {
    // 1.5× rather than 2×: while growing, the old and new arrays are both alive.
    const size = Math.ceil(this.values.length * 1.5);
    const values = new Int32Array(size);
    values.set(this.values);
    const next = new Int32Array(size);
    next.set(this.next);
    this.values = values;
    this.next = next;
  }
}
