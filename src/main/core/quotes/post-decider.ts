// Quote reconstruction for a thread stored post by post (forum, Reddit, Hacker News, mail): what each
// post's blocks become, as integers that ThreadWriter stores. For a large file's threads new to the
// library it runs on the forum detection worker, which sends them with the posts; for the others in
// the import's thread (and there for plain text too, when its own worker does not detect it).
import type { SourceBlock } from '../importers/source-thread';
import { LINK_KINDS } from './detection-protocol';
import type { IsPassageText } from './passage-index';
import { QuoteReconstructor, type Block, type Decision, type PendingLink } from './reconstructor';

export const POST_BOUNDARY = 0;
export const POST_PASSAGE = 1;
export const POST_LINKS = 2;
export const POST_CLAIM = 3;

/**
 * What a post's blocks become, in order: POST_BOUNDARY (a post begins or ends); POST_PASSAGE, block
 * (its place in the post), passage index, quotedOnly (0 or 1), link count, links; POST_LINKS, from
 * index, link count, links; POST_CLAIM, passage index (words stored as a quotation that this post
 * wrote: they become its own). Each link is target index, kind (LINK_KINDS), start, end: the span in
 * the target's normalised text (the side that stores maps it to the original, which it holds).
 * Integers cross between threads for next to nothing; the texts and hashes the post carries already.
 */
export type PostDecisions = number[];

/** The texts of a thread's passages, by reconstruction index, as the side that decides keeps them. */
export interface PassageTexts {
  normalized(index: number): string;
  /** See IsPassageText; by default, `normalized(index) === normalized`. */
  isText?(index: number, normalized: string): boolean;
  /** A passage was just decided: the post's `block`, or of the stream without posts block 0. */
  remember(index: number, normalized: string, block: number): void;
}

export class PostDecider {
  private readonly reconstructor: QuoteReconstructor;
  /** Passages holding words quoted from a post the library does not have yet, by normalised text. */
  private readonly quotedOnly = new Map<string, number>();

  /** `generation`: the quote window's, see PassageIndex. */
  constructor(
    private readonly texts: PassageTexts,
    generation?: number,
  ) {
    const isText: IsPassageText | undefined = texts.isText && ((index, normalized) => texts.isText!(index, normalized));
    this.reconstructor = new QuoteReconstructor((index) => texts.normalized(index), isText, generation);
  }

  /** Texts of passages before this one are asked of `texts` only through `isText`. */
  get windowStart(): number {
    return this.reconstructor.windowStart;
  }

  /** Registers a passage stored by an earlier import (in reading order); returns its index. */
  known(normalized: string, quotedOnly: boolean): number {
    const index = this.reconstructor.known(normalized);
    if (quotedOnly) this.quotedOnly.set(normalized, index);
    return index;
  }

  /**
   * `normalized`: each block's text normalised. `held`: the normalised texts an edited post has as
   * passages already, which stay as they are.
   */
  decide(blocks: readonly SourceBlock[], normalized: readonly string[], held?: ReadonlySet<string>): PostDecisions {
    const out: PostDecisions = [];
    this.add(out, this.reconstructor.push({ kind: 'boundary' }), -1);
    blocks.forEach((block, i) => {
      const text = normalized[i]!;
      if (held?.has(text)) return;
      const claimed = block.kind === 'paragraph' ? this.quotedOnly.get(text) : undefined;
      if (claimed !== undefined) {
        out.push(POST_CLAIM, claimed);
        this.quotedOnly.delete(text);
        return;
      }
      this.add(out, this.reconstructor.push(block, text), i);
    });
    this.add(out, this.reconstructor.push({ kind: 'boundary' }), -1);
    return out;
  }

  /**
   * What one block of a stream without posts (a plain-text file read in the import's thread)
   * becomes: its passage, if any, is block 0.
   */
  push(block: Block, normalized: string): PostDecisions {
    const out: PostDecisions = [];
    this.add(out, this.reconstructor.push(block, normalized), 0);
    return out;
  }

  /** What the quotations left over at the end of the thread become. */
  end(): PostDecisions {
    const out: PostDecisions = [];
    this.add(out, this.reconstructor.end(), -1);
    return out;
  }

  /** `block`: the block pushed, whose passage a decision is (boundaries decide none). */
  private add(out: PostDecisions, decisions: readonly Decision[], block: number): void {
    for (const d of decisions) {
      if (d.kind === 'boundary') {
        out.push(POST_BOUNDARY);
      } else if (d.kind === 'passage') {
        if (d.quotedOnly) this.quotedOnly.set(d.normalized, d.index);
        this.texts.remember(d.index, d.normalized, block);
        out.push(POST_PASSAGE, block, d.index, d.quotedOnly ? 1 : 0);
        this.addLinks(out, d.respondsTo);
      } else if (d.kind === 'links') {
        out.push(POST_LINKS, d.from);
        this.addLinks(out, d.respondsTo);
      }
    }
  }

  private addLinks(out: PostDecisions, links: readonly PendingLink[]): void {
    out.push(links.length);
    for (const link of links) out.push(link.target, LINK_KINDS.indexOf(link.kind), link.start, link.end);
  }
}
