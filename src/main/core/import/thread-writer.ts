import type { ThreadFormat } from '../../../shared/model/library';
import type { SourcePost } from '../importers/source-thread';
import {
  HASH_LENGTH,
  LINK_KINDS,
  OP_BOUNDARY,
  OP_LINKS,
  OP_PASSAGE,
  type DetectedBatch,
} from '../quotes/detection-protocol';
import { textHash } from '../quotes/identity';
import { spanInOriginal } from '../quotes/original-span';
import type { Block } from '../quotes/reconstructor';
import {
  POST_BOUNDARY,
  POST_CLAIM,
  POST_LINKS,
  POST_PASSAGE,
  PostDecider,
  type PassageTexts,
  type PostDecisions,
} from '../quotes/post-decider';
import type { Stores } from '../store';
import type { PostDetails } from '../store/posts';
import { normalize } from '../text/normalize';

export { textHash };

/** What storing a post needs of its blocks' texts, which another thread can work out beforehand. */
export interface PreparedPost {
  /** Each block's text, normalised. */
  normalized: string[];
  /** `textHash` of each normalised text, if worked out already (it is what a stored passage keeps). */
  hashes?: string[];
  /** What tells an unchanged post from an edited one. */
  contentHash: string;
}

export function preparePost(post: SourcePost, withHashes: boolean): PreparedPost {
  const normalized = post.blocks.map((b) => normalize(b.text));
  return {
    normalized,
    hashes: withHashes ? normalized.map((n) => (n === '' ? '' : textHash(n))) : undefined,
    contentHash: textHash(post.blocks.map((b, i) => `${b.kind}:${normalized[i]}`).join('\n')),
  };
}

const NORMALIZED_CACHE_SIZE = 20_000;
const RECENT_POSTS = 10_000;

export interface WriterCounts {
  newPassages: number;
  newLinks: number;
}

/**
 * One thread's rows as an import adds them: posts as they first get a passage, passages with their
 * positions, and links between passages known by their index in the thread's reading order.
 * Runs inside the caller's transaction.
 */
class ThreadRows {
  readonly counts: WriterCounts = { newPassages: 0, newLinks: 0 };
  /** Passage ids by reconstruction index: the thread's stored passages first, in reading order. */
  protected readonly passageIds: number[] = [];
  protected postKey = 0;
  protected postId: number | undefined;
  private nextPostPosition: number | undefined;
  private nextPassagePosition: number;

  constructor(
    protected readonly stores: Stores,
    readonly threadId: number,
    readonly format: ThreadFormat,
  ) {
    this.nextPassagePosition = stores.passages.nextPosition(threadId);
  }

  protected postPosition(): number {
    this.nextPostPosition ??= this.stores.posts.nextPosition(this.threadId);
    return this.nextPostPosition++;
  }

  /** Adds the post at the next position unless the thread has its key already; returns its id if it did. */
  protected insertNewPost(sourceKey: string, details: PostDetails): number | undefined {
    this.nextPostPosition ??= this.stores.posts.nextPosition(this.threadId);
    const id = this.stores.posts.insertNew(this.threadId, sourceKey, this.nextPostPosition, details);
    if (id !== undefined) this.nextPostPosition++;
    return id;
  }

  protected endPost(): void {
    this.postKey++;
    this.postId = undefined;
  }

  protected insertPassage(index: number, text: string, hash: string, quotedOnly: boolean): number {
    const id = this.stores.passages.insert({
      thread_id: this.threadId,
      post_id: this.currentPost(),
      position: this.nextPassagePosition++,
      text,
      text_hash: hash,
      quoted_only: quotedOnly ? 1 : 0,
    });
    this.passageIds[index] = id;
    this.counts.newPassages++;
    return id;
  }

