// The JSON Discourse serves: a topic (`/t/<slug>/<id>.json`), a page of its posts
// (`/t/<id>/posts.json`, possibly newest first), one post (`/posts/<id>.json`) and the site's latest
// posts (`/posts.json`, many topics interleaved, newest first).
import { decodeHTML } from 'entities';
import type { SourceEvent, SourcePost } from '../source-thread';
import {
  hostFromAvatarTemplate,
  postPermalink,
  titleFromSlug,
  topicIdentity,
  topicUrl,
  type TopicAddress,
} from './address';
import { cookedToBlocks, isWithdrawnText } from './cooked';
import { rawToBlocks } from './raw';
import { isoTime } from './time';

type JsonObject = Record<string, unknown>;

/** post_type 2 (moderator action) and 3 (small action) are notices like "This topic is now pinned." */
const NOTICE_POST_TYPES = new Set([2, 3]);

interface Topic {
  address: TopicAddress;
  title: string;
  provisionalTitle?: boolean;
  warnings: string[];
  posts: JsonObject[];
}

/** Events for a parsed Discourse JSON document; `hostHint` names the site when the file does not. */
export function* jsonEvents(json: unknown, hostHint: string | null): Generator<SourceEvent> {
  if (!isObject(json)) throw new Error('not a Discourse topic: the JSON holds no post_stream or latest_posts object');
  for (const topic of topicsOf(json, hostHint)) {
    yield {
      kind: 'thread',
      thread: {
        identity: topicIdentity(topic.address),
        title: topic.title,
        provisionalTitle: topic.provisionalTitle ?? false,
        url: topicUrl(topic.address),
        format: 'discourse',
      },
    };
    for (const message of topic.warnings) yield { kind: 'warning', message };
    for (const post of sourcePosts(topic)) yield { kind: 'post', post };
  }
}

function topicsOf(json: JsonObject, hostHint: string | null): Topic[] {
  if (Array.isArray(json.latest_posts)) return latestPostsTopics(json.latest_posts.filter(isObject), hostHint);
  const stream = json.post_stream;
  if (isObject(stream) && Array.isArray(stream.posts)) return [streamTopic(json, stream, hostHint)];
  if (typeof json.post_number === 'number' && (typeof json.cooked === 'string' || typeof json.raw === 'string')) {
    return [streamTopic({}, { posts: [json] }, hostHint)];
  }
  throw new Error('not a Discourse topic: no post_stream.posts or latest_posts in this JSON');
}

/** A topic, or one page of its posts: the page has no title and may list its posts newest first. */
function streamTopic(root: JsonObject, stream: JsonObject, hostHint: string | null): Topic {
  const posts = (stream.posts as unknown[]).filter(isObject);
  const first = posts[0];
  const topicId = integer(root.id) ?? (first ? integer(first.topic_id) : undefined);
  if (topicId === undefined) throw new Error('not a Discourse topic: it names no topic id');
  const slug = text(root.slug) ?? (first ? text(first.topic_slug) : undefined) ?? null;
  const address = { host: hostOf([root, ...posts]) ?? hostHint, topicId, slug };
  const warnings: string[] = [];
  const known = text(root.title) ?? decoded(root.fancy_title) ?? (first ? postTopicTitle(first) : undefined);
  let title = known;
  if (title === undefined) {
    title = titleFromSlug(slug, topicId);
    warnings.push(
      `this file does not give the topic's title (a posts.json page): using "${title}", made from its address`,
    );
  }
  const total = Math.max(
    Array.isArray(stream.stream) ? stream.stream.length : 0,
    integer(root.posts_count) ?? 0,
    first ? (integer(first.posts_count) ?? 0) : 0,
  );
  if (posts.length < total) warnings.push(partialNote(posts, total));
  return { address, title, provisionalTitle: known === undefined, warnings, posts };
}

function partialNote(posts: JsonObject[], total: number): string {
  const numbers = posts.map((p) => integer(p.post_number)).filter((n): n is number => n !== undefined);
  const range = numbers.length > 0 ? ` (#${Math.min(...numbers)}–#${Math.max(...numbers)})` : '';
  return `this file holds ${posts.length} of the topic's ${total} posts${range}; import its other pages to complete it`;
}

