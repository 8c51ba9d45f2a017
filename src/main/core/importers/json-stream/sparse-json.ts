// JSON.parse for a reader that needs few of many fields. A Reddit comment carries ~60 fields and
// the importer reads a dozen; building the rest (and collecting them) is most of what parsing
// a thread page costs. `parseSparse` builds objects and arrays wherever they are, but of the fields
// holding strings, numbers, true, false or null it keeps only those named in `keep`.
//
// It accepts only text JSON.parse accepts: anything it is not sure of (a control character, which
// includes tabs and line breaks between tokens; an invalid escape; a key with an escape in it or
// named "__proto__"; any syntax error) sends the text to JSON.parse instead, which then either
// throws its own error or returns every field.

const QUOTE = 34;
const BACKSLASH = 92;
const SPACE = 32;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/**
 * Text the fast path leaves to JSON.parse: a control character (never valid inside a string; tabs
 * and line breaks between tokens are valid, but the compact JSON of an API has none).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f]/;
const HEX = /^[0-9a-fA-F]{4}$/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** Thrown (one shared instance, no stack trace taken) for whatever the fast path leaves to JSON.parse. */
const unsure = new Error('left to JSON.parse');

export function parseSparse(text: string, keep: ReadonlySet<string>): unknown {
  if (!CONTROL.test(text)) {
    try {
      return new SparseReader(text, keep).document();
    } catch {
      // Unsure, or nested deeper than the call stack goes (JSON.parse is not recursive).
    }
  }
  return JSON.parse(text);
}

/** The kept keys by length: a key is compared with those of its length, without being copied out. */
const byLengthOf = new WeakMap<ReadonlySet<string>, (string[] | undefined)[]>();

function keptByLength(keep: ReadonlySet<string>): (string[] | undefined)[] {
  let byLength = byLengthOf.get(keep);
  if (!byLength) {
    byLength = [];
    // ("__proto__" is never kept: an assignment would change the object's prototype.)
    for (const key of keep) if (key !== '__proto__') (byLength[key.length] ??= []).push(key);
    byLengthOf.set(keep, byLength);
  }
  return byLength;
}

class SparseReader {
  private pos = 0;
  /** The first backslash at or after the position last asked about (see nextBackslash). */
  private backslash = -1;
  /** Whether the string last read holds an escape. */
  private escaped = false;

  /** The kept keys, by length. */
  private readonly kept: readonly (readonly string[] | undefined)[];

  constructor(
    private readonly text: string,
    keep: ReadonlySet<string>,
  ) {
    this.kept = keptByLength(keep);
  }

  document(): unknown {
    this.spaces();
    const value = this.value();
    this.spaces();
    if (this.pos !== this.text.length) throw unsure;
    return value;
  }

  private value(): unknown {
    const c = this.text.charCodeAt(this.pos);
    if (c === OPEN_BRACE) return this.object();
    if (c === OPEN_BRACKET) return this.array();
    if (c === QUOTE) return this.string();
    return this.scalar(true);
  }

  private object(): Record<string, unknown> {
    const text = this.text;
    const obj: Record<string, unknown> = {};
    this.pos++;
    this.spaces();
    if (text.charCodeAt(this.pos) === CLOSE_BRACE) {
      this.pos++;
      return obj;
    }
    for (;;) {
      if (text.charCodeAt(this.pos) !== QUOTE) throw unsure;
      const start = this.pos + 1;
      const end = text.indexOf('"', start);
      if (end < 0) throw unsure;
      // A key with an escape in it is left to JSON.parse.
      for (let i = start; i < end; i++) if (text.charCodeAt(i) === BACKSLASH) throw unsure;
      this.pos = end + 1;
      this.spaces();
      if (text.charCodeAt(this.pos) !== COLON) throw unsure;
      this.pos++;
      this.spaces();
      const c = text.charCodeAt(this.pos);
      const container = c === OPEN_BRACE || c === OPEN_BRACKET;
      const kept = container ? undefined : this.keptKey(start, end);
      if (container) {
        obj[this.key(start, end)] = this.value();
      } else if (kept !== undefined) {
        obj[kept] = this.value();
      } else if (c === QUOTE) {
        this.pos = this.stringEnd() + 1;
      } else {
        this.scalar(false);
      }
      this.spaces();
      const next = text.charCodeAt(this.pos++);
      if (next === CLOSE_BRACE) return obj;
      if (next !== COMMA) throw unsure;
      this.spaces();
    }
  }

