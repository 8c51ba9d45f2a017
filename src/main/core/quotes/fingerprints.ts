// Winnowing (Schleimer, Wilkerson & Aiken, 2003) over word k-grams: every run of at least
// K + WINDOW - 1 words that two texts share is guaranteed to share a selected fingerprint, while only
// about 2 / (WINDOW + 1) of the k-grams are kept. With K = 4 and WINDOW = 3 that run is six words:
// the length below which a repeated phrase may be coincidence (see rules.ts).

export const K = 4;
export const WINDOW = 3;
/** Shared runs this long or longer are always found. */
export const GUARANTEED_WORDS = K + WINDOW - 1;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Everything quote detection asks of one normalised text, computed in one pass over its characters
 * into buffers this object owns and reuses: the import analyses every paragraph, and a fresh typed
 * array per question (k-grams, winnowed fingerprints) cost more than the hashing itself. Holds one
 * text at a time; `analyze` replaces it.
 */
export class TextAnalysis {
  text: string | undefined;
  /** Words (runs between single spaces). */
  words = 0;
  /** `textFingerprint(text)`. */
  whole = 0;
  /** Hashes of every K consecutive words: `kgrams[0, kgramCount)`. */
  kgrams = new Uint32Array(64);
  kgramCount = 0;
  private wordHashes = new Uint32Array(64);
  private winnowed = new Uint32Array(64);
  private winnowedCount = -1;

  analyze(text: string): this {
    if (this.text === text) return this;
    const length = text.length;
    // A word per character at most, and one more after the last space.
    if (length + 1 > this.wordHashes.length) this.wordHashes = new Uint32Array((length + 1) * 2);
    const wordHashes = this.wordHashes;
    let words = 0;
    let h = FNV_OFFSET | 0;
    let whole = FNV_OFFSET | 0;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      whole = Math.imul(whole ^ c, FNV_PRIME);
      if (c === 32) {
        wordHashes[words++] = h >>> 0;
        h = FNV_OFFSET | 0;
      } else if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c >= 128) {
        // Only letters and digits make a word's hash: "lunatic." cut to "lunatic", or "(The" to "The", hash alike.
        h = Math.imul(h ^ c, FNV_PRIME);
      }
    }
    wordHashes[words++] = h >>> 0;
    const n = Math.max(0, words - K + 1);
    if (n > this.kgrams.length) this.kgrams = new Uint32Array(Math.max(n, this.kgrams.length * 2));
    const kgrams = this.kgrams;
    for (let i = 0; i < n; i++) {
      let k = 0;
      for (let j = 0; j < K; j++) k = Math.imul(k ^ wordHashes[i + j]!, 0x9e3779b1) + j;
      kgrams[i] = mix(k >>> 0);
    }
    this.text = text;
    this.words = words;
    this.whole = mix((whole >>> 0) ^ length);
    this.kgramCount = n;
    this.winnowedCount = -1;
    return this;
  }

  /** The winnowed fingerprints of the whole text: `winnowed()[0, count)`, see `winnowInto`. */
  fingerprints(): { values: Uint32Array; count: number } {
    if (this.winnowedCount < 0) {
      if (this.kgramCount > this.winnowed.length) this.winnowed = new Uint32Array(this.kgramCount * 2);
      this.winnowedCount = winnowInto(this.kgrams, 0, this.kgramCount, this.winnowed);
    }
    return { values: this.winnowed, count: this.winnowedCount };
  }
}

/**
 * Winnows `hashes[from, to)` into `out` (which must hold `to - from` values): the minimum of every
 * window of WINDOW consecutive hashes, each distinct value once, in order of first selection. Fewer
 * hashes than one window keep their single minimum. Returns how many were written.
 */
export function winnowInto(hashes: Uint32Array, from: number, to: number, out: Uint32Array): number {
  const length = to - from;
  if (length <= 0) return 0;
  const windows = Math.max(1, length - WINDOW + 1);
  // A value picked again after another pick is a repeated k-gram (the same four words twice), which
  // is rare: a 1024-bit filter of the values picked so far rules most picks out of that check.
  const seen = windows > 512 ? new Set<number>() : undefined;
  if (!seen) seenBits.fill(0);
  let n = 0;
  for (let i = from; i < from + windows; i++) {
    let min = hashes[i]!;
    const end = Math.min(i + WINDOW, to);
    for (let j = i + 1; j < end; j++) if (hashes[j]! < min) min = hashes[j]!;
    // Neighbouring windows mostly pick the same minimum.
    if (n > 0 && out[n - 1] === min) continue;
    if (seen) {
      if (seen.has(min)) continue;
      seen.add(min);
    } else {
      const word = (min >>> 5) & 31;
      const bit = 1 << (min & 31);
      if ((seenBits[word]! & bit) !== 0 && out.subarray(0, n).includes(min)) continue;
      seenBits[word]! |= bit;
    }
    out[n++] = min;
  }
  return n;
}

const seenBits = new Int32Array(32);

/** Hashes of every K consecutive words. */
export function kgramHashes(words: readonly string[]): Uint32Array {
  return kgramHashesOfText(words.join(' ')).hashes;
}

/** `kgramHashes(text.split(' '))` and the word count. `text` is normalised (single spaces between words). */
export function kgramHashesOfText(text: string): { words: number; hashes: Uint32Array } {
  const a = new TextAnalysis().analyze(text);
  return { words: a.words, hashes: a.kgrams.slice(0, a.kgramCount) };
}

/**
 * The winnowed fingerprints (distinct values) of a word sequence: the minimum of every window of
 * WINDOW consecutive k-gram hashes. Texts shorter than one window keep their single minimum.
 */
export function winnow(words: readonly string[]): Uint32Array {
  return winnowHashes(kgramHashes(words));
}

/** `winnow` over k-gram hashes already computed. */
export function winnowHashes(hashes: Uint32Array): Uint32Array {
  const out = new Uint32Array(hashes.length);
  return out.subarray(0, winnowInto(hashes, 0, hashes.length, out));
}

/** The fingerprint of the first window: any text that contains this one whole also selects it. */
export function anchor(words: readonly string[]): number | undefined {
  return anchorOfHashes(kgramHashes(words));
}

export function anchorOfHashes(hashes: Uint32Array): number | undefined {
  if (hashes.length === 0) return undefined;
  let min = hashes[0]!;
  for (let j = 1; j < Math.min(WINDOW, hashes.length); j++) if (hashes[j]! < min) min = hashes[j]!;
  return min;
}

/** A 32-bit hash of a whole normalised text, for finding exact repeats. */
export function textFingerprint(normalized: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < normalized.length; i++) h = Math.imul(h ^ normalized.charCodeAt(i), FNV_PRIME);
  return mix((h >>> 0) ^ normalized.length);
}
