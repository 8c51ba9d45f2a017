// A Discourse RSS feed: a topic's (`/t/<slug>/<id>.rss`, its latest posts, newest first) or the site's
// (`/posts.rss`, many topics). Each item is a post whose HTML sits in <description>; the post number
// is only in its link (`/t/<slug>/<id>/<n>`) or guid (`<host>-post-<topic>-<n>`). Feeds say nothing
// of who answers whom.
import type { Element } from 'domhandler';
import { textContent } from 'domutils';
import { decodeHTML } from 'entities';
import { parseDocument } from 'htmlparser2';
import type { SourceEvent, SourcePost } from '../source-thread';
import { parseTopicUrl, postPermalink, titleFromSlug, topicIdentity, topicUrl, type TopicAddress } from './address';
import { cookedToBlocks, isWithdrawnText } from './cooked';
import { findAll, findOne } from './dom';
import { isoTime } from './time';

interface FeedTopic {
  address: TopicAddress;
  title: string | undefined;
  posts: Map<number, SourcePost>;
}

export function* rssEvents(xml: string, hostHint: string | null): Generator<SourceEvent> {
  const doc = parseDocument(xml, { xmlMode: true });
  const channel = findOne('channel', doc.children);
  if (!channel) throw new Error('not a Discourse feed: no RSS <channel>');
  const topics = new Map<number, FeedTopic>();
  const items = findAll('item', channel);
  if (items.length === 0) throw new Error('not a Discourse topic feed: the feed has no items');
  let skipped = 0;
  for (const item of items) {
    const read = readItem(item, hostHint);
    if (!read) {
      skipped++;
      continue;
    }
    let topic = topics.get(read.address.topicId);
    if (!topic) {
      topic = { address: read.address, title: read.title, posts: new Map() };
      topics.set(read.address.topicId, topic);
    }
    topic.address.slug ??= read.address.slug;
    topic.title ??= read.title;
    // Items come newest first, and a feed never repeats a post: the first copy is the only one.
    if (!topic.posts.has(read.number)) topic.posts.set(read.number, read.post);
  }
  if (topics.size === 0) {
    throw new Error('not a Discourse feed: no item links to a post (/t/<slug>/<topic>/<post number>)');
  }
  for (const topic of topics.values()) {
    yield {
      kind: 'thread',
      thread: {
        identity: topicIdentity(topic.address),
        title: topic.title ?? titleFromSlug(topic.address.slug, topic.address.topicId),
        provisionalTitle: topic.title === undefined,
        url: topicUrl(topic.address),
        format: 'discourse',
      },
    };
    yield {
      kind: 'warning',
      message: 'an RSS feed does not say which post each post replies to: posts are not linked as replies',
    };
    for (const [, post] of [...topic.posts].sort(([a], [b]) => a - b)) yield { kind: 'post', post };
  }
  if (skipped > 0) yield { kind: 'warning', message: `${skipped} feed item(s) without a post number were skipped` };
}

interface FeedItem {
  address: TopicAddress;
  number: number;
  title: string | undefined;
  post: SourcePost;
}

function readItem(item: Element, hostHint: string | null): FeedItem | undefined {
  const link = childText(item, 'link') ?? '';
  const parsed = parseTopicUrl(link);
  const guid = /-post-(\d+)-(\d+)$/.exec(childText(item, 'guid') ?? '');
  const topicId = parsed?.topicId ?? (guid ? Number(guid[1]) : undefined);
  const number = parsed?.postNumber ?? (guid ? Number(guid[2]) : undefined);
  if (topicId === undefined || number === undefined || number === null) return undefined;
  const address: TopicAddress = { host: parsed?.host ?? hostHint, topicId, slug: parsed?.slug ?? null };
  const html = withoutReadMore(childText(item, 'description') ?? '', link);
  const deleted = isWithdrawnText(html);
  const post: SourcePost = {
    key: String(number),
    parentKey: null,
    author: childText(item, 'dc:creator') ?? childText(item, 'author') ?? null,
    postedAt: isoTime(childText(item, 'pubDate')),
    permalink: postPermalink(address, number),
    blocks: deleted ? [] : cookedToBlocks(html, topicId),
  };
  if (deleted) post.deleted = true;
  const title = childText(item, 'title');
  return { address, number, title: title === undefined ? undefined : decodeHTML(title), post };
}

/** The feed ends every post with a link to itself ("Read full topic", in the site's language). */
function withoutReadMore(html: string, link: string): string {
  const tail = /<p>\s*<a href="([^"]*)"[^>]*>[^<]*<\/a>\s*<\/p>\s*$/.exec(html);
  return tail && decodeHTML(tail[1]!) === link ? html.slice(0, tail.index) : html;
}

/** A direct child's text; XML names keep their case (`pubDate`, `dc:creator`), which CSS selectors fold. */
function childText(item: Element, name: string): string | undefined {
  for (const child of item.children) {
    if (child.type === 'tag' && child.name === name) {
      const value = textContent(child).trim();
      if (value !== '') return value;
    }
  }
  return undefined;
}
