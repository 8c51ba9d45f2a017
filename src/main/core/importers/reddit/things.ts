// Reddit's "things" as posts: the t3 submission opens the thread, t1 comments answer it, and
// `more` stubs stand for replies the file left out.
import { decodeHTML } from 'entities';
import type { SourceBlock, SourcePost, SourceThread } from '../source-thread';
import { isObject, isoFromUnixSeconds, numberField, stringField, type JsonObject } from '../json-stream/json-fields';
import { redditMarkdownToBlocks } from './markdown-body';

export const REDDIT_ORIGIN = 'https://www.reddit.com';

/**
 * Every field of a thing (or of its `data`) this importer reads that holds a string, number or
 * boolean. Objects and arrays are read anyway; in a comment read whole, other fields are left out
 * (see parseSparse), so a field read here but missing from this list reads as absent.
 */
export const READ_FIELDS: ReadonlySet<string> = new Set([
  'kind',
  'id',
  'name',
  'title',
  'permalink',
  'subreddit',
  'selftext',
  'url',
  'is_self',
  'created_utc',
  'author',
  'body',
  'parent_id',
  'link_id',
  'count',
]);

export type ThingKind = 't1' | 't3' | 'more';

export interface Thing {
  kind: ThingKind;
  data: JsonObject;
}

export function asThing(value: JsonObject): Thing | undefined {
  const kind = value.kind;
  if ((kind === 't1' || kind === 't3' || kind === 'more') && isObject(value.data)) return { kind, data: value.data };
  return undefined;
}

/** A body Reddit blanked: the author deleted it, or a moderator removed it. */
const BLANKED = new Set(['[deleted]', '[removed]']);

/** The submission's id without its `t3_` prefix, the thread's identity at Reddit, from the t3 itself. */
function submissionId(data: JsonObject): string | undefined {
  return stringField(data, 'id') || stringField(data, 'name')?.replace(/^t3_/, '') || undefined;
}

/** The same id, from one of the thread's comments or `more` stubs. */
export function linkId(data: JsonObject): string | undefined {
  return stringField(data, 'link_id')?.replace(/^t3_/, '') || undefined;
}

export function submissionThread(data: JsonObject): SourceThread | undefined {
  const id = submissionId(data);
  if (!id) return undefined;
  const title = decodeHTML(stringField(data, 'title') ?? '').trim();
  return {
    identity: `reddit:${id}`,
    title: title || untitled(id),
    provisionalTitle: !title,
    url: absolute(stringField(data, 'permalink')) ?? commentsUrl(data, id),
    format: 'reddit',
  };
}

/** A thread known only from its comments (a /api/morechildren response): its title is elsewhere. */
export function threadOfComment(data: JsonObject): SourceThread | undefined {
  const id = linkId(data);
  if (!id) return undefined;
  return {
    identity: `reddit:${id}`,
    title: untitled(id),
    provisionalTitle: true,
    url: commentsUrl(data, id),
    format: 'reddit',
  };
}

export function untitled(id: string): string {
  return `Reddit thread ${id}`;
}

export function submissionPost(data: JsonObject, thread: SourceThread): SourcePost {
  const selftext = stringField(data, 'selftext') ?? '';
  const deleted = BLANKED.has(selftext.trim());
  const url = decodeHTML(stringField(data, 'url') ?? '');
  const post: SourcePost = {
    key: stringField(data, 'name') ?? `t3_${submissionId(data)}`,
    parentKey: null,
    author: author(data),
    postedAt: isoFromUnixSeconds(numberField(data, 'created_utc')),
    permalink: thread.url,
    title: thread.title,
    blocks: deleted ? [] : submissionBlocks(selftext, thread.title, url, data.is_self === true),
  };
  if (deleted) post.deleted = true;
  return post;
}

/** A link post, or a question asked in its title alone, is still a passage others answer. */
function submissionBlocks(selftext: string, title: string, url: string, isSelf: boolean): SourceBlock[] {
  const blocks = redditMarkdownToBlocks(selftext);
  if (blocks.length > 0) return blocks;
  const link = !isSelf && /^https?:/i.test(url) ? ` (${url})` : '';
  return [{ kind: 'paragraph', text: `${title}${link}` }];
}

/**
 * A t1 comment. `threadUrl` is the submission's page, to build permalinks for comments whose
 * listing predates Reddit's `permalink` field; null when the file does not hold the submission.
 */
export function commentPost(data: JsonObject, threadUrl: string | null): SourcePost | undefined {
  const id = stringField(data, 'id');
  const key = stringField(data, 'name') ?? (id ? `t1_${id}` : undefined);
  if (!key) return undefined;
  const body = stringField(data, 'body') ?? '';
  const deleted = BLANKED.has(body.trim());
  const post: SourcePost = {
    key,
    parentKey: stringField(data, 'parent_id') ?? null,
    author: author(data),
    postedAt: isoFromUnixSeconds(numberField(data, 'created_utc')),
    permalink: absolute(stringField(data, 'permalink')) ?? commentPermalink(data, key, threadUrl),
    blocks: deleted ? [] : redditMarkdownToBlocks(body),
  };
  if (deleted) post.deleted = true;
  return post;
}

/**
 * How many replies a `more` stub stands for. A "continue this thread" stub (id `_`) counts none,
 * yet Reddit shows it only where at least one deeper reply exists.
 */
export function hiddenReplies(data: JsonObject): number {
  const count = numberField(data, 'count') ?? 0;
  const children = Array.isArray(data.children) ? data.children.length : 0;
  return Math.max(count, children, 1);
}

function author(data: JsonObject): string | null {
  const name = stringField(data, 'author');
  return name && name !== '[deleted]' ? name : null;
}

function absolute(permalink: string | undefined): string | null {
  if (!permalink) return null;
  if (/^https?:\/\//i.test(permalink)) return permalink;
  return permalink.startsWith('/') ? `${REDDIT_ORIGIN}${permalink}` : null;
}

function commentsUrl(data: JsonObject, id: string): string {
  const subreddit = stringField(data, 'subreddit');
  return subreddit ? `${REDDIT_ORIGIN}/r/${subreddit}/comments/${id}/` : `${REDDIT_ORIGIN}/comments/${id}/`;
}

function commentPermalink(data: JsonObject, key: string, threadUrl: string | null): string | null {
  const link = linkId(data);
  const base = threadUrl ?? (link ? `${commentsUrl(data, link)}_/` : null);
  if (!base) return null;
  return `${base.endsWith('/') ? base : `${base}/`}${key.replace(/^t1_/, '')}/`;
}
