// Text folded as FTS5's unicode61 tokenizer with remove_diacritics folds it (case, accents), closely
// enough to find the word forms the vocabulary recorded, for the JavaScript scorer and snippets.

export interface Folded {
  text: string;
  /** For each character of `text`, the index of the original character it came from. */
  origin: number[];
}

const FOLDED = new Map<string, string>();
// Token characters after folding (marks are gone by then): letters, digits, private use, and every
// astral character, as unicode61 has them.
const TOKEN = /[\p{L}\p{N}\p{Co}\u{10000}-\u{10FFFF}]+/gu;

/** The folded text, with a map back to the original offsets. */
export function fold(text: string): Folded {
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

/** The folded tokens of a text, in order. */
export function tokens(text: string): string[] {
  // Most passages are plain ASCII: lower-casing is the whole fold, and a simple pattern splits them.
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(text)) return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  // Whole-string normalisation is native code, far quicker than fold()'s character walk, which
  // only snippets need for its offset map.
  return (
    text
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .normalize('NFC')
      .match(TOKEN) ?? []
  );
}
