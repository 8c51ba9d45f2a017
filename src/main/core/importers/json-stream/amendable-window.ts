import type { SourceEvent, SourcePost } from '../source-thread';

/**
 * Events wait here for a while before they are passed on, so that what a file says about a post
 * only later (a "load more" stub after its replies, a reply list that ends further down) can still
 * be written onto it. The window holds a fixed number of posts, whatever the file's size; a late
 * fact about a post that has already left is returned to the caller to report instead.
 */
export class AmendableWindow {
  /** Waiting events from `head` on; the front is cut off now and then rather than shifted one by one. */
  private queue: SourceEvent[] = [];
  private head = 0;
  private readonly waiting = new Map<string, SourcePost>();
  private posts = 0;

  constructor(private readonly capacity: number) {}

  /** Queues an event; returns those pushed out by it, oldest first. */
  push(event: SourceEvent): SourceEvent[] {
    this.queue.push(event);
    if (event.kind === 'post') {
      this.waiting.set(event.post.key, event.post);
      this.posts++;
    }
    const out: SourceEvent[] = [];
    while (this.posts > this.capacity) out.push(this.shift());
    return out;
  }

  /** Adds `delta` replies the file leaves out to a post still waiting; false when it has left. */
  addMissing(key: string, delta: number): boolean {
    const post = this.waiting.get(key);
    if (!post) return false;
    const missing = Math.max(0, (post.missingReplies ?? 0) + delta);
    if (missing > 0) post.missingReplies = missing;
    else delete post.missingReplies;
    return true;
  }

  has(key: string): boolean {
    return this.waiting.has(key);
  }

  /** Everything still waiting, in order. */
  drain(): SourceEvent[] {
    const out: SourceEvent[] = [];
    while (this.head < this.queue.length) out.push(this.shift());
    return out;
  }

  private shift(): SourceEvent {
    const event = this.queue[this.head++]!;
    if (this.head >= 1024 && this.head * 2 >= this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    if (event.kind === 'post') {
      this.posts--;
      if (this.waiting.get(event.post.key) === event.post) this.waiting.delete(event.post.key);
    }
    return event;
  }
}