  /**
   * Stores the links that `ops[at]` counts, from passage `from` (an id): each is the target's index,
   * its kind in LINK_KINDS, start and end. The span is in the target's original text, or mapped there
   * by `toOriginal`. Returns where the ops go on.
   */
  protected insertLinks(
    from: number,
    ops: ArrayLike<number>,
    at: number,
    toOriginal?: (target: number, start: number, end: number) => { start: number; end: number },
  ): number {
    let i = at;
    for (let n = ops[i++]!; n > 0; n--, i += 4) {
      const target = ops[i]!;
      const span = toOriginal?.(target, ops[i + 2]!, ops[i + 3]!) ?? { start: ops[i + 2]!, end: ops[i + 3]! };
      const link = { from_passage: from, to_passage: this.passageIds[target]!, kind: LINK_KINDS[ops[i + 1]!]! };
      if (this.stores.links.insert({ ...link, ...span })) this.counts.newLinks++;
    }
    return i;
  }

  private currentPost(): number {
    if (this.postId !== undefined) return this.postId;
    const key = String(this.postKey);
    const existing = this.stores.posts.byKey(this.threadId, key);
    this.postId =
      existing?.id ??
      this.stores.posts.insert({
        thread_id: this.threadId,
        source_key: key,
        position: this.postPosition(),
        author: null,
        posted_at: null,
        parent_id: null,
      });
    return this.postId;
  }
}

/**
 * Stores one thread's posts as an import meets them, with what quote reconstruction decides of their
 * blocks (see quotes/post-decider.ts): posts, passages with their full-text entries, and links with
 * spans in the target's original text. Runs inside the caller's transaction.
 */
export class ThreadWriter extends ThreadRows {
  /**
   * Decides in this thread what posts become. Left undefined in a thread new to the library while the
   * posts come decided by the detection worker; built from the store at the first that does not.
   */
  private decider: PostDecider | undefined;
  private readonly texts: StoredPassageTexts;
  /** Ids of posts written lately, by source key: a reply's parent is nearly always among them. */
  private readonly recentPosts = new RecentCache<string, number>(RECENT_POSTS / 2);
  /**
   * The first post this writer stored: every top-level reply names it as its parent (a story, a
   * submission, a topic's opening post) long after it left the recent posts.
   */
  private first: { key: string; id: number } | undefined;
  /** Parent keys a post named before that parent was stored: only those posts wait to be adopted. */
  private readonly awaited = new Set<string>();
  /** The thread had posts before this import: any of them may wait for a parent. */
  private readonly hadPosts: boolean;

  /** `isNew`: the thread was created for this import, so posts may come decided elsewhere. */
  constructor(
    stores: Stores,
    threadId: number,
    format: ThreadFormat,
    readonly isNew = false,
  ) {
    super(stores, threadId, format);
    this.texts = new StoredPassageTexts(stores, this.passageIds);
    this.hadPosts = stores.posts.nextPosition(threadId) > 0;
    if (!isNew) this.decider = this.deciderFromStore();
  }

  /**
   * Quote reconstruction over the passages the thread holds, as if it had decided them all: they are
   * registered in reading order, which is the order they were decided in.
   */
  private deciderFromStore(): PostDecider {
    const decider = new PostDecider(this.texts);
    this.passageIds.length = 0;
    for (const row of this.stores.passages.iterateThread(this.threadId)) {
      decider.known(normalize(row.text), row.quoted_only === 1);
      this.passageIds.push(row.id);
    }
    return decider;
  }

  private postIdByKey(key: string): number | undefined {
    if (key === this.first?.key) return this.first.id;
    return this.recentPosts.get(key) ?? this.stores.posts.byKey(this.threadId, key)?.id;
  }

  private rememberPost(key: string, id: number): void {
    this.first ??= { key, id };
    this.recentPosts.set(key, id);
  }

