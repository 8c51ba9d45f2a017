// Turning a MIME part's bytes into text by its declared charset. Node's TextDecoder reads the
// 'windows-1252' label as Latin-1 (and so loses curly quotes and the euro sign), so the single-byte
// Windows and ISO code pages go through iconv-lite; TextDecoder covers what iconv-lite lacks
// (ISO-2022-JP). Mail mislabels constantly: an undeclared, US-ASCII or broken UTF-8 part is read
// as UTF-8 when it is valid and as Windows-1252 otherwise.
import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';
import { decodeWindows1252 } from '../../text/decode';

const UTF8_LABELS = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii', 'x-unknown', 'unknown-8bit', 'unknown', 'default']);
/** Mail clients and browsers read ISO-8859-1 as Windows-1252: Outlook labels its curly quotes so. */
const WESTERN_LABELS = new Set([
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'latin1',
  'latin-1',
  'l1',
  'cp819',
  'windows-1252',
  'cp1252',
  'x-cp1252',
]);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function normalizeCharset(charset: string | undefined): string {
  return (charset ?? '')
    .trim()
    .replace(/^["']|["']$/g, '')
    .replace(/\*.*$/, '') // RFC 2231 language suffix: utf-8*en
    .toLowerCase();
}

export function decodeBytes(bytes: Uint8Array, charset: string | undefined): string {
  const label = normalizeCharset(charset);
  if (label === '' || UTF8_LABELS.has(label)) return utf8OrWestern(bytes);
  if (WESTERN_LABELS.has(label)) return decodeWindows1252(bytes);
  if (iconv.encodingExists(label)) return iconv.decode(bytes, label);
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return utf8OrWestern(bytes);
  }
}

function utf8OrWestern(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

let cp1252Bytes: Map<string, number> | undefined;

/** The Windows-1252 bytes a string was decoded from, or undefined when it holds other characters. */
function encodeWindows1252(text: string): Uint8Array | undefined {
  if (!cp1252Bytes) {
    cp1252Bytes = new Map();
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const decoded = decodeWindows1252(all);
    for (let b = 0; b < 256; b++) cp1252Bytes.set(decoded[b]!, b);
  }
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = cp1252Bytes.get(text[i]!);
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}

/**
 * An 8-bit part arrives already decoded by the import pipeline, which reads a whole file as UTF-8, or
 * as Windows-1252 when the file is not valid UTF-8. In the second case a part declared in another
 * charset (KOI8-R, Windows-1251, or UTF-8 inside an otherwise Latin-1 mailbox) is mojibake; its
 * bytes are recoverable because Windows-1252 maps every byte to one character, so it is decoded
 * again. Text the pipeline read as UTF-8 holds characters outside Windows-1252 as soon as it is
 * non-Western, and is left alone.
 */
export function redecodeEightBit(text: string, charset: string | undefined): string {
  const label = normalizeCharset(charset);
  if (label === '' || label === 'us-ascii' || label === 'ascii' || WESTERN_LABELS.has(label)) return text;
  if (!/[\u0080-\uffff]/.test(text)) return text;
  const bytes = encodeWindows1252(text);
  if (!bytes) return text;
  if (label === 'utf-8' || label === 'utf8') {
    try {
      return strictUtf8.decode(bytes);
    } catch {
      return text;
    }
  }
  if (UTF8_LABELS.has(label)) return text;
  return decodeBytes(bytes, label);
}
