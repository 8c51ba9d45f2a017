import { streamJsonObjects } from '../json-stream/json-stream';
import type { ForumParser, ParseInput, SourceEvent } from '../source-thread';
import { HackerNewsThreadReader, isItemPlace, isThreadItem } from './thread-reader';

const HNPWA = /"time_ago"\s*:/;
const ALGOLIA = /"created_at_i"\s*:[\s\S]*"story_id"\s*:|"story_id"\s*:[\s\S]*"created_at_i"\s*:/;
const FIREBASE =
  /"by"\s*:[\s\S]*"type"\s*:\s*"(?:story|comment|job|poll|pollopt)"|"type"\s*:\s*"(?:story|comment|job|poll|pollopt)"[\s\S]*"by"\s*:/;

/**
 * Hacker News threads as JSON: the HNPWA API, Algolia's items API, or Firebase items (one, or an
 * array). Streamed: memory is bounded by the largest top-level comment subtree.
 */
export const hackerNewsParser: ForumParser = {
  format: 'hackernews',

  sniff(_file: string, head: string): boolean {
    if (!/^\s*[[{]/.test(head)) return false;
    return HNPWA.test(head) || ALGOLIA.test(head) || FIREBASE.test(head);
  },

  async *parse(input: ParseInput): AsyncIterable<SourceEvent> {
    const reader = new HackerNewsThreadReader();
    const items = streamJsonObjects(input.chunks(), {
      take: isThreadItem,
      whole: isItemPlace,
      notA: 'not a Hacker News thread',
      expected: 'no Hacker News story or comment items found',
    });
    for await (const { value, path, root } of items) yield* reader.accept(value, path, root);
    yield* reader.finish();
  },
};
