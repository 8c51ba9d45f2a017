// phpBB 3 topic pages (prosilver and its descendants), as saved by a browser or mirrored by HTTrack.
// A topic spans pages of 15-ish posts; each page is its own file. Posts are keyed by phpBB's post id
// and the thread by the topic id, so importing page 1 and page 2 fills one thread.
import { Element, Text } from 'domhandler';
import { appendChild, replaceElement } from 'domutils';
import type { ForumParser, SourceBlock, SourceEvent, SourcePost, SourceThread } from '../source-thread';
import {
  all,
  blocksOf,
  classesOf,
  detach,
  isElement,
  lineText,
  loadPage,
  one,
  type Page,
  readingDeepPages,
} from './page';
import { identityHost, pageUrl } from './page-url';
import { attributeTime, boardTime } from './page-time';
import { pageTitle, truncationWarning } from './page-meta';

const PHPBB_MARKS = [
  /<body[^>]+id="phpbb"/i,
  /<!--\s*phpBB style name/i,
  /class="postprofile"/,
  /Powered by <a[^>]*phpbb\.com/i,
];
const POST_ID = /^p(\d+)$/;

export const phpbbParser: ForumParser = {
  format: 'html',
  sniff(_file, head) {
    return PHPBB_MARKS.some((mark) => mark.test(head)) && /<div[^>]+class="post\b/.test(head);
  },
  async *parse(input) {
    const page = loadPage(await input.text());
    yield* readingDeepPages(() => topicEvents(page));
  },
};

function topicEvents(page: Page): SourceEvent[] {
  const postElements = all('div.post', page.doc).filter((el) => POST_ID.test(el.attribs.id ?? ''));
  if (postElements.length === 0) throw new Error('not a phpBB topic page: no posts (div.post with id pNNN) found');

  const url = pageUrl(page);
  const board = url ? new URL('./', url) : null;
  const events: SourceEvent[] = [];
  const topicId = topicIdOf(page, url);
  if (!topicId) {
    events.push({
      kind: 'warning',
      message:
        'the page does not name its topic id; the thread is identified by its first post, so other pages of it will import as separate threads',
    });
  }
  if (!url)
    events.push({ kind: 'warning', message: 'the page does not say which board it came from: posts have no links' });
  const title = topicTitle(page);
  const thread: SourceThread = {
    identity: `html:${identityHost(url)}:${topicId ? `t${topicId}` : `p${POST_ID.exec(postElements[0]!.attribs.id!)![1]}`}`,
    title,
    url: board && topicId ? `${board.href}viewtopic.php?t=${topicId}` : null,
    format: 'html',
  };
  events.push({ kind: 'thread', thread });
  const pagination = paginationWarning(page);
  if (pagination) events.push({ kind: 'warning', message: pagination });
  const truncated = truncationWarning(page);
  if (truncated) events.push({ kind: 'warning', message: truncated });
  for (const el of postElements) events.push({ kind: 'post', post: readPost(el, title, board) });
  return events;
}

function topicIdOf(page: Page, url: URL | null): string | null {
  const fromUrl = url?.searchParams.get('t');
  if (fromUrl && /^\d+$/.test(fromUrl)) return fromUrl;
  // Mirrors rename every link (viewtopic908b.html?f=3&t=8820) but keep its query.
  const links = [
    one('link[rel~=canonical]', page.doc),
    one('h2.topic-title a, h2 a[href*="t="]', page.doc),
    ...all('a[href*="mode=reply"]', page.doc),
  ];
  for (const link of links) {
    const t = /[?&]t=(\d+)/.exec(link?.attribs.href ?? '')?.[1];
    if (t) return t;
  }
  return null;
}

function topicTitle(page: Page): string {
  const heading = one('h2.topic-title', page.doc) ?? one('h2 a[href*="t="]', page.doc);
  const text = heading ? lineText(heading) : '';
  return text || pageTitle(page) || 'Untitled topic';
}

