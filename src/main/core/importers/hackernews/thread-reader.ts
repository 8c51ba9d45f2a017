// Hacker News JSON as events: a root item whose replies nest inside it (HNPWA `comments[]`,
// Algolia `children[]`), a single Firebase item, or an array of Firebase items.
import { AmendableWindow } from '../json-stream/amendable-window';
import { idField, isObject, numberField, type JsonObject } from '../json-stream/json-fields';
import type { JsonPath } from '../json-stream/json-stream';
import { SubtreeOrder } from '../json-stream/subtree-order';
import type { SourceEvent, SourcePost, SourceThread } from '../source-thread';
import { isStory, itemPost, looksLikeItem, threadOf } from './items';

/** Posts held back for late facts: in an item array, which of a post's replies the file holds. */
const AMENDABLE_POSTS = 1000;
const REPLY_LISTS = new Set<string | number>(['comments', 'children']);

/** The root item, a reply nested in an item, or an element of an array of items. */
export function isThreadItem(value: JsonObject, path: JsonPath): boolean {
  if (!looksLikeItem(value)) return false;
  return path.length === 0 || isItemPlace(path);
}

/** Where an item is a reply with its subtree, or one item of an array: small enough to read whole. */
export function isItemPlace(path: JsonPath): boolean {
  if (typeof path[path.length - 1] !== 'number') return false;
  return path.length === 1 || REPLY_LISTS.has(path[path.length - 2]!);
}

export class HackerNewsThreadReader {
  private thread: SourceThread | undefined;
  private storyKey: string | undefined;
  /** Made for the file's first item: only an array of items has late facts to wait for. */
  private window: AmendableWindow | undefined;
  private readonly order = new SubtreeOrder();
  /** Replies finished before their root's own fields were read (Algolia's alphabetical key order). */
  private early: SourcePost[] = [];
  private replies = 0;
  private out: SourceEvent[] = [];

  accept(item: JsonObject, path: JsonPath, root: unknown): SourceEvent[] {
    // Nested replies (HNPWA, Algolia) are complete when read: held back, a thousand posts at a time
    // outlived the parsing thread's young generation, and copying them doubled its collections' cost.
    this.window ??= new AmendableWindow(path.length === 1 ? AMENDABLE_POSTS : 0);
    if (path.length === 0) this.rootItem(item);
    else if (path.length === 1) this.listedItem(item);
    else this.nestedItem(item, path.filter((key) => REPLY_LISTS.has(key)).length - 1, root);
    return this.take();
  }

  finish(): SourceEvent[] {
    if (!this.thread) throw new Error('not a Hacker News thread: no story or comment item found');
    if (this.window) this.out.push(...this.window.drain());
    return this.take();
  }

  /**
   * A reply and its subtree are complete. Its root is still being read: when its fields came
   * before its replies (HNPWA, Algolia's older order) the thread starts now and replies stream;
   * otherwise they wait for the root.
   */
  private nestedItem(item: JsonObject, depth: number, root: unknown): void {
    this.replies++;
    const post = itemPost(item);
    if (!post) return;
    const subtree = this.order.complete(depth, post);
    if (subtree.length === 0) return;
    if (!this.thread && isObject(root) && rootFieldsRead(root)) this.start(root);
    if (this.thread) this.emitSubtree(subtree);
    else this.early.push(...subtree);
  }

  private rootItem(item: JsonObject): void {
    if (!this.thread) this.start(item);
    const reported = numberField(item, 'comments_count') ?? numberField(item, 'descendants');
    if (reported !== undefined && this.replies > 0 && reported > this.replies) {
      this.warn(`the story reports ${reported} comments; this file holds ${this.replies}`);
    }
  }

  private listedItem(item: JsonObject): void {
    if (!this.thread) {
      this.start(item);
      return;
    }
    const post = itemPost(item);
    if (!post) return;
    if (post.parentKey !== null) this.window!.addMissing(post.parentKey, -1);
    this.emit(post);
  }

  private start(root: JsonObject): void {
    const thread = threadOf(root);
    const post = itemPost(root);
    if (!thread || !post) throw new Error('not a Hacker News thread: its first item has no id');
    this.thread = thread;
    this.storyKey = post.key;
    this.pass({ kind: 'thread', thread });
    if (!isStory(root)) {
      this.warn(`this file starts at a comment, not its story: the story's title is not in it ("${thread.title}")`);
    }
    this.emit(post);
    const early = this.early;
    this.early = [];
    this.emitSubtree(early);
  }

  private emitSubtree(posts: SourcePost[]): void {
    for (const post of posts) {
      // A top-level HNPWA comment names no parent: nesting says it answers the story.
      if (post.parentKey === null) post.parentKey = this.storyKey!;
      this.emit(post);
    }
  }

  private emit(post: SourcePost): void {
    this.pass({ kind: 'post', post });
  }

  private warn(message: string): void {
    this.pass({ kind: 'warning', message });
  }

  /** Queues an event in the window (made by `accept`); what it pushes out goes to the caller. */
  private pass(event: SourceEvent): void {
    this.out.push(...this.window!.push(event));
  }

  private take(): SourceEvent[] {
    const out = this.out;
    this.out = [];
    return out;
  }
}

/** Whether a root still being read already shows what its post needs: its id and title or parent. */
function rootFieldsRead(root: JsonObject): boolean {
  if (idField(root, 'id') === undefined) return false;
  return isStory(root) ? 'title' in root && ('content' in root || 'text' in root || 'url' in root) : 'text' in root;
}
