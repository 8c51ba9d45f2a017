/**
 * A multimap from 32-bit fingerprints to passage indexes, in typed arrays: distinct keys in an
 * open-addressing table, each key's values in a chain. About 12 bytes per entry where a Map of arrays
 * takes ~10× that and stops at 2^24 keys, so quote detection for a thread of tens of millions of
 * words fits in memory. Counting a key's values is O(1), which lets lookups start from the rarest.
 */
export class FingerprintTable {
  /**
   * Per slot, three neighbouring ints: the key, the head of its chain (-1: empty slot), its count.
   * Side by side rather than in three arrays, so that probing a slot in a table of millions of keys
   * costs one cache miss, not three.
   */
  private slots: Int32Array;
  /**
   * A bit per eighth of a slot, set for every key held. Nearly every lookup is for a key no passage
   * selected (a paragraph's fingerprints asked whether any passage starts with them: 5,760 of 2.07
   * million did, in 50 MiB of Hacker News); answered here, it reads an array a twelfth the size of
   * the slots, which in a long thread are megabytes and a cache miss per probe.
   */
  private present: Int32Array;
  private presentShift: number;
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
    this.slots = emptySlots(cap);
    [this.present, this.presentShift] = presenceBits(cap);
    this.values = new Int32Array(cap);
    this.next = new Int32Array(cap);
  }

  get entries(): number {
    return this.size;
  }

  /** Empties the table, keeping its arrays at their size: refilled, it need not grow again. */
  clear(): void {
    for (let i = 0; i < this.slots.length; i += SLOT) {
      this.slots[i + HEAD] = -1;
      this.slots[i + COUNT] = 0;
    }
    this.present.fill(0);
    this.keys = 0;
    this.size = 0;
  }

  /**
   * Adds `value` under `key`, unless the key is full. The caller adds a value under a key once at
   * most (a passage adds each of its distinct fingerprints once): checking for a repeat would read
   * the chain's head, a cache miss on every add to a table of millions of entries.
   */
  add(key: number, value: number): void {
    const slot = this.find(key);
    const slots = this.slots;
    if (slots[slot + HEAD] === -1) {
      // Three-quarters full before growing: long threads hold tens of millions of fingerprints.
      if ((this.keys + 1) * 4 > this.capacity * 3) {
        this.growSlots();
        return this.add(key, value);
      }
      slots[slot + KEY] = key;
      this.markPresent(key);
      this.keys++;
    } else if (slots[slot + COUNT]! >= this.maxPerKey) {
      return;
    }
    if (this.size === this.values.length) this.growEntries();
    this.values[this.size] = value;
    this.next[this.size] = slots[slot + HEAD]!;
    slots[slot + HEAD] = this.size++;
    slots[slot + COUNT]!++;
  }

  /** How many values `key` holds. */
  count(key: number): number {
    if (!this.mayHold(key)) return 0;
    const slot = this.find(key);
    return this.slots[slot + HEAD] === -1 ? 0 : this.slots[slot + COUNT]!;
  }

  /** Whether `key` stopped taking values, so that its list may miss some passages. */
  isFull(key: number): boolean {
    return this.count(key) >= this.maxPerKey;
  }

  /** Values stored under `key`, ascending. */
  get(key: number): number[] {
    const out: number[] = [];
    for (let e = this.slots[this.find(key) + HEAD]!; e !== -1; e = this.next[e]!) out.push(this.values[e]!);
    return out.reverse();
  }

  private mayHold(key: number): boolean {
    const bit = Math.imul(key, PRESENCE_MULTIPLIER) >>> this.presentShift;
    return (this.present[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }

  private markPresent(key: number): void {
    const bit = Math.imul(key, PRESENCE_MULTIPLIER) >>> this.presentShift;
    this.present[bit >>> 5]! |= 1 << (bit & 31);
  }

  private get capacity(): number {
    return this.slots.length / SLOT;
  }

  /** The offset in `slots` of the key's slot, or of the empty slot where it would go. */
  private find(key: number): number {
    const slots = this.slots;
    const mask = this.capacity - 1;
    const k = key | 0;
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (slots[i * SLOT + HEAD] !== -1 && slots[i * SLOT + KEY] !== k) i = (i + 1) & mask;
    return i * SLOT;
  }

  private growSlots(): void {
    const old = this.slots;
    this.slots = emptySlots(this.capacity * 2);
    [this.present, this.presentShift] = presenceBits(this.capacity);
    for (let j = 0; j < old.length; j += SLOT) {
      if (old[j + HEAD] === -1) continue;
      const slot = this.find(old[j + KEY]!);
      this.slots[slot + KEY] = old[j + KEY]!;
      this.slots[slot + HEAD] = old[j + HEAD]!;
      this.slots[slot + COUNT] = old[j + COUNT]!;
      this.markPresent(old[j + KEY]!);
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

const SLOT = 3;
const KEY = 0;
const HEAD = 1;
const COUNT = 2;

// Another multiplier than the slots': a key's bit and its slot are picked by unrelated hashes.
const PRESENCE_MULTIPLIER = 0x85ebca6b;

/** A zeroed bit set of 8 bits per slot, and the shift that turns a 32-bit hash into one of its bits. */
function presenceBits(capacity: number): [Int32Array, number] {
  const bits = Math.max(32, capacity * 8);
  return [new Int32Array(bits / 32), 32 - Math.log2(bits)];
}

function emptySlots(capacity: number): Int32Array {
  const slots = new Int32Array(capacity * SLOT);
  for (let i = HEAD; i < slots.length; i += SLOT) slots[i] = -1;
  return slots;
}
