// Imported HTML is never rendered: it is read into plain-text blocks here, once, with a real HTML
// parser. Paragraph breaks, list items and code blocks survive; links become "text (url)";
// blockquotes become quotation blocks, with who and what they quote when the markup says so.
import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import type { SourceBlock } from './source-thread';

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'figure',
  'figcaption',
  'details',
  'summary',
  'hr',
  'center',
  'form',
  'fieldset',
  'address',
]);
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'template',
  'head',
  'title',
  'meta',
  'link',
  'button',
  'svg',
  'iframe',
  'input',
  'select',
  'textarea',
]);

export interface HtmlTextOptions {
  /** Keep `<noscript>` content (Discourse puts its crawler view there). */
  keepNoscript?: boolean;
}

/** Blocks of text from an HTML fragment or page. */
export function htmlToBlocks(html: string, options: HtmlTextOptions = {}): SourceBlock[] {
  const doc = parseDocument(html, { decodeEntities: true });
  return new BlockWriter(options).write(doc.children);
}

/** The text of an HTML fragment as one string, paragraphs separated by blank lines. */
export function htmlToText(html: string): string {
  return htmlToBlocks(html)
    .map((b) => b.text)
    .join('\n\n');
}

export function attr(el: Element, name: string): string | undefined {
  return el.attribs[name];
}

export function hasClass(el: Element, name: string): boolean {
  return (el.attribs.class ?? '').split(/\s+/).includes(name);
}

interface Quote {
  fromAuthor?: string;
  fromPostKey?: string;
}

class BlockWriter {
  private readonly blocks: SourceBlock[] = [];
  private line = '';
  private quote: Quote | undefined;
  /** Elements already read for their meaning (a quotation's `<cite>`), not their text. */
  private readonly skipped = new Set<ChildNode>();

  constructor(private readonly options: HtmlTextOptions) {}

  write(nodes: ChildNode[]): SourceBlock[] {
    this.children(nodes);
    this.flush();
    return this.blocks;
  }

  private children(nodes: ChildNode[]): void {
    for (const node of nodes) this.node(node);
  }

  private node(node: ChildNode): void {
    if (node.type === 'text') {
      // Line breaks in HTML source are only spaces; <br> and blocks make the real ones.
      this.line += node.data.replace(/[\r\n\t\f ]+/g, ' ');
      return;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') {
      if ('children' in node) this.children(node.children as ChildNode[]);
      return;
    }
    const el = node as Element;
    if (this.skipped.has(el)) return;
    const tag = el.name.toLowerCase();
    if (SKIPPED_TAGS.has(tag) || (tag === 'noscript' && !this.options.keepNoscript)) return;
    if (tag === 'br') {
      this.line += '\n';
      return;
    }
    if (tag === 'img') {
      const alt = attr(el, 'alt') ?? attr(el, 'title');
      if (alt && hasClass(el, 'emoji')) this.line += alt;
      else if (alt) this.line += `[image: ${alt}]`;
      return;
    }
    if (tag === 'a') {
      const before = this.line.length;
      this.children(el.children);
      const text = this.line.slice(before).trim();
      const href = attr(el, 'href');
      if (href && /^(https?:|mailto:)/i.test(href) && text !== href && !text.includes(href)) {
        this.line += text ? ` (${href})` : href;
      }
      return;
    }
    if (tag === 'pre') {
      this.flush();
      this.line = collectText(el.children);
      this.flush(true);
      return;
    }
    if (tag === 'aside' && hasClass(el, 'quote')) {
      // Discourse: <aside class="quote" data-username data-post><div class="title">…</div><blockquote>…
      const quote: Quote = { fromAuthor: attr(el, 'data-username'), fromPostKey: attr(el, 'data-post') };
      const body = el.children.filter((c): c is Element => c.type === 'tag' && c.name === 'blockquote');
      this.quoted(quote, body.length > 0 ? body.flatMap((b) => b.children) : el.children);
      return;
    }
    if (tag === 'blockquote') {
      // phpBB and many boards: <blockquote><div><cite>Name wrote:</cite>…
      const cite = findFirst(el.children, 'cite');
      const author = cite
        ? collectText(cite.children)
            .replace(/\s*(wrote|said|escribió|a écrit|schrieb)\s*:?\s*$/i, '')
            .trim()
        : '';
      this.quoted({ fromAuthor: author || undefined }, el.children, cite);
      return;
    }
    if (tag === 'tr') {
      this.flush();
      const cells = el.children.filter((c): c is Element => c.type === 'tag' && (c.name === 'td' || c.name === 'th'));
      this.line = cells.map((c) => collectText(c.children).replace(/\s+/g, ' ').trim()).join(' | ');
      this.flush();
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) this.flush();
    this.children(el.children);
    if (block) this.flush();
  }

  private quoted(quote: Quote, nodes: ChildNode[], skip?: Element): void {
    this.flush();
    const outer = this.quote;
    // A quotation inside a quotation is the inner author's words, when the markup says whose.
    this.quote = quote.fromAuthor || quote.fromPostKey ? quote : (outer ?? quote);
    if (skip) this.skipped.add(skip);
    this.children(nodes);
    this.flush();
    this.quote = outer;
  }

  private flush(preformatted = false): void {
    const text = preformatted ? this.line.replace(/^\n+|\s+$/g, '') : tidy(this.line);
    this.line = '';
    if (!text) return;
    if (this.quote) {
      const block: SourceBlock = { kind: 'quote', text };
      if (this.quote.fromAuthor) block.fromAuthor = this.quote.fromAuthor;
      if (this.quote.fromPostKey) block.fromPostKey = this.quote.fromPostKey;
      this.blocks.push(block);
    } else {
      this.blocks.push({ kind: 'paragraph', text });
    }
  }
}

const LINE_SPACE = /[ \t\r\f\v\u00A0]+/g;
const LINE_SPACE_TO_FIX = /[\t\r\f\v\u00A0]| {2}/;

/** Collapses spaces but keeps the line breaks `<br>` made, trimming each line. */
export function tidy(text: string): string {
  // Nearly always one line, most often with nothing to collapse.
  if (!text.includes('\n')) return (LINE_SPACE_TO_FIX.test(text) ? text.replace(LINE_SPACE, ' ') : text).trim();
  return text
    .split('\n')
    .map((l) => l.replace(LINE_SPACE, ' ').trim())
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}

function collectText(nodes: ChildNode[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += n.data;
    else if (n.type === 'tag' && n.name === 'br') out += '\n';
    else if ('children' in n && !(n.type === 'tag' && SKIPPED_TAGS.has(n.name)))
      out += collectText(n.children as ChildNode[]);
  }
  return out;
}

function findFirst(nodes: ChildNode[], tag: string): Element | undefined {
  for (const n of nodes) {
    if (n.type !== 'tag') continue;
    if (n.name === tag) return n;
    const inner = findFirst(n.children, tag);
    if (inner) return inner;
  }
  return undefined;
}
