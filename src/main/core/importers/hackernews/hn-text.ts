// Hacker News text is HTML with its characters entity-escaped and `<p>` used as a separator. HN has
// no quotation markup: by the site's convention a paragraph opening with ">" quotes what it answers.
import { decodeHTML } from 'entities';
import { htmlToBlocks, tidy } from '../html-text';
import type { SourceBlock } from '../source-thread';

const QUOTE_MARKERS = /^[ \t]*(?:>[ \t]*)+/;

export function hnTextToBlocks(html: string): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  for (const block of hnMarkupBlocks(html) ?? htmlToBlocks(html)) {
    if (block.kind !== 'paragraph' || !QUOTE_MARKERS.test(block.text)) {
      blocks.push(block);
      continue;
    }
    const text = block.text
      .split('\n')
      .map((line) => line.replace(QUOTE_MARKERS, '').trim())
      .join('\n')
      .trim();
    if (text) blocks.push({ kind: 'quote', text });
  }
  return blocks;
}

/** The tags HN writes itself, as its API serves them; anything else is left to the HTML parser. */
// eslint-disable-next-line no-control-regex
const TAG = /<(?:(p|i|\/i|\/a)|a href="([^"<>\u0000-\u001f]*)" rel="nofollow")>/g;
/** The entities HN writes, which every decoding mode reads alike. */
const AMPERSAND = /&(?!(?:#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos|nbsp);)/;
const LINK_TARGET = /^(https?:|mailto:)/i;
/** What htmlToBlocks collapses to one space in a text node, and in a paragraph's lines (tested first: most text has only single spaces). */
const SOURCE_SPACE = /[\r\n\t\f ]+/g;
const SOURCE_SPACE_TO_FIX = /[\r\n\t\f]| {2}/;

/**
 * HN's own markup read without an HTML parser: text, `<p>` between paragraphs, `<i>` and links
 * written `<a href="…" rel="nofollow">text</a>`. The blocks are those `htmlToBlocks` makes of it
 * (same whitespace, same link text); undefined for anything else (`<pre>`, another tag, a `<` in
 * text, an unusual entity, tags nested otherwise than HN nests them), which the parser then reads.
 */
export function hnMarkupBlocks(html: string): SourceBlock[] | undefined {
  const blocks: SourceBlock[] = [];
  let line = '';
  let href: string | undefined;
  let linkStart = 0;
  let italic = false;
  let at = 0;
  TAG.lastIndex = 0;
  for (;;) {
    const tag = TAG.exec(html);
    const end = tag ? tag.index : html.length;
    if (end > at) {
      const text = decoded(html.slice(at, end));
      if (text === undefined) return undefined;
      // As htmlToBlocks reads a text node: line breaks in HTML source are only spaces.
      line += SOURCE_SPACE_TO_FIX.test(text) ? text.replace(SOURCE_SPACE, ' ') : text;
    }
    if (!tag) break;
    at = TAG.lastIndex;
    const name = tag[1];
    if (href !== undefined && name !== '/a') return undefined;
    if (name === 'p') {
      if (italic) return undefined;
      paragraph(blocks, line);
      line = '';
    } else if (name === 'i' || name === '/i') {
      if (italic === (name === 'i')) return undefined;
      italic = name === 'i';
    } else if (name === '/a') {
      if (href === undefined) return undefined;
      const text = line.slice(linkStart).trim();
      if (href && LINK_TARGET.test(href) && text !== href && !text.includes(href)) line += text ? ` (${href})` : href;
      href = undefined;
    } else {
      href = decoded(tag[2]!);
      if (href === undefined) return undefined;
      linkStart = line.length;
    }
  }
  if (href !== undefined || italic) return undefined;
  paragraph(blocks, line);
  return blocks;
}

function decoded(text: string): string | undefined {
  if (text.includes('<')) return undefined;
  if (!text.includes('&')) return text;
  return AMPERSAND.test(text) ? undefined : decodeHTML(text);
}

function paragraph(blocks: SourceBlock[], line: string): void {
  const text = tidy(line);
  if (text) blocks.push({ kind: 'paragraph', text });
}
