// Escaping for the exporters. Everything imported from a forum (passage text, author names, thread
// titles, addresses) is untrusted: in the exported files it must read as the literal text and never
// become structure or markup, whatever Markdown flavour (CommonMark, GFM, Obsidian, Logseq, Pandoc)
// or Argdown parser reads it.

// ---------------------------------------------------------------------------------------------
// YAML (Markdown frontmatter, Argdown frontmatter and metadata)

/** Characters YAML does not allow raw in a scalar (outside c-printable), or that some parsers take as line breaks. */
const YAML_UNPRINTABLE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

const hex4 = (c: string) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');

/**
 * A YAML double-quoted scalar on one line. JSON's string syntax is a subset of YAML's double-quoted
 * style, so JSON.stringify does the quoting and the escaping of quotes, backslashes, line breaks and
 * C0 controls; the other characters YAML will not take raw are escaped as \uXXXX on top.
 * `extra` adds characters to escape the same way (Argdown needs `{`, `}` and runs of `=` out of the way).
 */
export function yamlString(value: string, extra?: RegExp): string {
  let out = JSON.stringify(value).replace(YAML_UNPRINTABLE, hex4);
  if (extra) out = out.replace(extra, hex4);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Markdown

/**
 * What may get a backslash wherever it is, found in one pass (a plain character class, which is
 * what keeps a 1,000-step export fast; the context is checked in `escapeMarkdownMatch`):
 * - CommonMark's own marks: code spans, emphasis, links, raw HTML and autolinks; with them GFM
 *   tables and strikethrough, Obsidian/Logseq tags, wikilinks, block ids and macros, Pandoc
 *   super/subscript and `$` math: always;
 * - `&` when it would start a character reference (`&lt;`, `&#60;`, `&#x3c;`);
 * - `=`, `%` and `:` when doubled: Obsidian highlights `==` and comments `%%`, Logseq properties
 *   `key::`, setext `===`;
 * - `@` unless it is inside a word: it starts a Pandoc citation.
 */
const MD_SPECIAL = /[\\`*_[\]<>#|~^${}&=%:@]/g;
const ENTITY_BODY = /#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};/y;
/** Where an entity would start, for link destinations. */
const MD_ENTITY = /&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

function escapeMarkdownMatch(m: string, offset: number, whole: string): string {
  switch (m) {
    case '=':
    case '%':
    case ':':
      return whole[offset - 1] === m || whole[offset + 1] === m ? '\\' + m : m;
    case '&':
      ENTITY_BODY.lastIndex = offset + 1;
      return ENTITY_BODY.test(whole) ? '\\&' : m;
    case '@':
      return offset > 0 && WORD_CHAR.test(whole[offset - 1]!) ? m : '\\@';
    default:
      return '\\' + m;
  }
}

/**
 * Markers that only matter at the start of a line: list bullets, ordered and Pandoc fancy list
 * numbers (`1.`, `2)`, `a.`, `iv)`, `(1)`), setext/thematic `-` and `=`, Pandoc definition lists `:`.
 */
const MD_LINE_START =
  /^(?:([-+=:])|(\d{1,9}|[A-Za-z]|[ivxlcdmIVXLCDM]{1,8})([.)])(?=\s|$)|(\()(?=[\dA-Za-z@#]{1,9}\)))/;

/**
 * One line of untrusted text as Markdown inline text that renders to exactly that text. `lineStart`
 * says the text begins a line (or a paragraph), where list and break markers need escaping too.
 * The text must not contain line breaks (see `markdownQuote` for multi-line text).
 */
export function escapeMarkdownInline(text: string, lineStart = false): string {
  let out = text.replace(MD_SPECIAL, escapeMarkdownMatch);
  if (lineStart) {
    out = out.replace(MD_LINE_START, (m, mark?: string, num?: string, punct?: string, paren?: string) => {
      if (mark) return '\\' + mark;
      if (num !== undefined && punct) return num + '\\' + punct;
      if (paren) return '\\(';
      return m;
    });
  }
  return out;
}

/** Text for a single-line context (a heading, link text, a list item): line breaks become spaces. */
export function escapeMarkdownLine(text: string, lineStart = false): string {
  const line = /[\r\n]/.test(text) ? text.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ') : text;
  return escapeMarkdownInline(line.trim(), lineStart);
}

/** The lines of a text, its line breaks (\r\n, \r, \n) normalised. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Untrusted, possibly multi-line text as a Markdown blockquote that renders to the text itself.
 * Each line is trimmed (leading spaces would make indented code, trailing ones a hard break) and
 * escaped; lines within a paragraph end in a backslash hard break so the original line breaks show;
 * a blank line (or several) becomes one paragraph break inside the quote. Empty text gives an
 * empty quote (`>`).
 */
export function markdownQuote(text: string): string {
  if (!/[\r\n]/.test(text)) {
    const line = text.trim();
    return line === '' ? '>' : '> ' + escapeMarkdownInline(line, true);
  }
  const out: string[] = [];
  let pendingBreak = false;
  for (const raw of splitLines(text)) {
    const line = raw.trim();
    if (line === '') {
      pendingBreak = out.length > 0;
      continue;
    }
    if (pendingBreak) {
      out.push('>');
      pendingBreak = false;
    } else if (out.length > 0) {
      out[out.length - 1] += '\\';
    }
    out.push('> ' + escapeMarkdownInline(line, true));
  }
  return out.length > 0 ? out.join('\n') : '>';
}

/**
 * The text a reader of `markdownQuote(text)` sees, as a string: lines trimmed, runs of blank lines
 * as one paragraph break ("\n\n"), other line breaks as "\n". For tests and for comparing.
 */
export function quotedTextOf(text: string): string {
  return splitLines(text)
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{2,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

/** A lower-case http(s) address with a plain host and only characters that need no encoding. */
const PLAIN_HTTP_URL =
  /^https?:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::[0-9]{1,5})?(?:[/?#][A-Za-z0-9\-._~!$&'*+,;=:@%/?#]*)?$/;

/**
 * An http(s) address as a Markdown link destination, or null for anything else (javascript:,
 * data:, file:, relative or unparseable addresses). The URL parser percent-encodes spaces, quotes,
 * `<` and `>`; parentheses and backslashes are percent-encoded here so the destination needs no
 * balancing or escapes, and an `&` that would read as a character reference is escaped.
 */
export function safeHttpUrl(address: string | null | undefined): string | null {
  if (!address) return null;
  // Most addresses are already what the URL parser would give back and carry nothing to encode.
  if (PLAIN_HTTP_URL.test(address)) return address;
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.href.replace(/[()\\\s]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/** `safeHttpUrl` made ready for `[text](here)`. */
export function markdownLinkDestination(href: string): string {
  return href.replace(MD_ENTITY, '\\&');
}

/** `[text](url)` for an http(s) address, else the escaped text alone. */
export function markdownLink(text: string, address: string | null | undefined): string {
  const label = escapeMarkdownLine(text);
  const href = safeHttpUrl(address);
  return href ? `[${label}](${markdownLinkDestination(href)})` : label;
}

/**
 * The name of the file a thread was imported from, without the folders above it (which say
 * things about the user's machine that an export should not); null for a source that is an
 * address other than a file (http ones are links, the rest are dropped).
 */
export function sourceFileName(source: string | null | undefined): string | null {
  if (!source || safeHttpUrl(source)) return null;
  let path = source.trim();
  if (/^file:/i.test(path)) {
    try {
      path = decodeURIComponent(new URL(path).pathname);
    } catch {
      return null;
    }
  } else if (/^[A-Za-z][A-Za-z0-9+.-]+:/.test(path)) {
    return null;
  }
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Markdown written by the user (notes, descriptions): inserted as it is, but contained.

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const HTML_UNTIL_END: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
const HTML_UNTIL_BLANK =
  /^ {0,3}<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:\s|\/?>|$)/i;
const HTML_TAG_LINE = /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)\s*$/;
const ATX = /^((?: {0,3}>[ \t]?)*)( {0,3})(#{1,6})(?=[ \t]|$)/;
const SETEXT = /^ {0,3}(?:=+|-+)[ \t]*$/;
const OTHER_BLOCK =
  /^ {0,3}(?:>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$)/;

type Open = { kind: 'fence'; char: string; length: number; line: number } | { kind: 'html'; end: RegExp; line: number };

/**
 * User-written Markdown made safe to place between the exporter's own blocks: it can neither eat
 * what follows nor break the document's outline.
 * - ATX headings (also inside `>` quotes) go down `headingShift` levels (at most to h6), and a
 *   setext heading becomes an ATX one (or, under a paragraph of several lines, plain text), so a
 *   note's `# Title` cannot pose as the document's title or as a step.
 * - A code fence, or an HTML block that only ends at its closing tag (`<pre>`, `<script>`,
 *   `<!--` …), that is still open at the end has its opening line escaped, so it shows as text
 *   instead of swallowing the rest of the document.
 * The scan follows CommonMark's block starts at the top level; it does not model list items, so a
 * fence opened inside a list item and "closed" by a line outside it is not caught (Lexical, where
 * notes come from, puts no code blocks in lists).
 */