/** `/posts.json`: one topic per topic_id, in the order the file first mentions them. */
function latestPostsTopics(posts: JsonObject[], hostHint: string | null): Topic[] {
  const host = hostOf(posts) ?? hostHint;
  const topics = new Map<number, Topic>();
  for (const post of posts) {
    const topicId = integer(post.topic_id);
    if (topicId === undefined) continue;
    let topic = topics.get(topicId);
    if (!topic) {
      const slug = text(post.topic_slug) ?? null;
      const known = postTopicTitle(post);
      const title = known ?? titleFromSlug(slug, topicId);
      topic = {
        address: { host, topicId, slug },
        title,
        provisionalTitle: known === undefined,
        warnings: [],
        posts: [],
      };
      topics.set(topicId, topic);
    }
    topic.posts.push(post);
  }
  if (topics.size === 0) throw new Error('not a Discourse topic: latest_posts holds no post with a topic_id');
  return [...topics.values()];
}

function postTopicTitle(post: JsonObject): string | undefined {
  return text(post.topic_title) ?? decoded(post.topic_html_title);
}

function sourcePosts(topic: Topic): SourcePost[] {
  const byNumber = new Map<number, JsonObject>();
  for (const post of topic.posts) {
    const number = integer(post.post_number);
    // The same post twice (overlapping pages): the later edit wins.
    const seen = number === undefined ? undefined : byNumber.get(number);
    if (number !== undefined && (!seen || String(post.updated_at ?? '') >= String(seen.updated_at ?? ''))) {
      byNumber.set(number, post);
    }
  }
  const repliesInFile = new Map<number, number>();
  for (const post of byNumber.values()) {
    const parent = integer(post.reply_to_post_number);
    if (parent !== undefined) repliesInFile.set(parent, (repliesInFile.get(parent) ?? 0) + 1);
  }
  return [...byNumber.entries()]
    .sort(([a], [b]) => a - b)
    .filter(([, post]) => !isNotice(post))
    .map(([number, post]) => sourcePost(number, post, topic.address, repliesInFile.get(number) ?? 0));
}

function isNotice(post: JsonObject): boolean {
  return NOTICE_POST_TYPES.has(integer(post.post_type) ?? 1) || text(post.action_code) !== undefined;
}

function sourcePost(number: number, post: JsonObject, address: TopicAddress, repliesInFile: number): SourcePost {
  const parent = integer(post.reply_to_post_number);
  const cooked = typeof post.cooked === 'string' ? post.cooked : undefined;
  const deleted =
    (post.deleted_at !== null && post.deleted_at !== undefined) ||
    post.user_deleted === true ||
    (cooked !== undefined && isWithdrawnText(cooked));
  const result: SourcePost = {
    key: String(number),
    parentKey: parent !== undefined && parent !== number ? String(parent) : null,
    author: text(post.username) ?? text(post.name) ?? null,
    postedAt: isoTime(post.created_at),
    permalink: postPermalink(address, number),
    blocks: deleted ? [] : bodyBlocks(post, cooked, address.topicId),
  };
  if (deleted) result.deleted = true;
  // Replies to the first post mostly carry no reply_to_post_number, yet count in its reply_count.
  const missing = (integer(post.reply_count) ?? 0) - repliesInFile;
  if (number !== 1 && missing > 0) result.missingReplies = missing;
  return result;
}

function bodyBlocks(post: JsonObject, cooked: string | undefined, topicId: number) {
  // Cooked is what readers saw, with quotes already resolved to their posts; raw is the fallback.
  if (cooked !== undefined && cooked.trim() !== '') return cookedToBlocks(cooked, topicId);
  const raw = text(post.raw);
  return raw ? rawToBlocks(raw, topicId) : [];
}

function hostOf(objects: JsonObject[]): string | null {
  for (const object of objects) {
    const found =
      hostFromAvatarTemplate(object.avatar_template) ??
      (isObject(object.reply_to_user) ? hostFromAvatarTemplate(object.reply_to_user.avatar_template) : null) ??
      (isObject(object.details) ? hostOfDetails(object.details) : null);
    if (found) return found;
  }
  return null;
}

function hostOfDetails(details: JsonObject): string | null {
  const people = [
    details.created_by,
    details.last_poster,
    ...(Array.isArray(details.participants) ? details.participants : []),
  ];
  for (const person of people) {
    const found = isObject(person) ? hostFromAvatarTemplate(person.avatar_template) : null;
    if (found) return found;
  }
  return null;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function integer(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function decoded(value: unknown): string | undefined {
  const html = text(value);
  return html === undefined ? undefined : decodeHTML(html);
}
