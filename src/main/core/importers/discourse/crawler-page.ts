// A saved Discourse topic page. The posts a reader saw were drawn by JavaScript; what the file keeps
// is the crawler view inside <noscript>: div.crawler-post with schema.org microdata. The page also
// embeds the topic's JSON (data-preloaded), but saved copies are often corrupted there, so it is not read.
import type { ChildNode, Element } from 'domhandler';
import { getOuterHTML, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { attr } from '../html-text';
import type { SourceEvent, SourcePost } from '../source-thread';
import { parseTopicUrl, postPermalink, topicIdentity, topicUrl, type TopicAddress } from './address';
import { cookedToBlocks } from './cooked';
import { findAll, findOne } from './dom';
import { isoTime } from './time';

const POST_BODY = '[itemprop=articleBody], [itemprop=text], div.post';

export function* crawlerPageEvents(html: string, hostHint: string | null): Generator<SourceEvent> {
  const doc = parseDocument(html, { decodeEntities: true });
  const postElements = findAll('.crawler-post', doc.children).filter((el) => findOne(POST_BODY, el) !== null);
  if (postElements.length === 0) {
    throw new Error('not a Discourse topic page: it has no posts in its crawler view (div.crawler-post)');
  }
  const address = pageAddress(doc.children, hostHint);
  yield {
    kind: 'thread',
    thread: {
      identity: topicIdentity(address),
      title: pageTitle(doc.children),
      url: topicUrl(address),
      format: 'discourse',
    },
  };
  if (findOne('a[rel=next], a[rel=prev], link[rel=next], link[rel=prev]', doc.children)) {
    yield {
      kind: 'warning',
      message: 'this page shows part of the topic: its other posts are on the next or previous page',
    };
  }
  const seen = new Set<number>();
  let unnumbered = 0;
  for (const element of postElements) {
    const number = postNumber(element);
    if (number === undefined || seen.has(number)) {
      unnumbered += number === undefined ? 1 : 0;
      continue;
    }
    seen.add(number);
    yield { kind: 'post', post: crawlerPost(element, number, address) };
  }
  if (unnumbered > 0) yield { kind: 'warning', message: `${unnumbered} post(s) without a post number were skipped` };
}

function crawlerPost(element: Element, number: number, address: TopicAddress): SourcePost {
  const author = findOne('[itemprop=author] [itemprop=name]', element) ?? findOne('[itemprop=author]', element);
  const published = findOne('[itemprop=datePublished]', element) ?? findOne('time[datetime]', element);
  const body = findOne(POST_BODY, element)!;
  return {
    key: String(number),
    // The crawler view lists posts flat: what each one answers is only in the JavaScript app's data.
    parentKey: null,
    author: author ? textContent(author).trim() || null : null,
    postedAt: published ? isoTime(attr(published, 'content') ?? attr(published, 'datetime')) : null,
    permalink: postPermalink(address, number),
    blocks: cookedToBlocks(getOuterHTML(body.children, { encodeEntities: 'utf8' }), address.topicId),
  };
}

/** `<span itemprop=position>#2</span>` (Discourse 2) or `2` with `id="post_2"` (Discourse 3). */
function postNumber(element: Element): number | undefined {
  const fromId = /^post_(\d+)$/.exec(attr(element, 'id') ?? '');
  if (fromId) return Number(fromId[1]);
  const position = findOne('[itemprop=position]', element);
  const digits = position ? /\d+/.exec(textContent(position)) : null;
  return digits ? Number(digits[0]) : undefined;
}

function pageAddress(nodes: ChildNode[], hostHint: string | null): TopicAddress {
  const canonical = findOne('link[rel=canonical]', nodes);
  const ogUrl = findOne('meta[property="og:url"]', nodes);
  const setup = findOne('#data-discourse-setup', nodes);
  const noscript = findOne('noscript[data-path]', nodes);
  const candidates = [
    canonical ? attr(canonical, 'href') : undefined,
    ogUrl ? attr(ogUrl, 'content') : undefined,
    setup && noscript ? `${attr(setup, 'data-base-url') ?? ''}${attr(noscript, 'data-path') ?? ''}` : undefined,
  ];
  for (const candidate of candidates) {
    const link = candidate ? parseTopicUrl(candidate) : null;
    if (link) return { host: link.host ?? hostHint, topicId: link.topicId, slug: link.slug };
  }
  throw new Error('not a Discourse topic page: it names no topic address (no canonical /t/<slug>/<id> link)');
}

function pageTitle(nodes: ChildNode[]): string {
  const heading = findOne('.crawler-topic-title', nodes);
  const og = findOne('meta[property="og:title"]', nodes);
  const headline = findOne('[itemprop=headline]', nodes);
  const title = findOne('title', nodes);
  const found =
    (heading && textContent(heading).trim()) ||
    (og && attr(og, 'content')?.trim()) ||
    (headline && (attr(headline, 'content') ?? textContent(headline)).trim()) ||
    (title && textContent(title).trim());
  return found || 'Discourse topic';
}