  /**
   * Stores one post of a structured source: creates or updates it by its source key, links it to
   * its parent (now, or when the parent arrives later), and adds its text. An unchanged post adds
   * nothing; an edited one adds its new paragraphs and marks the ones it dropped as replaced.
   * `prepared`: what `preparePost` says of it, when the caller has it already. `decided`: what the
   * detection worker decided of its blocks, used while this thread has decided none itself.
   */
  writePost(post: SourcePost, now: string, prepared = preparePost(post, false), decided?: PostDecisions): void {
    const { posts, passages } = this.stores;
    const { normalized, contentHash } = prepared;
    const details: PostDetails = {
      author: post.author,
      posted_at: post.postedAt,
      parent_id: post.parentKey === null ? null : (this.postIdByKey(post.parentKey) ?? null),
      permalink: post.permalink,
      parent_key: post.parentKey,
      title: post.title ?? null,
      deleted: post.deleted ? 1 : 0,
      missing_children: post.missingReplies ?? 0,
      content_hash: contentHash,
    };
    // Nearly every post is new: inserting first spares looking each one up by its key.
    const newId = this.insertNewPost(post.key, details);
    const existing = newId === undefined ? posts.byKey(this.threadId, post.key) : undefined;
    const postId = newId ?? existing!.id;
    if (existing) posts.update(postId, details);
    if (details.parent_id === null && post.parentKey !== null) this.awaited.add(post.parentKey);
    this.rememberPost(post.key, postId);
    if (this.hadPosts || this.awaited.delete(post.key)) posts.adoptReplies(this.threadId, postId, post.key);
    if (existing?.content_hash === contentHash) return;

    if (decided !== undefined && this.decider === undefined) {
      // The worker hands a thread back before a post it met twice (see forum-quote-detection.ts).
      if (existing) throw new Error(`post ${post.key} came decided, but the thread holds it already`);
      this.store(decided, post.blocks, normalized, prepared.hashes, postId);
      return;
    }
    const own = new Map(existing ? passages.ofPost(postId).map((p) => [normalize(p.text), p.id] as const) : []);
    this.decider ??= this.deciderFromStore();
    const decisions = this.decider.decide(post.blocks, normalized, new Set(own.keys()));
    this.store(decisions, post.blocks, normalized, prepared.hashes, postId);
    const kept = new Set(normalized.map((text) => own.get(text)));
    for (const id of own.values()) if (!kept.has(id)) passages.supersede(id, now);
  }

  /** Stores what one block of a stream without posts becomes (plain text read in the import's thread). */
  push(block: Block): void {
    const normalized = block.kind === 'boundary' ? '' : normalize(block.text);
    this.decider ??= this.deciderFromStore();
    this.store(this.decider.push(block, normalized), block.kind === 'boundary' ? [] : [block], [normalized]);
  }

  /** Decisions carry spans in the target's normalised text: links are stored with spans in its original. */
  private readonly spanInOriginal = (target: number, start: number, end: number): { start: number; end: number } =>
    spanInOriginal(this.texts.original(target), start, end);

  /** Settles the quotations left over: the thread is done with, for this import. */
  end(): void {
    if (this.decider) this.store(this.decider.end(), [], []);
  }

  /**
   * `blocks`, `normalized`, `hashes` (if worked out already): what the decisions' block numbers refer
   * to. `postId`: the post that passages belong to; without it, one made up per boundary.
   */
  private store(
    decisions: PostDecisions,
    blocks: readonly { text: string }[],
    normalized: readonly string[],
    hashes?: readonly string[],
    postId?: number,
  ): void {
    for (let i = 0; i < decisions.length;) {
      const op = decisions[i++];
      if (op === POST_BOUNDARY) {
        this.endPost();
        continue;
      }
      if (op === POST_CLAIM) {
        this.stores.passages.claim(this.passageIds[decisions[i++]!]!, postId!);
        continue;
      }
      let from: number;
      if (op === POST_PASSAGE) {
        const block = decisions[i++]!;
        const index = decisions[i++]!;
        const quotedOnly = decisions[i++] === 1;
        if (postId !== undefined) this.postId = postId;
        const hash = hashes?.[block] ?? textHash(normalized[block]!);
        const text = blocks[block]!.text;
        from = this.insertPassage(index, text, hash, quotedOnly);
        this.texts.stored(index, text);
      } else if (op === POST_LINKS) {
        from = this.passageIds[decisions[i++]!]!;
      } else {
        throw new Error(`unknown post decision ${op}`);
      }
      i = this.insertLinks(from, decisions, i, this.spanInOriginal);
    }
  }
}

