// Markdown through Lexical's importer, without three of its habits that would change a note:
// - it unescapes text a second time when a format or link is split off the start of a line
//   (`**a\\\*b** c` reads as "a*b", `c **a\\\*b**` as "a\*b"), unescapes inside code spans
//   (`` `a\*b` `` reads as "a*b"), and decodes decimal character references but not hex or named ones;
// - a code span beats any emphasis around it unless that emphasis is the first one on the line
//   (`*a* **`b`**` loses the bold);
// - it splits a tab off into a node of its own, which drops the text's format.
// So before Lexical reads the Markdown, every backslash escape, character reference and tab outside
// code becomes a hex reference (which Lexical leaves alone and no Markdown rule reads as syntax),
// and every code span a placeholder; once the nodes are built, placeholders become code-formatted
// text and references become characters again.
import { $isLinkNode } from '@lexical/link';
import { $convertFromMarkdownString, type Transformer } from '@lexical/markdown';
import { $createTextNode, $getRoot, $isElementNode, $isTextNode, type LexicalNode, type TextNode } from 'lexical';
import { decodeHTMLStrict } from 'entities';
import { characterReference } from './escapes';
import { FORMAT } from './state-tree';

interface CodeSpan {
  /** As written, backticks and all: what a code span in a link's URL stands for. */
  source: string;
  content: string;
}

// An uppercase X: every other reference the reader leaves behind is written with a lowercase one.
const PLACEHOLDER = /&#XE000;(\d+)&#XE001;/;
const PLACEHOLDERS = new RegExp(PLACEHOLDER.source, 'g');
const HEX_REFERENCE = /&#[xX]([0-9a-fA-F]{1,6});/g;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

export function $importMarkdown(markdown: string, transformers: Transformer[]): void {
  const codeSpans: CodeSpan[] = [];
  $convertFromMarkdownString(shield(markdown, codeSpans), transformers);
  $restore($getRoot(), codeSpans);
}

/**
 * A fence opens a code block only if no backtick follows it on its line, as in CommonMark (Lexical
 * would take "```a``b```" for a code block, and a line that starts with a code span for one that
 * runs to the end of the note); it closes where Lexical's importer closes it. Only the `&`s of a
 * code block need hiding.
 */
function shield(markdown: string, codeSpans: CodeSpan[]): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^[ \t]*(`{3,})[^`]*$/.exec(line);
    if (!fence) {
      lines[i] = shieldLine(line, codeSpans);
      continue;
    }
    const length = fence[1]!.length;
    const closing = new RegExp(`^[ \\t]*\`{${length},}$`);
    let end = i + 1;
    while (end < lines.length && !closing.test(lines[end]!)) end++;
    for (let j = i + 1; j < Math.min(end, lines.length); j++) lines[j] = hideAmpersands(lines[j]!);
    i = end;
  }
  return lines.join('\n');
}

function hideAmpersands(code: string): string {
  return code.replace(/&/g, '&#x26;');
}

function shieldLine(line: string, codeSpans: CodeSpan[]): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length && ASCII_PUNCTUATION.test(line[i + 1]!)) {
      out += characterReference(line[i + 1]!);
      i += 2;
    } else if (c === '`') {
      const run = backtickRunLength(line, i);
      const close = closingRun(line, i + run, run);
      if (close < 0) {
        out += line.slice(i, i + run);
        i += run;
        continue;
      }
      let content = line.slice(i + run, close);
      // CommonMark drops one space from each end, so that a span can start or end with a backtick.
      if (content.length > 2 && content.startsWith(' ') && content.endsWith(' ') && /[^ ]/.test(content)) {
        content = content.slice(1, -1);
      }
      out += `&#XE000;${codeSpans.length}&#XE001;`;
      codeSpans.push({ source: line.slice(i, close + run), content });
      i = close + run;
    } else if (c === '\t') {
      out += characterReference(c);
      i++;
    } else if (c === '&') {
      const reference = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/.exec(
        line.slice(i, i + 40),
      );
      if (!reference) {
        out += c;
        i++;
        continue;
      }
      if (reference[3] === undefined) {
        const code = reference[1] !== undefined ? Number(reference[1]) : parseInt(reference[2]!, 16);
        out += characterReference(codePointOrReplacement(code));
      } else {
        const decoded = decodeHTMLStrict(reference[0]);
        out += decoded === reference[0] ? reference[0] : [...decoded].map(characterReference).join('');
      }
      i += reference[0].length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function backtickRunLength(line: string, at: number): number {
  let end = at;
  while (line[end] === '`') end++;
  return end - at;
}

/** Where a run of exactly `length` backticks starts at or after `from`, or -1. */
function closingRun(line: string, from: number, length: number): number {
  for (let at = line.indexOf('`', from); at >= 0;) {
    const run = backtickRunLength(line, at);
    if (run === length) return at;
    at = line.indexOf('`', at + run);
  }
  return -1;
}

function codePointOrReplacement(code: number): string {
  const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
  return String.fromCodePoint(valid ? code : 0xfffd);
}

function decodeReferences(text: string): string {
  if (!text.includes('&#')) return text;
  return text.replace(HEX_REFERENCE, (_, hex: string) => codePointOrReplacement(parseInt(hex, 16)));
}

function $restore(node: LexicalNode, codeSpans: CodeSpan[]): void {
  if ($isTextNode(node)) {
    $restoreText(node, codeSpans);
  } else if ($isElementNode(node)) {
    if ($isLinkNode(node)) {
      const source = (text: string): string =>
        decodeReferences(text.replace(PLACEHOLDERS, (_, index: string) => codeSpans[Number(index)]!.source));
      node.setURL(source(node.getURL()));
      const title = node.getTitle();
      if (title) node.setTitle(source(title));
    }
    for (const child of node.getChildren()) $restore(child, codeSpans);
  }
}

function $restoreText(node: TextNode, codeSpans: CodeSpan[]): void {
  const text = node.getTextContent();
  if (!text.includes('&#')) return;
  const parts = text.split(PLACEHOLDER);
  if (parts.length === 1) {
    node.setTextContent(decodeReferences(text));
    return;
  }
  // split() puts each captured span index at an odd position, between the text around it.
  const format = node.getFormat();
  const style = node.getStyle();
  parts.forEach((part, i) => {
    const code = i % 2 === 1;
    const content = code ? codeSpans[Number(part)]!.content : decodeReferences(part);
    if (content !== '') {
      node.insertBefore(
        $createTextNode(content)
          .setFormat(code ? format | FORMAT.code : format)
          .setStyle(style),
      );
    }
  });
  node.remove();
}
