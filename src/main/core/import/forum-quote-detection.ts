// Quote detection on the forum detection worker, for the threads of a file that are new to the
// library: the worker decides what each post's blocks become (quotes/post-decider.ts) and sends that
// with the post, so that the import's thread only stores it. The worker has no connection to the
// library, so it decides threads the file opens for the first time as if they were new; the import
// uses the decisions only for threads it creates, and tells the worker of the others (`held`) to
// spare it the work. A thread the file comes back to after it was closed, and one that meets a post
// key twice (the import then compares with what it stored), the worker hands back: the import decides
// from there on, from the store, as for any thread it holds.
import type { SourcePost } from '../importers/source-thread';
import { textHash } from '../quotes/identity';
import { QUOTE_WINDOW_GENERATION } from '../quotes/passage-index';
import { PostDecider, type PassageTexts, type PostDecisions } from '../quotes/post-decider';
import { RecentTexts } from '../quotes/recent-texts';
import { OpenThreads } from './open-threads';
import type { PreparedPost } from './thread-writer';

export class ForumQuoteDetection {
  /** `generation`: the quote window's (see quotes/passage-index.ts); tests make it small. */
  constructor(private readonly generation = QUOTE_WINDOW_GENERATION) {}

  /** The file's open threads, as the import has them; undefined for those the worker does not decide. */
  private readonly open = new OpenThreads<DetectedThread | undefined>();
  /** Every thread the file opened so far: one opened again is in the library by then. */
  private readonly met = new Set<string>();
  private current: { identity: string; thread: DetectedThread | undefined } | undefined;

  /** The posts that follow belong to this thread. */
  thread(identity: string): void {
    let thread: DetectedThread | undefined;
    if (this.open.has(identity)) {
      thread = this.open.use(identity);
    } else {
      this.open.makeRoom();
      thread = this.met.has(identity) ? undefined : new DetectedThread(this.generation);
      this.open.add(identity, thread);
      this.met.add(identity);
    }
    this.current = { identity, thread };
  }

  /** What the post's blocks become, or undefined if the import is to decide it. */
  post(post: SourcePost, prepared: PreparedPost): PostDecisions | undefined {
    const thread = this.current?.thread;
    if (!thread) return undefined;
    if (!thread.keys.has(post.key)) {
      thread.keys.add(post.key);
      return thread.decide(post, prepared);
    }
    this.handBack(this.current!.identity);
    return undefined;
  }

  /** The library holds the thread: the import decides its posts. */
  held(identity: string): void {
    this.handBack(identity);
  }

  private handBack(identity: string): void {
    this.open.replace(identity, undefined);
    if (this.current?.identity === identity) this.current.thread = undefined;
  }
}

/**
 * A thread the worker decides: the post keys met, and its passages' texts as far as quotations are
 * looked for (the quote window, see quotes/passage-index.ts), outside the heap. Beyond it only an
 * exact repeat is looked for, which the passage's hash settles: memory stays bounded however long
 * the thread.
 */
class DetectedThread implements PassageTexts {
  readonly decider: PostDecider;
  readonly keys = new Set<string>();
  private readonly texts = new RecentTexts();
  /** The textHash of every passage, as 20 bytes. */
  private hashes = Buffer.alloc(20 * 16);
  /** The hashes of the blocks of the post being decided. */
  private postHashes: readonly string[] | undefined;

  constructor(generation: number) {
    this.decider = new PostDecider(this, generation);
  }

  decide(post: SourcePost, prepared: PreparedPost): PostDecisions {
    this.postHashes = prepared.hashes;
    return this.decider.decide(post.blocks, prepared.normalized);
  }

  normalized(index: number): string {
    return this.texts.get(index) ?? '';
  }

  isText(index: number, normalized: string): boolean {
    const text = this.texts.get(index);
    if (text !== undefined) return text === normalized;
    return Buffer.from(textHash(normalized), 'hex').equals(this.hashes.subarray(index * 20, index * 20 + 20));
  }

  remember(index: number, normalized: string, block: number): void {
    this.texts.add(index, normalized);
    if ((index + 1) * 20 > this.hashes.length) {
      const grown = Buffer.alloc(this.hashes.length * 2);
      this.hashes.copy(grown);
      this.hashes = grown;
    }
    this.hashes.write(this.postHashes?.[block] ?? textHash(normalized), index * 20, 'hex');
    if (index % 1024 === 0) this.texts.forgetBefore(this.decider.windowStart);
  }
}
