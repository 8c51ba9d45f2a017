// The forum parsing worker: reads a forum, Reddit, Hacker News or mail file, runs its parser,
// normalises and hashes every block, and sends the events to the import's thread in batches while that
// thread stores the ones before. It never touches the library. See forum-parsing.ts for the other side.
import { parentPort } from 'node:worker_threads';
import { FORUM_PARSERS } from '../importers/registry';
import { forumParseInput } from './forum-input';
import { preparePost } from './thread-writer';
import {
  serializeError,
  type FromParser,
  type ParsedEvent,
  type StartParsing,
  type ToParser,
} from './forum-parse-protocol';

/** Blocks per batch: small enough that the import stores one batch while the next is parsed. */
const BATCH_BLOCKS = 512;
/** Batches sent and not yet stored: bounds what waits in memory when storing is the slower side. */
const MAX_IN_FLIGHT = 8;

const port = parentPort;
if (!port) throw new Error('forum-parse-worker.ts runs as a worker thread');

port.on('message', (m: ToParser) => void parse(m));

async function parse(start: StartParsing): Promise<void> {
  const send = (m: FromParser): void => port!.postMessage(m);
  const stored = new Int32Array(start.stored);
  let sent = 0;
  let events: ParsedEvent[] = [];
  let blocks = 0;
  const flush = (): void => {
    if (events.length === 0) return;
    // Nothing else runs on this thread meanwhile: it may block. (Waking now and then, should a
    // notification go astray, costs nothing.)
    for (let done = Atomics.load(stored, 0); sent - done >= MAX_IN_FLIGHT; done = Atomics.load(stored, 0)) {
      Atomics.wait(stored, 0, done, 1000);
    }
    sent++;
    send({ type: 'events', events });
    events = [];
    blocks = 0;
  };
  try {
    const parser = FORUM_PARSERS[start.parser]!;
    const input = forumParseInput(start.source, start.encoding, parser.format, (bytesDone) =>
      events.push({ kind: 'progress', bytesDone }),
    );
    for await (const event of parser.parse(input)) {
      if (event.kind === 'post') {
        events.push({ kind: 'post', post: event.post, prepared: preparePost(event.post, true) });
        blocks += event.post.blocks.length + 1;
      } else {
        events.push(event);
      }
      if (blocks >= BATCH_BLOCKS) flush();
    }
    flush();
    send({ type: 'done' });
  } catch (e) {
    // What was parsed before the failure goes first: the import meets the error where the parser did.
    flush();
    send({ type: 'failed', error: serializeError(e) });
  }
}