function readPost(el: Element, topic: string, board: URL | null): SourcePost {
  const id = POST_ID.exec(el.attribs.id!)![1]!;
  const byline = one('p.author', el);
  const subject = lineText(one('.postbody h3', el) ?? []);
  const content = one('div.content', el);
  const post: SourcePost = {
    key: id,
    parentKey: null,
    author: authorOf(el, byline),
    postedAt: byline ? (attributeTime(one('time', byline)?.attribs.datetime) ?? boardTime(lineText(byline))) : null,
    permalink: board ? `${board.href}viewtopic.php?p=${id}#p${id}` : null,
    blocks: content ? bodyBlocks(content) : [],
  };
  // phpBB cuts replies' default subject ("Re: " + the topic's title) to 60 characters.
  if (subject && !topic.startsWith(subject.replace(/^Re:\s*/i, ''))) post.title = subject;
  return post;
}

function authorOf(el: Element, byline: Element | null): string | null {
  const named =
    (byline && one('.username, .username-coloured', byline)) ??
    one('dl.postprofile .username, dl.postprofile .username-coloured', el);
  if (named) return lineText(named) || null;
  // Guests' names are plain text: "by Someone » 05 Sep 2018 10:44".
  const guest = byline ? /\bby\s+(.+?)\s*»/.exec(lineText(byline))?.[1] : undefined;
  return guest?.trim() || null;
}

function bodyBlocks(content: Element): SourceBlock[] {
  // "Code: Select all" is the code box's button row, not the author's words.
  detach(all('div.codebox > p', content));
  for (const smiley of all('img.smilies', content)) {
    replaceElement(smiley, new Text(smiley.attribs.alt ?? ''));
  }
  for (const quote of all('blockquote', content)) attributeQuote(quote);
  return blocksOf(content.children);
}

/**
 * Rewrites a phpBB quotation into the attributed form the HTML reader understands. phpBB 3.2 cites
 * carry the quoted post's id and date ("<a>Name</a> wrote: <a data-post-id=57953>↑</a><div>date</div>"),
 * and users who type the quote by hand write "On 11 Dec 2011 Name wrote:".
 */
function attributeQuote(quote: Element): void {
  const cite = ownCite(quote);
  if (!cite) return;
  const postKey = one('[data-post-id]', cite)?.attribs['data-post-id'];
  detach(all('[data-post-id], div, .responsive-hide', cite));
  const author = lineText(cite)
    .replace(/\s*(wrote|said|escribió|a écrit|schrieb)\s*:?\s*$/i, '')
    .replace(/^On\s+.*?\d{4},?\s+(?:\d{1,2}:\d{2}(?:\s*[ap]m)?,?\s+)?/i, '')
    .trim();
  detach([cite]);
  const aside = new Element('aside', { class: 'quote' });
  if (author) aside.attribs['data-username'] = author;
  if (postKey && /^\d+$/.test(postKey)) aside.attribs['data-post'] = postKey;
  replaceElement(quote, aside);
  appendChild(aside, quote);
}

/** The quotation's own `<cite>`: first in it, before any quotation nested inside. */
function ownCite(quote: Element): Element | null {
  let level: Element[] = [quote];
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    const children = level.flatMap((e) => e.children.filter(isElement));
    const cite = children.find((c) => c.name === 'cite');
    if (cite) return cite;
    level = children.filter((c) => c.name !== 'blockquote' && !classesOf(c).includes('codebox'));
  }
  return null;
}

function paginationWarning(page: Page): string | null {
  const pagination = one('.pagination', page.doc);
  if (!pagination) return null;
  const numbers = all('li', pagination)
    .map((li) => Number(lineText(li)))
    .filter((n) => Number.isInteger(n) && n > 0);
  const current = Number(lineText(one('li.active', pagination) ?? []));
  const printed = /Page (\d+) of (\d+)/i.exec(lineText(pagination));
  const pageNumber = printed ? Number(printed[1]) : current;
  const pages = printed ? Number(printed[2]) : Math.max(0, ...numbers);
  if (!pageNumber || pages <= 1) return null;
  return `this file is page ${pageNumber} of ${pages} of the topic: import the other pages to complete the thread`;
}
