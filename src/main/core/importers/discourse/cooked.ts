// Discourse's cooked HTML into text blocks. htmlToBlocks reads the markup every site shares; this
// module first settles what is Discourse's own: whose words a quote box holds, link previews
// (oneboxes) that copy another site's text, and image captions that are only file names.
import { Element, Text, type ChildNode } from 'domhandler';
import { getOuterHTML, prepend, removeElement, replaceElement, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { attr, hasClass, htmlToBlocks } from '../html-text';
import type { SourceBlock } from '../source-thread';
import { findAll, findOne } from './dom';

/** What Discourse shows in place of a post its author deleted or withdrew (English sites). */
const WITHDRAWN = /^\s*(?:<p>)?\s*\(post (?:deleted|withdrawn) by author/i;

export function isWithdrawnText(cooked: string): boolean {
  return WITHDRAWN.test(cooked);
}

/** Blocks of one post's cooked HTML; `topicId` tells quotes of this topic from quotes of others. */
export function cookedToBlocks(cooked: string, topicId: number): SourceBlock[] {
  const doc = parseDocument(cooked, { decodeEntities: true });
  for (const quote of findAll('aside.quote', doc.children)) attributeQuote(quote, topicId);
  splitNestedQuotes(doc.children);
  for (const preview of findAll('aside.onebox', doc.children)) {
    replaceElement(preview, linkParagraph(oneboxLink(preview)));
  }
  for (const video of findAll('div.lazy-video-container', doc.children)) {
    replaceElement(video, linkParagraph(videoLink(video)));
  }
  // An uploaded image is a link to its full size captioned "github_octoverse.png 1365×718 217 KB":
  // chrome, not prose. Its name is what a reader would cite.
  for (const image of findAll('div.lightbox-wrapper', doc.children)) replaceElement(image, imageLabel(image));
  return htmlToBlocks(getOuterHTML(doc.children, { encodeEntities: 'utf8' }));
}

function attributeQuote(quote: Element, topicId: number): void {
  const quotedTopic = attr(quote, 'data-topic');
  // A quote of post 4 of another topic is not post 4 of this one; who wrote it still holds.
  if (quotedTopic !== undefined && quotedTopic !== String(topicId)) delete quote.attribs['data-post'];
  if (attr(quote, 'data-username')) return;
  // Older Discourse (2016) left the name only in the quote's title bar: "<img class=avatar>gorhill:".
  // Quotes of other topics put the topic's title there instead, never ending in a colon.
  const title = findOne('div.title', quote);
  const name = title ? /^(\S+):$/.exec(textContent(title).trim()) : null;
  if (name) quote.attribs['data-username'] = name[1]!;
}

/**
 * htmlToBlocks credits everything inside a quote to the outer quote's source, but Discourse nests
 * quotes as they were written: Eternity's post 13, quoted, holds the line of post 3 it answered.
 * The outer quote is cut around each inner one, so every quoted passage keeps its own source.
 */
function splitNestedQuotes(nodes: ChildNode[]): void {
  // Each split lifts one level of nesting; the bound keeps malformed markup from looping.
  for (let pass = findAll('aside.quote', nodes).length; pass > 0; pass--) {
    const outer = findAll('aside.quote', nodes).find((quote) => innerQuotes(quote).length > 0);
    if (!outer) return;
    const body = outer.children.find((c): c is Element => c.type === 'tag' && c.name === 'blockquote')!;
    const pieces: Element[] = [];
    let run: ChildNode[] = [];
    const closeRun = (): void => {
      if (run.some((n) => n.type === 'tag' || (n.type === 'text' && n.data.trim() !== ''))) {
        pieces.push(
          withChildren(new Element('aside', { ...outer.attribs }), [withChildren(new Element('blockquote', {}), run)]),
        );
      }
      run = [];
    };
    for (const child of body.children) {
      if (isQuote(child)) {
        closeRun();
        pieces.push(child);
      } else {
        run.push(child);
      }
    }
    closeRun();
    for (const piece of pieces) prepend(outer, piece);
    removeElement(outer);
  }
}

function innerQuotes(quote: Element): Element[] {
  const body = quote.children.find((c): c is Element => c.type === 'tag' && c.name === 'blockquote');
  return body ? body.children.filter(isQuote) : [];
}

function isQuote(node: ChildNode): node is Element {
  return node.type === 'tag' && node.name === 'aside' && hasClass(node, 'quote');
}

function withChildren(parent: Element, children: ChildNode[]): Element {
  parent.children = children;
  children.forEach((child, i) => {
    child.parent = parent;
    child.prev = children[i - 1] ?? null;
    child.next = children[i + 1] ?? null;
  });
  return parent;
}

function imageLabel(wrapper: Element): Text {
  const img = findOne('img', wrapper);
  const link = findOne('a.lightbox', wrapper);
  const filename = findOne('.filename', wrapper);
  const name =
    (img && attr(img, 'alt')) || (link && attr(link, 'title')) || (filename && textContent(filename).trim()) || 'image';
  return new Text(`[image: ${name}]`);
}

interface Link {
  href: string | undefined;
  text: string;
}

function oneboxLink(preview: Element): Link {
  const heading = findOne('h3, h4', preview);
  const anchor = findOne('a[href]', heading ?? preview);
  const href = attr(preview, 'data-onebox-src') ?? (anchor ? attr(anchor, 'href') : undefined);
  return { href, text: collapse(heading ? textContent(heading) : '') };
}

function videoLink(video: Element): Link {
  const anchor = findOne('a[href]', video);
  const title = attr(video, 'data-video-title');
  return { href: anchor ? attr(anchor, 'href') : undefined, text: title ? `[video: ${collapse(title)}]` : '[video]' };
}

/** `<p><a href>text</a></p>`, which htmlToBlocks writes as "text (url)". */
function linkParagraph(link: Link): Element {
  const label: ChildNode[] = [new Text(link.text || link.href || '')];
  const content = link.href ? [new Element('a', { href: link.href }, label)] : label;
  return new Element('p', {}, content);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
