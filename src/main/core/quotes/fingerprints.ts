// Winnowing (Schleimer, Wilkerson & Aiken, 2003) over word k-grams: every run of at least
// K + WINDOW - 1 words that two texts share is guaranteed to share a selected fingerprint, while only
// about 2 / (WINDOW + 1) of the k-grams are kept. With K = 4 and WINDOW = 3 that run is six words:
// the length below which a repeated phrase may be coincidence (see rules.ts).

export const K = 4;
export const WINDOW = 3;
/** Shared runs this long or longer are always found. */
export const GUARANTEED_WORDS = K + WINDOW - 1;

function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes of every K consecutive words. */
export function kgramHashes(words: readonly string[]): Uint32Array {
  return kgramHashesOfText(words.join(' ')).hashes;
}

let wordHashes = new Uint32Array(256);

/**
 * `kgramHashes(text.split(' '))` and the word count, without making a string per word: the words are
 * hashed in one pass over the text. `text` is normalised (single spaces between words).
 */
export function kgramHashesOfText(text: string): { words: number; hashes: Uint32Array } {
  let words = 0;
  let h = 0x811c9dc5;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (c !== 32) {
      // Only letters and digits make a word's hash: a quotation that cuts "lunatic." to "lunatic",
      // or "(The" to "The", still shares every k-gram with the passage it quotes.
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c >= 128) {
        h = Math.imul(h ^ c, 0x01000193);
      }
      continue;
    }
    if (words === wordHashes.length) {
      const grown = new Uint32Array(words * 2);
      grown.set(wordHashes);
      wordHashes = grown;
    }
    wordHashes[words++] = h >>> 0;
    h = 0x811c9dc5;
  }
  const n = words - K + 1;
  if (n <= 0) return { words, hashes: new Uint32Array(0) };
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let k = 0;
    for (let j = 0; j < K; j++) k = Math.imul(k ^ wordHashes[i + j]!, 0x9e3779b1) + j;
    out[i] = mix(k >>> 0);
  }
  return { words, hashes: out };
}

/**
 * The winnowed fingerprints (distinct values) of a word sequence: the minimum of every window of
 * WINDOW consecutive k-gram hashes. Texts shorter than one window keep their single minimum.
 */
export function winnow(words: readonly string[]): Uint32Array {
  return winnowHashes(kgramHashes(words));
}

/** `winnow` over k-gram hashes already computed: a caller asking several questions of one text hashes it once. */
export function winnowHashes(hashes: Uint32Array): Uint32Array {
  if (hashes.length === 0) return hashes;
  const windows = Math.max(1, hashes.length - WINDOW + 1);
  const picked = new Uint32Array(windows);
  let n = 0;
  for (let i = 0; i < windows; i++) {
    let min = hashes[i]!;
    for (let j = i + 1; j < Math.min(i + WINDOW, hashes.length); j++) if (hashes[j]! < min) min = hashes[j]!;
    // Neighbouring windows mostly pick the same minimum; a repeat further back is rare, and a short scan finds it.
    let seen = false;
    for (let k = n - 1; k >= 0; k--) {
      if (picked[k] === min) {
        seen = true;
        break;
      }
    }
    if (!seen) picked[n++] = min;
  }
  return picked.subarray(0, n);
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
  return mix(hashWord(normalized) ^ normalized.length);
}
