import type { SourcePost } from '../source-thread';

interface Waiting {
  /** Finished subtrees, each headed by a direct reply of the comment still open above them. */
  subtrees: SourcePost[][];
  /** Replies the source left out ("load more", "continue this thread") under that comment. */
  missing: number;
}

/**
 * A nested comment's JSON object ends after its replies, yet reading order puts each comment before
 * its replies. A finished comment waits here with its subtree until the comment above it finishes;
 * a top-level comment's subtree is then complete and leaves in reading order. What is held is at
 * most the largest top-level subtree, as posts, never the thread.
 */
export class SubtreeOrder {
  private readonly waiting: Waiting[] = [];

  /**
   * The comment at `depth` (0 for a top-level comment) is complete: it adopts the subtrees and
   * left-out replies waiting one level below. Returns its whole subtree once it is top-level.
   */
  complete(depth: number, post: SourcePost): SourcePost[] {
    const below = this.take(depth + 1);
    if (below.missing > 0) post.missingReplies = (post.missingReplies ?? 0) + below.missing;
    const subtree = [post];
    for (const replies of below.subtrees) {
      // Sources that say who a reply answers only by nesting it (HNPWA) leave this to us.
      if (replies[0]!.parentKey === null) replies[0]!.parentKey = post.key;
      for (const reply of replies) subtree.push(reply);
    }
    if (depth <= 0) return subtree;
    this.at(depth).subtrees.push(subtree);
    return [];
  }

  /** Replies left out under the comment that encloses `depth` (the thread's opening post for 0). */
  addMissing(depth: number, count: number): void {
    this.at(depth).missing += count;
  }

  /** Replies left out under the opening post, which leaves before its replies are known. */
  takeTopLevelMissing(): number {
    return this.take(0).missing;
  }

  private at(depth: number): Waiting {
    for (let d = this.waiting.length; d <= depth; d++) this.waiting.push({ subtrees: [], missing: 0 });
    return this.waiting[depth]!;
  }

  private take(depth: number): Waiting {
    const waiting = this.at(depth);
    this.waiting[depth] = { subtrees: [], missing: 0 };
    return waiting;
  }
}
