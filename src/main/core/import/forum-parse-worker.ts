// The forum parsing worker: reads a forum, Reddit, Hacker News or mail file, runs its parser,
// normalises and hashes every block, and sends the events in batches to the detection worker
// (forum-detect-worker.ts), which passes them on to the import's thread. It never touches the library.
// See forum-parsing.ts for the import's side.
import { parentPort } from 'node:worker_threads';
import { FORUM_PARSERS } from '../importers/registry';
import { forumParseInput } from './forum-input';
import { preparePost } from './thread-writer';
import { EventBatchWriter } from './event-batch';
import { BatchCounter, serializeError, type FromParser, type ToParser } from './forum-parse-protocol';

/** Blocks per batch: small enough that the next thread works on one batch while this one parses the next. */
const BATCH_BLOCKS = 512;

const port = parentPort;
if (!port) throw new Error('forum-parse-worker.ts runs as a worker thread');

port.on('message', (m: ToParser) => void parse(m));

async function parse(start: ToParser): Promise<void> {
  const send = (m: FromParser, transfer: ArrayBuffer[] = []): void => start.output.postMessage(m, transfer);
  const passedOn = new BatchCounter(start.passedOn);
  let sent = 0;
  const events = new EventBatchWriter();
  let blocks = 0;
  const flush = (): void => {
    if (events.empty) return;
    // Nothing else runs on this thread meanwhile: it may block.
    passedOn.waitBelowLimit(sent);
    sent++;
    const batch = events.take();
    send({ type: 'events', batch }, [batch.ints.buffer]);
    blocks = 0;
  };
  try {
    const parser = FORUM_PARSERS[start.parser]!;
    const input = forumParseInput(start.source, start.encoding, parser.format, (bytesDone) =>
      events.add({ kind: 'progress', bytesDone }),
    );
    for await (const event of parser.parse(input)) {
      if (event.kind === 'post') {
        events.add({ kind: 'post', post: event.post, prepared: preparePost(event.post, true) });
        blocks += event.post.blocks.length + 1;
      } else {
        events.add(event);
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
