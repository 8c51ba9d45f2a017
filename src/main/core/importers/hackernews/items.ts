// Hacker News items as posts, in the three shapes HN data comes in: the HNPWA API (`user`,
// `content`, `comments[]` nested with `level`), Algolia's items API (`author`, `text`,
// `created_at_i`, `children[]`, `story_id`) and the official Firebase API (`by`, `text`, `kids`
// as ids only). One reader takes whichever names the item uses.
import {
  arrayField,
  idField,
  isoFromUnixSeconds,
  numberField,
  stringField,
  type JsonObject,
} from '../json-stream/json-fields';
import type { SourceBlock, SourcePost, SourceThread } from '../source-thread';
import { hnTextToBlocks } from './hn-text';

export const HN_ORIGIN = 'https://news.ycombinator.com';

const STORY_TYPES = new Set(['story', 'link', 'ask', 'show', 'job', 'poll']);

/** Fields only Hacker News items have: other JSON with an `id` (a Discourse topic) is not one. */
export function looksLikeItem(value: JsonObject): boolean {
  if (idField(value, 'id') === undefined) return false;
  return (
    numberField(value, 'time') !== undefined ||
    numberField(value, 'created_at_i') !== undefined ||
    'story_id' in value ||
    'time_ago' in value
  );
}

export function itemPermalink(id: string): string {
  return `${HN_ORIGIN}/item?id=${id}`;
}

export function isStory(item: JsonObject): boolean {
  const type = stringField(item, 'type');
  return type ? STORY_TYPES.has(type) : stringField(item, 'title') !== undefined;
}

/**
 * The thread an item opens. A story opens its own; a comment (Algolia's items API serves any item
 * as a root) belongs to its story's thread, whose title is then not in the file.
 */
export function threadOf(item: JsonObject): SourceThread | undefined {
  const id = idField(item, 'id');
  if (!id) return undefined;
  const storyId = isStory(item) ? id : (idField(item, 'story_id') ?? id);
  const title = isStory(item) ? stringField(item, 'title')?.trim() : undefined;
  return {
    identity: `hn:${storyId}`,
    title: title || untitled(storyId),
    provisionalTitle: !title,
    url: itemPermalink(storyId),
    format: 'hackernews',
  };
}

export function untitled(storyId: string): string {
  return `Hacker News thread ${storyId}`;
}

export function itemPost(item: JsonObject): SourcePost | undefined {
  const id = idField(item, 'id');
  if (!id) return undefined;
  const author = stringField(item, 'user') ?? stringField(item, 'by') ?? stringField(item, 'author') ?? null;
  const text = stringField(item, 'content') ?? stringField(item, 'text');
  const story = isStory(item);
  // Dead (flagged) items keep their text: HN still shows it to readers with showdead on, and
  // replies written before the flag quote it.
  const deleted =
    item.deleted === true || (author === null && (text === undefined || text.trim() === '[deleted]') && !story);
  const post: SourcePost = {
    key: id,
    parentKey: idField(item, 'parent_id') ?? idField(item, 'parent') ?? null,
    author,
    postedAt: postedAt(item),
    permalink: itemPermalink(id),
    blocks: deleted ? [] : story ? storyBlocks(item, text) : hnTextToBlocks(text ?? ''),
  };
  if (story) post.title = stringField(item, 'title') ?? null;
  if (deleted) post.deleted = true;
  // The Firebase API lists replies by id only: those this file does not hold are missing.
  const kids = arrayField(item, 'kids')?.length ?? 0;
  if (kids > 0) post.missingReplies = kids;
  return post;
}

/** A link without text is still what the comments answer: its title and address stand for it. */
function storyBlocks(item: JsonObject, text: string | undefined): SourceBlock[] {
  const blocks = text ? hnTextToBlocks(text) : [];
  if (blocks.length > 0) return blocks;
  const title = stringField(item, 'title')?.trim() ?? '';
  const url = storyUrl(item);
  const line = url ? (title ? `${title} (${url})` : url) : title;
  return line ? [{ kind: 'paragraph', text: line }] : [];
}

function storyUrl(item: JsonObject): string | undefined {
  const url = stringField(item, 'url');
  if (!url) return undefined;
  try {
    // HNPWA gives an Ask HN post's own page as a relative "item?id=…".
    return new URL(url, `${HN_ORIGIN}/`).href;
  } catch {
    return undefined;
  }
}

function postedAt(item: JsonObject): string | null {
  const seconds = numberField(item, 'time') ?? numberField(item, 'created_at_i');
  if (seconds !== undefined) return isoFromUnixSeconds(seconds);
  const iso = stringField(item, 'created_at');
  const date = iso ? new Date(iso) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}
