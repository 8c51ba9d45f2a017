// Escaping for Markdown output. Note text is the user's, and thread titles and quoted passages come
// from forums, so every character that could start Markdown or HTML syntax where it stands is
// escaped: an exported note renders as the text it holds under any CommonMark renderer, and reads
// back (markdown-reader.ts) into the same note.

const ENTITY_LIKE = /^&(?:#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const MAY_NEED_ESCAPING = /[\\`*~<[\]|_&]/;
const SYNTAX = /[\\`*~<[\]|_&]/g;

/**
 * `text` escaped so that it reads as itself wherever it lands in a line. `atLineStart` says that
 * what comes before it on the line is only a block marker (`# `, `- `, `> `) or nothing, where more
 * characters are syntax. Lines after a newline inside `text` are at a line start too.
 */
export function escapeText(text: string, atLineStart: boolean): string {
  if (text.includes('\n')) {
    return text
      .split('\n')
      .map((line, i) => escapeLine(line, atLineStart || i > 0))
      .join('\n');
  }
  return escapeLine(text, atLineStart);
}

function escapeLine(line: string, atLineStart: boolean): string {
  if (!atLineStart) return escapeInline(line);
  // Leading spaces would indent the line into a code block or out of a list item, and a renderer
  // drops them anyway; as references they are kept, and are no indentation.
  let start = 0;
  let indent = '';
  for (; line[start] === ' ' || line[start] === '\t'; start++) indent += line[start] === ' ' ? '&#32;' : '&#9;';
  const rest = line.slice(start);
  const marker = blockMarkerAt(rest);
  if (marker < 0) return indent + escapeInline(rest);
  return indent + rest.slice(0, marker) + '\\' + rest[marker] + escapeInline(rest.slice(marker + 1), rest[marker]);
}

/** `text` with what is syntax anywhere in a line escaped; `before` is the character in front of it. */
function escapeInline(text: string, before = ''): string {
  // Most text needs nothing; looking costs less than copying it.
  if (!MAY_NEED_ESCAPING.test(text)) return text;
  return text.replace(SYNTAX, (c: string, i: number) => escapeChar(text, i, before));
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

function escapeChar(text: string, i: number, before: string): string {
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
      return WORD_CHAR.test(text[i - 1] ?? before) && WORD_CHAR.test(text[i + 1] ?? '') ? c : '\\_';
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
  const compact = /[\s]/.test(url) || hasControlCharacter(url) ? [...url].filter((c) => c > ' ').join('') : url;
  return /^(?:javascript|vbscript|data):/i.test(compact);
}

function hasControlCharacter(text: string): boolean {
  return /[^ -~\u0080-\uffff]/.test(text);
}
