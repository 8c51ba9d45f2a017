// Escaping for Markdown output. Note text is the user's, and thread titles and quoted passages come
// from forums, so every character that could start Markdown or HTML syntax where it stands is
// escaped: an exported note renders as the text it holds under any CommonMark renderer, and reads
// back (markdown-reader.ts) into the same note.

const ENTITY_LIKE = /^&(?:#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * `text` escaped so that it reads as itself wherever it lands in a line. `atLineStart` says that
 * what comes before it on the line is only a block marker (`# `, `- `, `> `) or nothing, where more
 * characters are syntax. Lines after a newline inside `text` are at a line start too.
 */
export function escapeText(text: string, atLineStart: boolean): string {
  let out = '';
  let lineStart = atLineStart;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      out += c;
      lineStart = true;
      continue;
    }
    if (lineStart) {
      // Leading spaces would indent the line into a code block or out of a list item, and a
      // renderer drops them anyway; as references they are kept, and are no indentation.
      if (c === ' ' || c === '\t') {
        out += c === ' ' ? '&#32;' : '&#9;';
        continue;
      }
      lineStart = false;
      const lineEnd = text.indexOf('\n', i);
      const rest = text.slice(i, lineEnd < 0 ? text.length : lineEnd);
      const marker = blockMarkerAt(rest);
      if (marker >= 0) {
        out += rest.slice(0, marker) + '\\' + rest[marker]!;
        i += marker;
        continue;
      }
    }
    out += escapeChar(text, i);
  }
  return out;
}

/** Where a line's text would begin a block (a heading, list item, quotation, rule) and needs a backslash, or -1. */
function blockMarkerAt(line: string): number {
  const c = line[0];
  if (c === '>' || c === '-' || c === '=') return 0;
  if (c === '+' && /^\+(?:[ \t]|$)/.test(line)) return 0;
  if (c === '#' && /^#{1,6}(?:[ \t]|$)/.test(line)) return 0;
  const ordered = /^(\d{1,9})[.)](?:[ \t]|$)/.exec(line);
  return ordered ? ordered[1]!.length : -1;
}

function escapeChar(text: string, i: number): string {
  const c = text[i]!;
  switch (c) {
    case '\\':
    case '`':
    case '*':
    case '~':
    case '<':
    case '[':
    case ']':
    case '|':
      return '\\' + c;
    case '_':
      // An underscore inside a word never opens or closes emphasis; snake_case stays readable.
      return WORD_CHAR.test(text[i - 1] ?? '') && WORD_CHAR.test(text[i + 1] ?? '') ? c : '\\_';
    case '&':
      return ENTITY_LIKE.test(text.slice(i, i + 40)) ? '\\&' : c;
    default:
      return c;
  }
}

/** A character as a reference: what stands in for it where a backslash cannot. */
export function characterReference(char: string): string {
  return `&#x${char.codePointAt(0)!.toString(16)};`;
}

/**
 * A link destination, in the form that needs the fewest escapes. An `&` that begins a character
 * reference is written as one, or the URL would come back as the character it names.
 */
export function linkDestination(url: string): string {
  const references = url.replace(/&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)/g, '&#38;');
  if (url === '' || /\s/.test(url) || hasControlCharacter(url)) {
    return `<${references
      .replace(/[\\<>]/g, '\\$&')
      .replace(/\r/g, '&#13;')
      .replace(/\n/g, '&#10;')}>`;
  }
  return references.replace(/[\\()]/g, '\\$&').replace(/^</, '\\<');
}

export function linkTitle(title: string): string {
  return `"${title
    .replace(/&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)/g, '&#38;')
    .replace(/["\\]/g, '\\$&')
    .replace(/\r\n?|\n/g, '&#10;')}"`;
}

/** Schemes a renderer would run rather than open; such a link is written as its text. */
export function isScriptUrl(url: string): boolean {
  // Browsers ignore control characters and spaces in a scheme ("java\tscript:").
  const compact = [...url].filter((c) => c > ' ').join('');
  return /^(?:javascript|vbscript|data):/i.test(compact);
}

function hasControlCharacter(text: string): boolean {
  for (const c of text) if (c < ' ' || c === '\x7f') return true;
  return false;
}
