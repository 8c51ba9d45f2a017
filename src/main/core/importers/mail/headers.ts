// RFC 822 header blocks: unfolding, RFC 2047 encoded words, the From address, Message-IDs.
import { decodeBytes } from './charset';

/**
 * A header field at the start of a line. RFC 5322 allows any printable ASCII in a field name, but
 * real ones are letters, digits and dashes; the narrower test keeps `{"key":` and `<p>Note:` out.
 */
export const HEADER_LINE = /^[A-Za-z0-9][A-Za-z0-9_.-]*[ \t]*:/;

export class Headers {
  private readonly fields = new Map<string, string[]>();

  add(name: string, value: string): void {
    const key = name.trim().toLowerCase();
    const values = this.fields.get(key);
    if (values) values.push(value);
    else this.fields.set(key, [value]);
  }

  get(name: string): string | undefined {
    return this.fields.get(name.toLowerCase())?.[0];
  }

  get size(): number {
    return this.fields.size;
  }
}

/**
 * Reads header lines up to the first blank line; returns the headers and where the body starts.
 * Folded lines (starting with a space or tab) continue the field above; a line that is neither a
 * field nor a continuation ends the block, as a missing blank line would.
 */
export function readHeaders(lines: readonly string[], start = 0): { headers: Headers; bodyStart: number } {
  const headers = new Headers();
  let name: string | undefined;
  let value = '';
  const flush = (): void => {
    if (name !== undefined) headers.add(name, value);
    name = undefined;
  };
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      break;
    }
    if (/^[ \t]/.test(line) && name !== undefined) {
      value += line;
      continue;
    }
    if (!HEADER_LINE.test(line)) break;
    flush();
    const colon = line.indexOf(':');
    name = line.slice(0, colon);
    value = line.slice(colon + 1).trim();
  }
  flush();
  return { headers, bodyStart: i };
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

/** Decodes RFC 2047 encoded words; whitespace between two encoded words is not text. */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  let out = '';
  let last = 0;
  let pending: { charset: string; bytes: number[] } | undefined;
  const flush = (): void => {
    if (pending) out += decodeBytes(Uint8Array.from(pending.bytes), pending.charset);
    pending = undefined;
  };
  for (const m of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, m.index);
    if (!(pending && /^\s*$/.test(between))) {
      flush();
      out += between;
    }
    const charset = m[1]!.replace(/\*.*$/, '').toLowerCase();
    const bytes = m[2]!.toUpperCase() === 'B' ? [...Buffer.from(m[3]!, 'base64')] : qWordBytes(m[3]!);
    // A multi-byte character may be split across two adjacent words of the same charset.
    if (pending && pending.charset !== charset) flush();
    if (pending) pending.bytes.push(...bytes);
    else pending = { charset, bytes };
    last = m.index + m[0].length;
  }
  flush();
  return out + value.slice(last);
}

function qWordBytes(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '_') bytes.push(0x20);
    else if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(ch.charCodeAt(0) & 0xff);
  }
  return bytes;
}

/** A header value as one line of readable text: encoded words decoded, folding collapsed. */
export function headerText(value: string | undefined): string {
  return decodeEncodedWords(value ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Pipermail hides addresses as `user at host`. */
export function deobfuscate(address: string): string {
  return address.replace(/^(\S+) at (\S+)$/, '$1@$2');
}

/**
 * Who sent a message, as a reader would name them: the display name of the first address, else the
 * address. Handles `"Name" <addr>`, `Name <addr>`, `addr (Name)` (pipermail's `user at host (Name)`)
 * and a bare address.
 */
export function authorName(from: string | undefined): string | null {
  if (!from) return null;
  const value = from.replace(/\s+/g, ' ').trim();
  if (value === '') return null;
  const angle = /^(.*?)<([^<>]*)>/.exec(value);
  if (angle) {
    const name = cleanName(decodeEncodedWords(angle[1]!));
    return name || deobfuscate(angle[2]!.trim()) || null;
  }
  const comment = /^(.*?)\s*\((.*)\)\s*$/.exec(value);
  if (comment) {
    const name = cleanName(decodeEncodedWords(comment[2]!));
    return name || deobfuscate(comment[1]!.trim()) || null;
  }
  return deobfuscate(cleanName(decodeEncodedWords(value))) || null;
}

function cleanName(name: string): string {
  return name
    .trim()
    .replace(/,$/, '')
    .replace(/^"(.*)"$/, '$1')
    .replace(/^'(.*)'$/, '$1')
    .replace(/\\(.)/g, '$1')
    .trim();
}

/** Message-IDs named in a header (`<id>` tokens), brackets removed; junk like `<yes>` left out. */
export function messageIds(value: string | undefined): string[] {
  if (!value) return [];
  const ids: string[] = [];
  for (const m of value.matchAll(/<([^<>\s]+)>/g)) {
    const id = m[1]!;
    if (id.includes('@') && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The Message-ID header's id: the bracketed token, or the bare value when a mailer left out the brackets. */
export function ownMessageId(value: string | undefined): string | null {
  if (!value) return null;
  const bracketed = /<([^<>\s]+)>/.exec(value);
  if (bracketed) return bracketed[1]!;
  const bare = value.trim();
  return bare !== '' && !/\s/.test(bare) ? bare : null;
}

/** The list a message came through, from List-Id (`Name <list.host>`), for thread identities. */
export function listIdOf(headers: Headers): string | null {
  const value = headers.get('list-id');
  if (!value) return null;
  const bracketed = /<([^<>]+)>/.exec(value);
  const id = (bracketed ? bracketed[1]! : value).replace(/["\s]/g, '');
  return id || null;
}
