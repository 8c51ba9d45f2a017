import { describe, expect, it } from 'vitest';
import { ForumQuoteDetection } from '../../../../src/main/core/import/forum-quote-detection';
import { preparePost } from '../../../../src/main/core/import/thread-writer';
import type { SourceBlock, SourcePost } from '../../../../src/main/core/importers/source-thread';
import {
  PostDecider,
  POST_BOUNDARY,
  POST_PASSAGE,
  type PassageTexts,
} from '../../../../src/main/core/quotes/post-decider';

/** Decides with every text at hand: what the import's thread does for a thread it holds. */
class AllTexts implements PassageTexts {
  readonly texts: string[] = [];
  normalized(index: number): string {
    return this.texts[index] ?? '';
  }
  remember(index: number, normalized: string): void {
    this.texts[index] = normalized;
  }
}

const paragraph = (n: number): string => `alpha${n} beta${n} gamma${n} delta${n} epsilon${n} zeta${n} eta${n}.`;
const post = (key: number, blocks: SourceBlock[]): SourcePost => ({
  key: String(key),
  parentKey: null,
  author: 'someone',
  postedAt: null,
  permalink: null,
  blocks,
});

describe('quote detection on the detection worker, with a small quote window', () => {
  const GENERATION = 8;
  // The worker keeps texts by segments of 4,096 passages: by the end, the first two are forgotten.
  const N = 12_000;
  const posts: SourcePost[] = [];
  for (let i = 0; i < N; i++) posts.push(post(i, [{ kind: 'paragraph', text: paragraph(i) }]));
  // An exact repeat of a passage long out of the window: the worker has only its hash.
  posts.push(post(N, [{ kind: 'paragraph', text: paragraph(3).toUpperCase() }]));
  // A quotation of a recent passage, answered.
  posts.push(
    post(N + 1, [
      { kind: 'quote', text: paragraph(N - 5) },
      { kind: 'paragraph', text: 'I disagree with that entirely, friend.' },
    ]),
  );
  // A quotation of a passage out of the window, inside a longer paragraph: not looked for.
  posts.push(post(N + 2, [{ kind: 'paragraph', text: `As was said, ${paragraph(10)} And more words here.` }]));

  it('decides every post as the import thread does with every text at hand', () => {
    const worker = new ForumQuoteDetection(GENERATION);
    worker.thread('t');
    const reference = new PostDecider(new AllTexts(), GENERATION);
    for (const p of posts) {
      const prepared = preparePost(p, true);
      expect(worker.post(p, prepared)).toEqual(reference.decide(p.blocks, prepared.normalized));
    }
  });

  it('takes the repeat beyond the window for the passage it repeats, not a new one', () => {
    const worker = new ForumQuoteDetection(GENERATION);
    worker.thread('t');
    const decisions = posts.map((p) => worker.post(p, preparePost(p, true))!);
    // Nothing but the post's two boundaries: no passage.
    expect(decisions[N]).toEqual([POST_BOUNDARY, POST_BOUNDARY]);
    // The answer to the quotation links to passage N - 5: POST_PASSAGE, block 1, index N, not quoted-only, 1 link, its target, …
    expect(decisions[N + 1]!.join(',')).toContain(`${POST_PASSAGE},1,${N},0,1,${N - 5},`);
  });
});