/**
 * The texts quote reconstruction asks of a thread in the import's thread, and the originals that link
 * spans are mapped to: the recent ones kept at hand (candidates are verified against recent passages
 * over and over, and links mostly answer recent passages), older ones read back from the store.
 */
class StoredPassageTexts implements PassageTexts {
  private readonly recentNormalized = new RecentByIndex<string>(NORMALIZED_CACHE_SIZE);
  private readonly recentOriginals = new RecentByIndex<string>(NORMALIZED_CACHE_SIZE);

  /** `passageIds`: the thread's stored passages by reconstruction index. */
  constructor(
    private readonly stores: Stores,
    private readonly passageIds: readonly number[],
  ) {}

  normalized(index: number): string {
    let text = this.recentNormalized.get(index);
    if (text === undefined) {
      text = normalize(this.original(index));
      this.recentNormalized.set(index, text);
    }
    return text;
  }

  remember(index: number, normalized: string): void {
    this.recentNormalized.set(index, normalized);
  }

  /** A passage was stored with this original text. */
  stored(index: number, text: string): void {
    this.recentOriginals.set(index, text);
  }

  original(index: number): string {
    const text = this.recentOriginals.get(index);
    if (text !== undefined) return text;
    const id = this.passageIds[index];
    return id === undefined ? '' : (this.stores.passages.text(id) ?? '');
  }
}

/**
 * Stores what the quote-detection worker decided for one thread (see quotes/detector.ts): the same
 * rows ThreadWriter stores for the same decisions, with link spans already mapped by the worker.
 */
export class DetectedThreadWriter extends ThreadRows {
  /** `existing`: the ids of the thread's stored passages, in the reading order the worker was told them. */
  constructor(stores: Stores, threadId: number, format: ThreadFormat, existing: readonly number[]) {
    super(stores, threadId, format);
    for (const id of existing) this.passageIds.push(id);
  }

  apply(batch: DetectedBatch): void {
    const { ops, texts, hashes } = batch;
    let text = 0;
    let hash = 0;
    for (let i = 0; i < ops.length;) {
      const op = ops[i++];
      if (op === OP_BOUNDARY) {
        this.endPost();
        continue;
      }
      let from: number;
      if (op === OP_PASSAGE) {
        const index = ops[i++]!;
        const quotedOnly = ops[i++] === 1;
        const length = ops[i++]!;
        from = this.insertPassage(
          index,
          texts.slice(text, (text += length)),
          hashes.slice(hash, (hash += HASH_LENGTH)),
          quotedOnly,
        );
      } else if (op === OP_LINKS) {
        from = this.passageIds[ops[i++]!]!;
      } else {
        throw new Error(`unknown detection op ${op}`);
      }
      i = this.insertLinks(from, ops, i);
    }
  }
}

/**
 * Values by passage index, for the last `size` indexes set: a ring. Passages are stored in index
 * order, so the slot an index takes is that of the one `size` before it. Two Maps in generations
 * (RecentCache) cost ~1.5 µs a set here, 0.2–0.3 s per 292k passages of the import's thread. Its
 * arrays grow as the thread does (a mailbox opens thousands of threads of a few passages each).
 */
class RecentByIndex<V> {
  private readonly indexes: number[] = [];
  private readonly values: V[] = [];

  constructor(private readonly size: number) {}

  get(index: number): V | undefined {
    const slot = index % this.size;
    return this.indexes[slot] === index ? this.values[slot] : undefined;
  }

  set(index: number, value: V): void {
    const slot = index % this.size;
    this.indexes[slot] = index;
    this.values[slot] = value;
  }
}

/**
 * The last `half` to `2 * half` entries, in two generations. Evicting a Map's oldest key one at a time
 * (delete the first of keys()) costs ~20 µs once the map is full: V8 skips every deleted entry from
 * the front on each keys().next() until the table is rebuilt.
 */
class RecentCache<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();

  constructor(private readonly half: number) {}

  get(key: K): V | undefined {
    return this.current.get(key) ?? this.previous.get(key);
  }

  set(key: K, value: V): void {
    if (this.current.size >= this.half) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }
}
