// Reddit's JSON as events. Two shapes: a thread page (`[submission listing, comment listing]`, replies
// nested in each comment's `replies` listing) and a /api/morechildren response (`{json: {data:
// {things}}}`, a flat list in reading order whose tree is rebuilt from parent_id by the pipeline).
import type { SourceEvent, SourcePost, SourceThread } from '../source-thread';
import { AmendableWindow } from '../json-stream/amendable-window';
import { stringField, type JsonObject } from '../json-stream/json-fields';
import type { JsonPath } from '../json-stream/json-stream';
import { SubtreeOrder } from '../json-stream/subtree-order';
import {
  asThing,
  commentPost,
  hiddenReplies,
  linkId,
  submissionPost,
  submissionThread,
  threadOfComment,
  type Thing,
} from './things';

/** Posts held back for late facts (the submission's own "load more" stub comes after every comment). */
const AMENDABLE_POSTS = 1000;

/** A Reddit thing in a listing's `children` or a morechildren response's `things`. */
export function isListedThing(value: JsonObject, path: JsonPath): boolean {
  return typeof path[path.length - 1] === 'number' && asThing(value) !== undefined;
}

/**
 * An element of a list inside the document (a listing's `children`, a morechildren response's
 * `things`): a submission, or a comment with its replies, read whole. The elements of a thread
 * page's top-level array are its two listings, the whole thread: those are streamed.
 */
export function isListElement(path: JsonPath): boolean {
  return path.length >= 2 && typeof path[path.length - 1] === 'number';
}

/** How deep in replies a thing is: 0 in a thread page's top-level listings, 1 in their things' replies, … */
function listingDepth(path: JsonPath): number {
  let children = 0;
  for (const key of path) if (key === 'children') children++;
  return children - 1;
}

export class RedditThreadReader {
  private thread: SourceThread | undefined;
  private submissionKey: string | undefined;
  private readonly window = new AmendableWindow(AMENDABLE_POSTS);
  private readonly order = new SubtreeOrder();
  /** Replies left out under posts this file does not hold, or that were passed on before the stub came. */
  private unplacedMissing = 0;
  private out: SourceEvent[] = [];

  /** The events a listed thing completes, in reading order; none while its subtree is unfinished. */
  accept(value: JsonObject, path: JsonPath): SourceEvent[] {
    const thing = asThing(value);
    if (thing) {
      if (path[0] === 'json') this.flat(thing);
      else this.nested(thing, listingDepth(path));
    }
    return this.take();
  }

  finish(): SourceEvent[] {
    if (!this.thread) throw new Error('not a Reddit thread: it holds no submission (t3) and no comments (t1)');
    const topLevelMissing = this.order.takeTopLevelMissing();
    if (topLevelMissing > 0 && !(this.submissionKey && this.window.addMissing(this.submissionKey, topLevelMissing))) {
      this.unplacedMissing += topLevelMissing;
    }
    this.out.push(...this.window.drain());
    if (this.unplacedMissing > 0) {
      this.out.push({
        kind: 'warning',
        message: `${this.unplacedMissing} more replies are listed as not loaded under posts this file does not hold or could no longer mark`,
      });
    }
    return this.take();
  }

  private nested(thing: Thing, depth: number): void {
    if (thing.kind === 't3') {
      const thread = submissionThread(thing.data);
      if (!thread) throw new Error('not a Reddit thread: its submission has no id');
      this.start(thread);
      const post = submissionPost(thing.data, thread);
      this.submissionKey = post.key;
      this.emit(post);
    } else if (thing.kind === 't1') {
      this.joinThreadOf(thing.data);
      const post = commentPost(thing.data, this.submissionKey ? this.thread!.url : null);
      if (post) for (const p of this.order.complete(depth, post)) this.emit(p);
      else this.warn('a comment without an id was skipped');
    } else {
      this.order.addMissing(depth, hiddenReplies(thing.data));
    }
  }

  private flat(thing: Thing): void {
    if (thing.kind === 't3') {
      this.nested(thing, 0);
    } else if (thing.kind === 't1') {
      this.joinThreadOf(thing.data);
      const post = commentPost(thing.data, null);
      if (post) this.emit(post);
      else this.warn('a comment without an id was skipped');
    } else {
      const parent = stringField(thing.data, 'parent_id');
      const count = hiddenReplies(thing.data);
      if (!parent || !this.window.addMissing(parent, count)) this.unplacedMissing += count;
    }
  }

  /** Starts the comment's thread when the file has not named it (or has moved on to another). */
  private joinThreadOf(data: JsonObject): void {
    const id = linkId(data);
    if (this.thread && (!id || this.thread.identity === `reddit:${id}`)) return;
    const thread = threadOfComment(data);
    if (!thread) throw new Error('not a Reddit thread: a comment does not say which submission it belongs to');
    this.start(thread);
    this.warn(`the thread's title is not in this file (only its comments are); it is called "${thread.title}"`);
  }

  private start(thread: SourceThread): void {
    this.thread = thread;
    this.submissionKey = undefined;
    this.out.push(...this.window.push({ kind: 'thread', thread }));
  }

  private emit(post: SourcePost): void {
    this.out.push(...this.window.push({ kind: 'post', post }));
  }

  private warn(message: string): void {
    this.out.push(...this.window.push({ kind: 'warning', message }));
  }

  private take(): SourceEvent[] {
    const out = this.out;
    this.out = [];
    return out;
  }
}
