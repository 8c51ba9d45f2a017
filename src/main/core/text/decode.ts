import { TextDecoder } from 'node:util';

// Decoding imported files: a BOM decides when present; otherwise UTF-8, and a file that is not valid
// UTF-8 is read as Windows-1252 (the legacy encoding of most pasted Western text) with a warning.

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface Sniffed {
  encoding: TextEncodingName;
  bomLength: number;
}

export function sniffEncoding(head: Uint8Array): Sniffed {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: 'utf-8', bomLength: 0 };
}

/**
 * Whether the opening bytes of a file without a UTF-16 BOM look like binary data rather than text:
 * any NUL byte, or many control characters.
 */
export function looksBinary(head: Uint8Array): boolean {
  let controls = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) controls++;
  }
  return head.length > 0 && controls / head.length > 0.05;
}

// WHATWG windows-1252: 0x80–0x9F differ from Latin-1; the rest map to the same code point.
// (Node 20's TextDecoder decodes the 'windows-1252' label as Latin-1, a known Node bug, so the table is ours.)
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const slice = bytes.subarray(i, i + CHUNK);
    const codes = new Array<number>(slice.length);
    for (let k = 0; k < slice.length; k++) {
      const b = slice[k]!;
      codes[k] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

export class InvalidUtf8Error extends Error {
  constructor(readonly byteOffset: number) {
    super(`invalid UTF-8 near byte ${byteOffset}`);
  }
}

/** Decodes a byte stream chunk by chunk; multi-byte sequences may straddle chunks. */
export class StreamDecoder {
  private readonly decoder: TextDecoder | undefined;
  private bytesSeen = 0;

  constructor(readonly encoding: TextEncodingName) {
    this.decoder =
      encoding === 'windows-1252' ? undefined : new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  }

  decode(chunk: Uint8Array, final = false): string {
    const start = this.bytesSeen;
    this.bytesSeen += chunk.length;
    if (!this.decoder) return decodeWindows1252(chunk);
    try {
      return this.decoder.decode(chunk, { stream: !final });
    } catch {
      if (this.encoding === 'utf-8') throw new InvalidUtf8Error(start);
      throw new Error(`invalid ${this.encoding.toUpperCase()} near byte ${start}`);
    }
  }
}
