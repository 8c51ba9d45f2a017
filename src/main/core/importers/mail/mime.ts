// MIME: the readable text of a message. multipart/alternative gives its text/plain part (text/html
// when that is all there is), multipart/signed its signed part, multipart/mixed every inline text
// part and attached patches; images, signatures and other binaries are skipped. Transfer encodings
// (quoted-printable, base64) and charsets are undone here.
//
// Not postal-mime: the import pipeline hands parsers decoded text, and postal-mime would decode an
// 8-bit part a second time by its declared charset (é read as UTF-8 bytes then as Latin-1 → Ã©); it
// also decodes windows-1252 with Node's TextDecoder, which reads it as Latin-1 and drops “ ” €.
import { decodeBytes, redecodeEightBit } from './charset';
import { unflow } from './flowed';
import { type Headers, readHeaders } from './headers';

export type TextPart = { kind: 'plain'; text: string; flowed: boolean } | { kind: 'html'; html: string };

interface ContentType {
  type: string;
  params: Map<string, string>;
}

/** Nesting deeper than this is not mail a person wrote. */
const MAX_DEPTH = 12;

export function parseContentType(value: string | undefined): ContentType {
  const [head = '', ...rest] = splitParams(value ?? '');
  const type = head.trim().toLowerCase() || 'text/plain';
  const params = new Map<string, string>();
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    const name = param.slice(0, eq).trim().toLowerCase();
    let val = param.slice(eq + 1).trim();
    if (val.startsWith('"')) val = val.slice(1, val.endsWith('"') ? -1 : undefined).replace(/\\(.)/g, '$1');
    // RFC 2231 continuations (name*0, name*1…) and charset'lang'value forms.
    const continued = /^(.*?)\*(\d+)\*?$/.exec(name);
    const extended = /^(.*?)\*$/.exec(name);
    if (continued) {
      const base = continued[1]!;
      params.set(base, (params.get(base) ?? '') + rfc2231Value(val, continued[2] === '0'));
    } else if (extended) {
      params.set(extended[1]!, rfc2231Value(val, true));
    } else if (!params.has(name)) {
      params.set(name, val);
    }
  }
  return { type, params };
}

function rfc2231Value(value: string, first: boolean): string {
  const m = first ? /^[^']*'[^']*'(.*)$/.exec(value) : null;
  const encoded = m ? m[1]! : value;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/** Splits on semicolons outside double quotes. */
function splitParams(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '"' && value[i - 1] !== '\\') quoted = !quoted;
    if (ch === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

export interface MimeResult {
  parts: TextPart[];
  warnings: string[];
}

/** The readable parts of a message or MIME entity, given its headers and body lines. */
export function textParts(headers: Headers, body: readonly string[]): MimeResult {
  const warnings: string[] = [];
  const parts = entityParts(headers, body, 0, warnings);
  return { parts, warnings };
}

function entityParts(headers: Headers, body: readonly string[], depth: number, warnings: string[]): TextPart[] {
  const contentType = parseContentType(headers.get('content-type'));
  const { type, params } = contentType;
  if (type.startsWith('multipart/')) {
    const boundary = params.get('boundary');
    const children = boundary ? splitMultipart(body, boundary) : undefined;
    if (!children || depth >= MAX_DEPTH) {
      warnings.push(`a ${type} part has no readable MIME boundary; its text is kept as it is`);
      return [{ kind: 'plain', text: body.join('\n'), flowed: false }];
    }
    const read = children.map((lines) => {
      const { headers: h, bodyStart } = readHeaders(lines);
      return entityParts(h, lines.slice(bodyStart), depth + 1, warnings);
    });
    if (type === 'multipart/alternative') return chooseAlternative(read);
    if (type === 'multipart/signed' || type === 'multipart/encrypted') return read[0] ?? [];
    return read.flat();
  }
  if (type === 'message/rfc822' || type === 'message/global') {
    const { headers: h, bodyStart } = readHeaders(body);
    return depth >= MAX_DEPTH ? [] : entityParts(h, body.slice(bodyStart), depth + 1, warnings);
  }
  const disposition = (headers.get('content-disposition') ?? '').toLowerCase();
  const fileName = (/filename\*?=\s*"?([^";]*)/i.exec(disposition)?.[1] ?? params.get('name') ?? '').toLowerCase();
  const isPatch = /\.(patch|diff)$/.test(fileName) || type === 'text/x-patch' || type === 'text/x-diff';
  if (type === 'text/html' && !disposition.startsWith('attachment')) {
    return [{ kind: 'html', html: decodeContent(headers, body, params.get('charset')) }];
  }
  // Attached text/plain is mostly a patch or a log the message is about; other attachments are not text.
  if (!(isPatch || type === 'text/plain' || type === 'text/enriched')) return [];
  const text = decodeContent(headers, body, params.get('charset'));
  if ((params.get('format') ?? '').toLowerCase() !== 'flowed') return [{ kind: 'plain', text, flowed: false }];
  return [{ kind: 'plain', text: unflow(text, (params.get('delsp') ?? '').toLowerCase() === 'yes'), flowed: true }];
}

/** The alternative a reader of plain text would get: text/plain with words in it, else the first with any text. */
function chooseAlternative(alternatives: TextPart[][]): TextPart[] {
  const hasWords = (parts: TextPart[]): boolean =>
    parts.some((p) => (p.kind === 'plain' ? p.text : p.html.replace(/<[^>]*>/g, '')).trim() !== '');
  return (
    alternatives.find((parts) => parts.length > 0 && parts.every((p) => p.kind === 'plain') && hasWords(parts)) ??
    alternatives.find(hasWords) ??
    []
  );
}

/** The body lines of each part between `--boundary` lines, up to `--boundary--`. */
function splitMultipart(body: readonly string[], boundary: string): string[][] | undefined {
  const open = `--${boundary}`;
  const close = `--${boundary}--`;
  const parts: string[][] = [];
  let current: string[] | undefined;
  for (const line of body) {
    const trimmed = line.trimEnd();
    if (trimmed === close) {
      if (current) parts.push(current);
      current = undefined;
      return parts;
    }
    if (trimmed === open) {
      if (current) parts.push(current);
      current = [];
      continue;
    }
    current?.push(line);
  }
  // A message cut short before its closing boundary keeps the parts it has.
  if (current) parts.push(current);
  return parts.length > 0 ? parts : undefined;
}

function decodeContent(headers: Headers, body: readonly string[], charset: string | undefined): string {
  const encoding = (headers.get('content-transfer-encoding') ?? '').trim().toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body.join('\n'), charset);
  if (encoding === 'base64') return decodeBytes(Buffer.from(body.join(''), 'base64'), charset);
  return redecodeEightBit(body.join('\n'), charset);
}

/**
 * Quoted-printable. Escapes are bytes in the declared charset; a literal non-ASCII character is text
 * the pipeline already decoded (a mislabelled 8-bit part) and is kept as it is.
 */
export function decodeQuotedPrintable(text: string, charset: string | undefined): string {
  const joined = text.replace(/=[ \t]*(?:\r\n|\n|\r)/g, '');
  let out = '';
  let bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length > 0) out += decodeBytes(Uint8Array.from(bytes), charset);
    bytes = [];
  };
  for (let i = 0; i < joined.length; i++) {
    const code = joined.charCodeAt(i);
    if (code === 0x3d && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (code < 0x80) {
      bytes.push(code);
    } else {
      flush();
      out += joined[i];
    }
  }
  flush();
  return out;
}
