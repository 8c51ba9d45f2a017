// Reddit bodies (comments, self posts) are Markdown in which the API escapes &, < and > as
// entities. Read as a reader sees them rendered: paragraphs, list items and table rows are passages,
// `>` blocks are quotations, code stays one passage, and inline markup is dropped so a quotation
// copied from the rendered page still matches the text it came from.
import { decodeHTML } from 'entities';
import type { SourceBlock } from '../source-thread';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const INDENTED_CODE = /^(?: {4}|\t)/;
const QUOTE_MARKERS = /^ {0,3}>/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+(\S.*)$/;
const ATX_HEADING = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const RULE_OR_UNDERLINE = /^ {0,3}(?:(?:[-*_][ \t]*){3,}|=+[ \t]*)$/;
const TABLE_DELIMITER_ROW = /^ *\|? *:?-+:? *(?:\| *:?-+:? *)+\|? *$/;

/** A single line whose first character opens no block: not code, a quotation, a heading, a list item or a rule. */
const PLAIN_LINE = /^[^ \t`~>#*+\-_=0-9\r\n][^\r\n]*$/;

type OpenKind = 'paragraph' | 'quote';

export function redditMarkdownToBlocks(body: string): SourceBlock[] {
  return new BodyReader().read(body.includes('&') ? decodeHTML(body) : body);
}

class BodyReader {
  private readonly blocks: SourceBlock[] = [];
  private open: { kind: OpenKind; lines: string[] } | undefined;
  private inTable = false;

  read(markdown: string): SourceBlock[] {
    if (PLAIN_LINE.test(markdown)) {
      // One line that opens no block (most comments): a paragraph, as line() and close() would make it.
      this.emit('paragraph', `${markdown.trim()} `);
      return this.blocks;
    }
    const lines = markdown.split(/\r\n|\n|\r/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const fence = FENCE.exec(line);
      if (fence) {
        i = this.fenced(lines, i, fence[1]!);
        continue;
      }
      if (!this.open && INDENTED_CODE.test(line) && line.trim() !== '') {
        i = this.indented(lines, i);
        continue;
      }
      this.line(line);
    }
    this.close();
    return this.blocks;
  }

  private line(line: string): void {
    if (line.trim() === '') {
      this.close();
      return;
    }
    if (this.inTable && line.includes('|')) {
      this.emit('paragraph', tableRow(line));
      return;
    }
    this.inTable = false;
    if (QUOTE_MARKERS.test(line)) {
      const inner = line.replace(/^(?:[ \t]*>)+[ \t]?/, '');
      const item = LIST_ITEM.exec(inner);
      if (inner.trim() === '' || item || this.open?.kind !== 'quote') this.close();
      if (inner.trim() !== '') this.append('quote', item ? item[1]! : inner);
      return;
    }
    if (TABLE_DELIMITER_ROW.test(line) && this.open?.kind === 'paragraph' && this.open.lines.length === 1) {
      const header = this.open.lines[0]!;
      if (header.includes('|')) {
        this.open = undefined;
        this.emit('paragraph', tableRow(header));
        this.inTable = true;
        return;
      }
    }
    if (RULE_OR_UNDERLINE.test(line)) {
      // A rule between paragraphs, or the underline of a heading: neither is text.
      this.close();
      return;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      this.close();
      this.emit('paragraph', heading[1]!);
      return;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      this.close();
      this.append('paragraph', item[1]!);
      return;
    }
    // Anything else continues what is open, a quotation included, as Reddit renders it.
    this.append(this.open?.kind ?? 'paragraph', line);
  }

  private fenced(lines: string[], start: number, marker: string): number {
    this.close();
    const code: string[] = [];
    let i = start + 1;
    for (; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.trim().startsWith(marker) && line.trim().replace(/[`~]/g, '') === '') break;
      code.push(line);
    }
    this.code(code);
    return i;
  }

  private indented(lines: string[], start: number): number {
    const code: string[] = [];
    let i = start;
    for (; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.trim() !== '' && !INDENTED_CODE.test(line)) break;
      code.push(line.replace(INDENTED_CODE, ''));
    }
    this.code(code);
    return i - 1;
  }

  private code(lines: string[]): void {
    const text = lines.join('\n').replace(/^\n+|\s+$/g, '');
    if (text) this.blocks.push({ kind: 'paragraph', text });
  }

  private append(kind: OpenKind, line: string): void {
    if (this.open && this.open.kind !== kind) this.close();
    this.open ??= { kind, lines: [] };
    this.open.lines.push(line);
  }

  private close(): void {
    const open = this.open;
    this.open = undefined;
    this.inTable = false;
    if (!open) return;
    // Two trailing spaces are Markdown's line break; any other line break is a space.
    const text = open.lines
      .map((line, i) => (i < open.lines.length - 1 && / {2,}$/.test(line) ? `${line.trim()}\n` : `${line.trim()} `))
      .join('');
    this.emit(open.kind, text);
  }

  private emit(kind: OpenKind, markdown: string): void {
    const text = inlineText(markdown)
      .split('\n')
      .map((l) => l.replace(/[ \t]+/g, ' ').trim())
      .join('\n')
      .trim();
    if (text) this.blocks.push({ kind, text });
  }
}

function tableRow(line: string): string {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim())
    .join(' | ');
}

const INLINE_MARKUP = /[\\`*_~[]/;
const ESCAPABLE = /[\\`*_{}[\]()#+\-.!>~^|]/g;
const PROTECTED = /[\uE000-\uE07F]/g;
const protect = (text: string): string => text.replace(ESCAPABLE, (c) => String.fromCharCode(0xe000 + c.charCodeAt(0)));

/** Inline Markdown as the text a reader sees: links as "text (url)", like the HTML importers write them. */
export function inlineText(markdown: string): string {
  if (!INLINE_MARKUP.test(markdown)) return markdown;
  const text = markdown
    // Escaped characters and code are literal: hide them from the markup rules below.
    .replace(/\\([\\`*_{}[\]()#+\-.!>~^|])/g, (_, c: string) => protect(c))
    .replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_, _ticks: string, code: string) => protect(code.trim()))
    .replace(
      /!?\[([^\]]*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))+)>?(?:\s+"[^"]*")?\s*\)/g,
      (_, label: string, url: string) => link(label, url),
    )
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/(^|[^\w*])\*([^\s*](?:[^*\n]*[^\s*])?)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w_])_([^\s_](?:[^_\n]*[^\s_])?)_(?![\w_])/g, '$1$2');
  return text.replace(PROTECTED, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000));
}

function link(label: string, url: string): string {
  const text = label.trim();
  const target = url.replace(PROTECTED, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000));
  if (!/^(?:https?:|mailto:)/i.test(target)) return text || target;
  if (text === '') return target;
  return text === target || text.includes(target) ? text : `${text} (${target})`;
}