export function containMarkdown(markdown: string, headingShift: number): string {
  const text = markdown.replace(/\r\n?/g, '\n');
  // Nothing to do when no line starts like a fence, HTML, a heading or a setext underline.
  if (!MAY_NEED_CONTAINING.test(text)) return trimBlankLines(text);
  const lines: Array<string | null> = text.split('\n');
  let from = 0;
  for (;;) {
    const open = scanBlocks(lines, from, headingShift);
    if (!open) break;
    const line = lines[open.line]!;
    const at = line.search(/\S/);
    lines[open.line] = line.slice(0, at) + '\\' + line.slice(at);
    from = open.line + 1;
  }
  return trimBlankLines(lines.filter((l): l is string => l !== null).join('\n'));
}

const MAY_NEED_CONTAINING = /^ {0,3}(?:>[ \t]?)*[ \t]*[`~<#=-]/m;

/** Without its leading blank lines (the first line's indentation is kept) and trailing whitespace. */
function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}

/** One pass from `from`: demotes headings in place, returns the block left open at the end, if any. */
function scanBlocks(lines: Array<string | null>, from: number, shift: number): Open | null {
  let open: Open | null = null;
  let htmlUntilBlank = false;
  let paragraphStart = from > 0 ? -1 : -2; // -2: no paragraph; -1: a paragraph of unknown length
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    if (line === null || line === undefined) continue;
    if (open?.kind === 'fence') {
      const close = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
      if (close && close[1]![0] === open.char && close[1]!.length >= open.length) open = null;
      continue;
    }
    if (open?.kind === 'html') {
      if (open.end.test(line)) open = null;
      continue;
    }
    const blank = line.trim() === '';
    if (htmlUntilBlank) {
      if (blank) htmlUntilBlank = false;
      continue;
    }
    if (blank) {
      paragraphStart = -2;
      continue;
    }
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
    if (indent >= 4) {
      // Indented code (or a paragraph's continuation): nothing in it starts a block.
      continue;
    }
    const fence = FENCE_OPEN.exec(line);
    if (fence && !(fence[2]![0] === '`' && fence[3]!.includes('`'))) {
      open = { kind: 'fence', char: fence[2]![0]!, length: fence[2]!.length, line: i };
      paragraphStart = -2;
      continue;
    }
    const html = HTML_UNTIL_END.find(([start]) => start.test(line));
    if (html) {
      // As markdown-it and cmark do, the end may be anywhere on the opening line itself.
      if (!html[1].test(line)) open = { kind: 'html', end: html[1], line: i };
      paragraphStart = -2;
      continue;
    }
    if (HTML_UNTIL_BLANK.test(line) || (paragraphStart === -2 && HTML_TAG_LINE.test(line))) {
      htmlUntilBlank = true;
      paragraphStart = -2;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      const level = Math.min(6, atx[3]!.length + shift);
      lines[i] = atx[1]! + atx[2]! + '#'.repeat(level) + line.slice(atx[0].length);
      paragraphStart = -2;
      continue;
    }
    if (paragraphStart !== -2 && SETEXT.test(line)) {
      const level = Math.min(6, (line.trim()[0] === '=' ? 1 : 2) + shift);
      if (paragraphStart >= 0 && paragraphStart === i - 1) {
        const text = lines[paragraphStart]!;
        const lead = /^[ \t]*/.exec(text)![0];
        lines[paragraphStart] = lead + '#'.repeat(level) + ' ' + text.trim();
        lines[i] = null;
      } else {
        lines[i] = '\\' + line.trim();
      }
      paragraphStart = -2;
      continue;
    }
    if (OTHER_BLOCK.test(line)) {
      paragraphStart = -2;
      continue;
    }
    if (paragraphStart === -2) paragraphStart = i;
  }
  return open;
}

// ---------------------------------------------------------------------------------------------
// Argdown

/** Escaped in an Argdown YAML string: `{}` would end a metadata block early, `===` the frontmatter. */
export const ARGDOWN_YAML_EXTRA = /[{}]|=(?==)|(?<==)=/g;

/**
 * What gets a backslash in Argdown text, found in one pass: escapes, mentions `@`, tags `#`,
 * emphasis, statement/argument brackets and links, `<!--` comments, `{}` metadata; the second `/`
 * of `//` (a comment); runs of `=` (`===` opens frontmatter anywhere a token starts).
 */
const AD_SPECIAL_CHARS = /[\\@#*_[\]<>{}/=]/g;
/** An escaped pair, or a `.`/`:` that may start a shortcode. */
const AD_ESCAPED_OR_DOT = /\\[\s\S]|[.:]/g;
/** Argdown's shortcode token (`.A.`, `:->:`): turned into a symbol when known, so never let one form. */
const AD_SHORTCODE = /\.[^\s]+?\.|:[^\s]+?:/y;
const AD_SPACES = /[\t\n\v\f\r \u0085\u2028\u2029]+/g;

function escapeArgdownMatch(m: string, offset: number, whole: string): string {
  if (m === '/') return whole[offset + 1] === '/' ? '/\\' : m;
  if (m === '=') return whole[offset - 1] === '=' || whole[offset + 1] === '=' ? '\\=' : m;
  return '\\' + m;
}

function escapeShortcodeStart(m: string, offset: number, whole: string): string {
  if (m.length > 1) return m;
  AD_SHORTCODE.lastIndex = offset;
  return AD_SHORTCODE.test(whole) ? '\\' + m : m;
}

/**
 * Untrusted text as the text of an Argdown statement (after `[S1]: `), on one line. Line breaks
 * and runs of whitespace become one space (a statement is one paragraph of text; a blank line
 * would end it, and the parser joins lines with a space anyway); the characters that start
 * Argdown syntax are escaped with a backslash, which Argdown drops. `+`, `-`, `>` and numbers
 * only mean something at the start of a line, which statement text never is.
 */
export function escapeArgdownText(text: string): string {
  // A shortcode can span escaped characters, so it is looked for in the escaped text.
  return argdownTextOf(text)
    .replace(AD_SPECIAL_CHARS, escapeArgdownMatch)
    .replace(AD_ESCAPED_OR_DOT, escapeShortcodeStart);
}

/** The text Argdown reads back from `escapeArgdownText(text)`: whitespace runs as one space, trimmed. */
export function argdownTextOf(text: string): string {
  return (/[\t\n\v\f\r\u0085\u2028\u2029]| {2}/.test(text) ? text.replace(AD_SPACES, ' ') : text).trim();
}
