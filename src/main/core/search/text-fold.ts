// Text folded as FTS5's unicode61 tokenizer with remove_diacritics folds it (case, accents), closely
// enough to find the word forms the vocabulary recorded, for the JavaScript scorer and snippets.

export interface Folded {
  text: string;
  /** For each character of `text`, the index of the original character it came from; null when that is its own index. */
  origin: number[] | null;
}

const FOLDED = new Map<string, string>();

/** The folded text, with a map back to the original offsets. */
export function fold(text: string): Folded {
  // Plain ASCII (most passages) folds by lower-casing alone, character for character.
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u007f]/.test(text)) return { text: text.toLowerCase(), origin: null };
  let out = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text[i];
      origin.push(i++);
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    let f = FOLDED.get(ch);
    if (f === undefined) {
      // NFC again after dropping marks, so that Hangul syllables, which NFD splits into jamo, come back whole.
      f = ch.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC').toLowerCase() || (/\p{M}/u.test(ch) ? '' : ch);
      if (FOLDED.size < 10_000) FOLDED.set(ch, f);
    }
    for (let k = 0; k < f.length; k++) origin.push(i);
    out += f;
    i += ch.length;
  }
  return { text: out, origin };
}

/** The text folded without an offset map: what the scorer matches word forms against. */
export function foldForMatching(text: string): string {
  const lower = text.toLowerCase();
  // Whole-string normalisation is native code, far quicker than fold()'s walk, and plain ASCII
  // (most passages) needs none.
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u007f]/.test(lower)
    ? lower
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .normalize('NFC')
    : lower;
}
