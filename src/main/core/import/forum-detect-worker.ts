// The forum detection worker: takes the parsing worker's batches, decides what the posts of threads
// new to the library become (forum-quote-detection.ts), and passes each batch on to the import's
// thread with those decisions, while that thread stores the batches before and the parsing worker
// parses the next. Parsing, detecting and storing each get a thread: on two cores or more a large
// dump no longer waits for quote detection on the thread that holds the library's connection.
import { parentPort } from 'node:worker_threads';
import { ForumQuoteDetection } from './forum-quote-detection';
import type { PostDecisions } from '../quotes/post-decider';
import { batchEvents, packDecisions } from './event-batch';
import { BatchCounter, type FromParser, type StartDetecting, type ToDetector } from './forum-parse-protocol';

const port = parentPort;
if (!port) throw new Error('forum-detect-worker.ts runs as a worker thread');

// One worker detects one file's threads (forum-parsing.ts starts the workers per file).
const detection = new ForumQuoteDetection();

port.on('message', (m: ToDetector) => {
  if (m.type === 'start') detect(m);
  else detection.held(m.identity);
});

function detect(start: StartDetecting): void {
  const input = start.input;
  const passedOn = new BatchCounter(start.passedOn);
  const stored = new BatchCounter(start.stored);
  let sent = 0;
  input.on('message', (m: FromParser) => {
    if (m.type !== 'events') {
      port!.postMessage(m);
      return;
    }
    const decisions: (PostDecisions | undefined)[] = [];
    for (const event of batchEvents(m.batch)) {
      if (event.kind === 'thread') detection.thread(event.thread.identity);
      else if (event.kind === 'post') decisions.push(detection.post(event.post, event.prepared!));
    }
    const batch = { ...m.batch, decided: packDecisions(decisions) };
    // Nothing else runs on this thread meanwhile but `held`, which may wait: it may block.
    stored.waitBelowLimit(sent);
    sent++;
    port!.postMessage({ type: 'events', batch } satisfies FromParser, [batch.ints.buffer, batch.decided.buffer]);
    passedOn.taken();
  });
}
