import { describe, expect, it } from 'vitest';
import {
  decodeWindows1252,
  InvalidUtf8Error,
  looksBinary,
  sniffEncoding,
  StreamDecoder,
} from '../../../../src/main/core/text/decode';

describe('decoding imported files', () => {
  it('recognises byte-order marks', () => {
    expect(sniffEncoding(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(sniffEncoding(Uint8Array.of(0xff, 0xfe, 0x41, 0))).toEqual({ encoding: 'utf-16le', bomLength: 2 });
    expect(sniffEncoding(Uint8Array.of(0xfe, 0xff, 0, 0x41))).toEqual({ encoding: 'utf-16be', bomLength: 2 });
    expect(sniffEncoding(Uint8Array.of(0x41, 0x42))).toEqual({ encoding: 'utf-8', bomLength: 0 });
  });

  it('reads Windows-1252 punctuation as the characters the writer typed', () => {
    // “Smart” quotes, an en dash and the euro sign, as Word on Windows saves them.
    expect(decodeWindows1252(Uint8Array.of(0x93, 0x53, 0x94, 0x20, 0x96, 0x20, 0x80, 0xe9))).toBe('“S” – €é');
  });

  it('decodes UTF-8 split across chunks and reports invalid bytes with their offset', () => {
    const bytes = Buffer.from('naïve — ok', 'utf8');
    const d = new StreamDecoder('utf-8');
    const text = [...bytes].map((b, i) => d.decode(Uint8Array.of(b), i === bytes.length - 1)).join('');
    expect(text).toBe('naïve — ok');
    const bad = new StreamDecoder('utf-8');
    expect(bad.decode(Buffer.from('fine '), false)).toBe('fine ');
    expect(() => bad.decode(Uint8Array.of(0x93, 0x41), false)).toThrow(InvalidUtf8Error);
  });

  it('tells binary data from text', () => {
    expect(looksBinary(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d))).toBe(true);
    expect(looksBinary(Buffer.from('Plain prose.\r\nWith lines.\n'))).toBe(false);
  });
});