  /** The kept key that the text from `start` to `end` spells, if any. */
  private keptKey(start: number, end: number): string | undefined {
    const candidates = this.kept[end - start];
    if (candidates === undefined) return undefined;
    for (const key of candidates) if (this.text.startsWith(key, start)) return key;
    return undefined;
  }

  private key(start: number, end: number): string {
    const key = this.text.slice(start, end);
    // JSON.parse makes it a field; an assignment would change the object's prototype.
    if (key === '__proto__') throw unsure;
    return key;
  }

  private array(): unknown[] {
    const text = this.text;
    const array: unknown[] = [];
    this.pos++;
    this.spaces();
    if (text.charCodeAt(this.pos) === CLOSE_BRACKET) {
      this.pos++;
      return array;
    }
    for (;;) {
      array.push(this.value());
      this.spaces();
      const next = text.charCodeAt(this.pos++);
      if (next === CLOSE_BRACKET) return array;
      if (next !== COMMA) throw unsure;
      this.spaces();
    }
  }

  private string(): string {
    const start = this.pos;
    this.escaped = false;
    const end = this.stringEnd();
    this.pos = end + 1;
    return this.escaped ? (JSON.parse(this.text.slice(start, end + 1)) as string) : this.text.slice(start + 1, end);
  }

  /**
   * The index of the quote that closes the string opening at `pos`; sets `escaped` when the string
   * holds an escape. Each escape is checked and stepped over: an escaped quote does not end the string.
   */
  private stringEnd(): number {
    const text = this.text;
    let from = this.pos + 1;
    for (;;) {
      const quote = text.indexOf('"', from);
      if (quote < 0) throw unsure;
      let backslash = this.nextBackslash(from);
      if (backslash > quote) return quote;
      this.escaped = true;
      while (backslash < quote) {
        from = this.escapeEnd(backslash);
        backslash = this.nextBackslash(from);
      }
      // The last escape before the quote was the quote itself: the string goes on.
      if (from <= quote) return quote;
    }
  }

  /** Where the escape at `backslash` ends; unsure of anything JSON does not allow. */
  private escapeEnd(backslash: number): number {
    switch (this.text.charCodeAt(backslash + 1)) {
      case QUOTE:
      case BACKSLASH:
      case 47: // /
      case 98: // b
      case 102: // f
      case 110: // n
      case 114: // r
      case 116: // t
        return backslash + 2;
      case 117: // u
        if (!HEX.test(this.text.slice(backslash + 2, backslash + 6))) throw unsure;
        return backslash + 6;
      default:
        throw unsure;
    }
  }

  /** The first backslash at or after `from` (text.length if none): the text is searched once, front to back. */
  private nextBackslash(from: number): number {
    if (this.backslash < from) {
      const found = this.text.indexOf('\\', from);
      this.backslash = found < 0 ? this.text.length : found;
    }
    return this.backslash;
  }

  private scalar(build: boolean): unknown {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === 116 /* t */ && text.startsWith('true', this.pos)) {
      this.pos += 4;
      return true;
    }
    if (c === 102 /* f */ && text.startsWith('false', this.pos)) {
      this.pos += 5;
      return false;
    }
    if (c === 110 /* n */ && text.startsWith('null', this.pos)) {
      this.pos += 4;
      return null;
    }
    NUMBER.lastIndex = this.pos;
    if (!NUMBER.test(text)) throw unsure;
    const start = this.pos;
    this.pos = NUMBER.lastIndex;
    return build ? Number(text.slice(start, this.pos)) : undefined;
  }

  private spaces(): void {
    while (this.text.charCodeAt(this.pos) === SPACE) this.pos++;
  }
}
