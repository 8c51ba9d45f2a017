// Parsing a forum file beside its import: one worker thread reads, parses and normalises the file
// (forum-parse-worker.ts), a second detects the quotations of its new threads (forum-detect-worker.ts),
// while the import's thread stores what came through so far. Parsing a large dump costs a third to half
// of what storing it does, and detecting its quotations about as much again: on the import's thread
// they came on top.
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { CruxError } from '../errors';
import { FORUM_PARSERS } from '../importers/registry';
import type { ForumParser, SourceEvent } from '../importers/source-thread';
import { InvalidUtf8Error, type TextEncodingName } from '../text/decode';
import { batchEvents } from './event-batch';
import { forumParseInput } from './forum-input';
import {
  BatchCounter,
  deserializeError,
  type ForumEvent,
  type FromParser,
  type ToDetector,
  type ToParser,
} from './forum-parse-protocol';
import type { SourceInfo } from './source-file';
import { workerScript, type WorkerScript } from '../worker-script';

/** Smaller files are parsed in the import's thread: starting a worker costs more than it saves. */
let workerMinBytes = 4 * 1024 * 1024;

/** For tests and the benchmark: the smallest file parsed on a worker (Infinity: none). */
export function setForumParseWorkerMinBytes(bytes: number): void {
  workerMinBytes = bytes;
}

/**
 * For tests: files parsed on a worker so far in this process, posts that came with what their blocks
 * become, and threads the worker was told the library holds.
 */
export const forumParseCounts = { worker: 0, decidedPosts: 0, held: 0 };

/** A worker could not start: the file is parsed in the import's thread instead. */
class ParserUnavailable extends Error {}

/**
 * The parser's events for a file, in order, in runs: a worker's batch comes as one run, cut where a
 * chunk of the file was read (`beforeChunk` runs there, in the import's thread, so that it can
 * cancel). An async step per event cost the import's thread ~2 µs each, a third of a second per
 * 100 MiB of Hacker News. Complaints about the input come out as a CruxError naming the file.
 */
export async function* parsedEvents(
  parser: ForumParser,
  source: SourceInfo,
  encoding: TextEncodingName,
  beforeChunk: (bytesDone: number) => void,
): AsyncGenerator<ForumEvent[]> {
  const index = FORUM_PARSERS.indexOf(parser);
  const scripts = index >= 0 && source.size >= workerMinBytes ? workerScripts() : undefined;
  if (scripts) {
    try {
      yield* onWorkers(scripts, index, source, encoding, beforeChunk);
      return;
    } catch (e) {
      if (!(e instanceof ParserUnavailable)) throw named(e, source.file);
    }
  }
  const input = forumParseInput(source, encoding, parser.format, beforeChunk);
  try {
    for await (const event of parser.parse(input) as AsyncIterable<SourceEvent>) yield [event];
  } catch (e) {
    throw named(e, source.file);
  }
}

/** The parser's complaints about the input, as messages naming the file. */
function named(e: unknown, file: string): unknown {
  if (e instanceof CruxError || e instanceof InvalidUtf8Error) return e;
  return new CruxError('bad-input', `${file}: ${(e as Error).message}`);
}

async function* onWorkers(
  scripts: { parse: WorkerScript; detect: WorkerScript },
  parser: number,
  source: SourceInfo,
  encoding: TextEncodingName,
  beforeChunk: (bytesDone: number) => void,
): AsyncGenerator<ForumEvent[]> {
  const parsing = new Worker(scripts.parse.file, { execArgv: scripts.parse.execArgv });
  const detecting = new Worker(scripts.detect.file, { execArgv: scripts.detect.execArgv });
  const queue: FromParser[] = [];
  let failure: Error | undefined;
  let answered = false;
  let wake: (() => void) | undefined;
  const stop = (e: Error): void => {
    failure ??= answered ? e : new ParserUnavailable(e.message);
    wake?.();
  };
  detecting.on('message', (m: FromParser) => {
    answered = true;
    queue.push(m);
    wake?.();
  });
  for (const [worker, name] of [
    [parsing, 'parsing'],
    [detecting, 'detection'],
  ] as const) {
    worker.on('error', stop);
    worker.on('exit', (code) => stop(new Error(`the forum ${name} worker stopped (exit code ${code})`)));
  }
  const held = (identity: string): void => {
    forumParseCounts.held++;
    detecting.postMessage({ type: 'held', identity } satisfies ToDetector);
  };
  const passedOn = new BatchCounter();
  const stored = new BatchCounter();
  const { port1, port2 } = new MessageChannel();
  detecting.postMessage(
    { type: 'start', input: port2, passedOn: passedOn.buffer, stored: stored.buffer } satisfies ToDetector,
    [port2],
  );
  parsing.postMessage(
    { type: 'start', source, encoding, parser, output: port1, passedOn: passedOn.buffer } satisfies ToParser,
    [port1],
  );
  forumParseCounts.worker++;
  try {
    for (;;) {
      while (queue.length === 0) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
      const m = queue.shift()!;
      if (m.type === 'done') return;
      if (m.type === 'failed') throw deserializeError(m.error);
      let run: ForumEvent[] = [];
      for (const event of batchEvents(m.batch)) {
        if (event.kind === 'progress') {
          // What came before the chunk is stored before it is reported.
          if (run.length > 0) yield run;
          run = [];
          beforeChunk(event.bytesDone);
        } else if (event.kind === 'thread') {
          run.push({ ...event, held: () => held(event.thread.identity) });
        } else {
          if (event.kind === 'post' && event.decided) forumParseCounts.decidedPosts++;
          run.push(event);
        }
      }
      if (run.length > 0) yield run;
      stored.taken();
    }
  } finally {
    // Workers waiting for their batches to be taken wake at once, to be stopped.
    stored.close();
    passedOn.close();
    void parsing.terminate();
    void detecting.terminate();
  }
}

/** Where this module's workers' code is (see worker-script.ts); undefined unless both are there. */
function workerScripts(): { parse: WorkerScript; detect: WorkerScript } | undefined {
  const caller = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  const parse = workerScript(caller, 'forum-parse-worker');
  const detect = workerScript(caller, 'forum-detect-worker');
  return parse && detect ? { parse, detect } : undefined;
}
