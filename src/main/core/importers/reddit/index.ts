import type { ForumParser, ParseInput, SourceEvent } from '../source-thread';
import { streamJsonObjects } from '../json-stream/json-stream';
import { parseSparse } from '../json-stream/sparse-json';
import { READ_FIELDS } from './things';
import { isListedThing, isListElement, RedditThreadReader } from './thread-reader';

const THING = /"kind"\s*:\s*"(?:t1|t3|more)"/;
const REDDIT_FIELD = /"(?:subreddit|link_id|subreddit_id)"\s*:/;

/**
 * Reddit's JSON: a thread page (`/comments/<id>.json`, also a permalink's `?context=` view) or a
 * `/api/morechildren` response. Streamed: memory is bounded by the largest top-level comment
 * subtree, whatever the file's size.
 */
export const redditParser: ForumParser = {
  format: 'reddit',

  sniff(_file: string, head: string): boolean {
    return /^\s*[[{]/.test(head) && THING.test(head) && REDDIT_FIELD.test(head);
  },

  async *parse(input: ParseInput): AsyncIterable<SourceEvent> {
    const reader = new RedditThreadReader();
    const objects = streamJsonObjects(input.chunks(), {
      take: isListedThing,
      whole: isListElement,
      read: (text) => parseSparse(text, READ_FIELDS),
      notA: 'not a Reddit thread',
      expected: 'no Reddit submission (t3) or comments (t1) found',
    });
    for await (const { value, path } of objects) yield* reader.accept(value, path);
    yield* reader.finish();
  },
};
