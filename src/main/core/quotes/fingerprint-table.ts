/**
 * A multimap from 32-bit fingerprints to passage indexes in two typed arrays (open addressing,
 * linear probing): about 8 bytes per entry at half load, where a Map of arrays would take ~10× that
 * and stop at 2^24 keys. Quote detection for a thread of tens of millions of words fits in memory.
 */
export class FingerprintTable {
  private keys: Uint32Array;
  private values: Int32Array;
  private size = 0;

  /** Keys shared by more passages than this stop taking entries: they are too common to tell passages apart. */
  constructor(
    initialCapacity = 1024,
    readonly maxPerKey = 256,
  ) {
    const cap = 1 << Math.ceil(Math.log2(Math.max(16, initialCapacity)));
    this.keys = new Uint32Array(cap);
    this.values = new Int32Array(cap).fill(-1);
  }

  get entries(): number {
    return this.size;
  }

  add(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.values.length) this.grow();
    const mask = this.values.length - 1;
    let seen = 0;
    let i = slotOf(key, mask);
    while (this.values[i] !== -1) {
      if (this.keys[i] === key) {
        if (this.values[i] === value || ++seen >= this.maxPerKey) return;
      }
      i = (i + 1) & mask;
    }
    this.keys[i] = key;
    this.values[i] = value;
    this.size++;
  }

  /** Values stored under `key`, ascending. */
  get(key: number): number[] {
    const out: number[] = [];
    const mask = this.values.length - 1;
    for (let i = slotOf(key, mask); this.values[i] !== -1; i = (i + 1) & mask) {
      if (this.keys[i] === key) out.push(this.values[i]!);
    }
    return out.sort((a, b) => a - b);
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Uint32Array(oldKeys.length * 2);
    this.values = new Int32Array(oldValues.length * 2).fill(-1);
    const mask = this.values.length - 1;
    for (let j = 0; j < oldValues.length; j++) {
      if (oldValues[j] === -1) continue;
      let i = slotOf(oldKeys[j]!, mask);
      while (this.values[i] !== -1) i = (i + 1) & mask;
      this.keys[i] = oldKeys[j]!;
      this.values[i] = oldValues[j]!;
    }
  }
}

function slotOf(key: number, mask: number): number {
  return (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
}
