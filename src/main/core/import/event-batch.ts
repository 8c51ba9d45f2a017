// A batch of parsed events as it crosses between threads: posts packed into a few long strings and
// one array of integers, the rare other events as they are. Cloning a post object by object for
// postMessage, and rebuilding it on the other side, cost more than parsing it (~1 s each way per
// 50 MiB of Hacker News), and a batch now crosses twice: parsing worker, detection worker, import.
// A long string crosses as one copy.
import type { SourceBlock, SourcePost } from '../importers/source-thread';
import type { PostDecisions } from '../quotes/post-decider';
import type { ParsedEvent } from './forum-parse-protocol';
import type { PreparedPost } from './thread-writer';

export interface EventBatch {
  /** What is not a post (threads, warnings, progress), in order; `ints` says where each stands. */
  others: Exclude<ParsedEvent, { kind: 'post' }>[];
  ints: Int32Array<ArrayBuffer>;
  /**
   * The posts' strings, in four strings by what keeps them: a string cut out of a long one keeps all
   * of it alive. The detection worker keeps every post key (the texts it keeps, it copies), the
   * import recent original texts; the rest is dropped with the batch.
   */
  keys: string;
  normalized: string;
  texts: string;
  meta: string;
  /** What the detection worker decided of each post, in order: a length (-1: nothing), then the decisions. */
  decided?: Int32Array<ArrayBuffer>;
}

const OTHER = 0;
const POST = 1;
const NULL = -1;
const ABSENT = -2;

/** Packs events into an EventBatch, in order. */
export class EventBatchWriter {
  private readonly others: EventBatch['others'] = [];
  private ints = new Int32Array(4096);
  private length = 0;
  // Concatenated as they come (V8 keeps them as ropes, joined once when the batch is sent).
  private keys = '';
  private normalized = '';
  private texts = '';
  private meta = '';

  get empty(): boolean {
    return this.length === 0;
  }

  add(event: ParsedEvent): void {
    if (event.kind !== 'post') {
      this.int(OTHER);
      this.others.push(event);
      return;
    }
    const { post, prepared } = event;
    if (!prepared?.hashes) throw new Error('a post crosses threads with its texts prepared and hashed');
    this.int(POST);
    this.keys += post.key;
    this.int(post.key.length);
    this.optional(post.parentKey);
    this.optional(post.author);
    this.optional(post.postedAt);
    this.optional(post.permalink);
    this.optional(post.title);
    this.int(post.deleted === undefined ? ABSENT : post.deleted ? 1 : 0);
    this.int(post.missingReplies ?? ABSENT);
    const { blocks } = post;
    this.int(blocks.length);
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      const normalized = prepared.normalized[i]!;
      this.texts += block.text;
      this.int(block.text.length);
      this.normalized += normalized;
      this.int(normalized.length);
      this.metaString(prepared.hashes[i]!);
      if (block.kind === 'paragraph') {
        this.int(0);
      } else {
        this.int(1);
        this.optional(block.fromAuthor);
        this.optional(block.fromPostKey);
      }
    }
    this.metaString(prepared.contentHash);
  }

  /** The batch so far; the writer starts afresh. */
  take(): EventBatch {
    const batch: EventBatch = {
      others: this.others.splice(0),
      ints: this.ints.slice(0, this.length),
      keys: this.keys,
      normalized: this.normalized,
      texts: this.texts,
      meta: this.meta,
    };
    this.length = 0;
    this.keys = this.normalized = this.texts = this.meta = '';
    return batch;
  }

  private int(n: number): void {
    if (this.length === this.ints.length) {
      const grown = new Int32Array(this.ints.length * 2);
      grown.set(this.ints);
      this.ints = grown;
    }
    this.ints[this.length++] = n;
  }

  private metaString(s: string): void {
    this.meta += s;
    this.int(s.length);
  }

  private optional(s: string | null | undefined): void {
    if (s === null) this.int(NULL);
    else if (s === undefined) this.int(ABSENT);
    else this.metaString(s);
  }
}

/** The events of a batch, in order, posts with their prepared texts and with what was decided of them. */
export function* batchEvents(batch: EventBatch): Generator<ParsedEvent> {
  const { ints, decided } = batch;
  let i = 0;
  let other = 0;
  let decision = 0;
  const at = { keys: 0, normalized: 0, texts: 0, meta: 0 };
  const string = (part: keyof typeof at): string => {
    const length = ints[i++]!;
    const from = at[part];
    at[part] += length;
    return batch[part].slice(from, from + length);
  };
  const optional = (): string | null | undefined => {
    const length = ints[i];
    if (length === NULL || length === ABSENT) {
      i++;
      return length === NULL ? null : undefined;
    }
    return string('meta');
  };
  while (i < ints.length) {
    if (ints[i++] === OTHER) {
      yield batch.others[other++]!;
      continue;
    }
    const key = string('keys');
    const parentKey = optional() ?? null;
    const author = optional() ?? null;
    const postedAt = optional() ?? null;
    const permalink = optional() ?? null;
    const post: SourcePost = { key, parentKey, author, postedAt, permalink, blocks: [] };
    const title = optional();
    if (title !== undefined) post.title = title;
    const deleted = ints[i++]!;
    if (deleted !== ABSENT) post.deleted = deleted === 1;
    const missingReplies = ints[i++]!;
    if (missingReplies !== ABSENT) post.missingReplies = missingReplies;
    const prepared: PreparedPost = { normalized: [], hashes: [], contentHash: '' };
    for (let n = ints[i++]!; n > 0; n--) {
      const text = string('texts');
      const normalized = string('normalized');
      prepared.hashes!.push(string('meta'));
      let block: SourceBlock;
      if (ints[i++] === 0) {
        block = { kind: 'paragraph', text };
        prepared.normalized.push(normalized);
      } else {
        block = { kind: 'quote', text };
        // Words quoted from outside the thread are kept by their text until their post comes
        // (PostDecider's quotedOnly), for as long as the import runs.
        prepared.normalized.push(detached(normalized));
        const fromAuthor = optional();
        if (fromAuthor != null) block.fromAuthor = fromAuthor;
        const fromPostKey = optional();
        if (fromPostKey != null) block.fromPostKey = fromPostKey;
      }
      post.blocks.push(block);
    }
    prepared.contentHash = string('meta');
    let decisions: PostDecisions | undefined;
    if (decided) {
      const length = decided[decision++]!;
      if (length >= 0) decisions = Array.from(decided.subarray(decision, (decision += length)));
    }
    yield { kind: 'post', post, prepared, decided: decisions };
  }
}

/**
 * The same text, not kept alive by the long string it was cut from. (V8 cuts a string of 13
 * characters or more out of another as a view into it; slicing a concatenation copies it first.)
 */
function detached(s: string): string {
  return (' ' + s).slice(1);
}

/** Packs what was decided of a batch's posts (undefined: the import decides) into `decided`. */
export function packDecisions(decisions: readonly (PostDecisions | undefined)[]): Int32Array<ArrayBuffer> {
  let size = 0;
  for (const d of decisions) size += 1 + (d?.length ?? 0);
  const out = new Int32Array(size);
  let at = 0;
  for (const d of decisions) {
    out[at++] = d ? d.length : -1;
    if (d) {
      out.set(d, at);
      at += d.length;
    }
  }
  return out;
}
