// Parsing a forum file beside its import: a worker thread reads, parses and normalises the file
// (forum-parse-worker.ts) while the import's thread stores what it parsed so far. Parsing a large
// dump costs a third to half of what storing it does; on the import's thread it came on top.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CruxError } from '../errors';
import { FORUM_PARSERS } from '../importers/registry';
import type { ForumParser, SourceEvent } from '../importers/source-thread';
import { InvalidUtf8Error, type TextEncodingName } from '../text/decode';
import { forumParseInput } from './forum-input';
import { deserializeError, type ForumEvent, type FromParser, type ToParser } from './forum-parse-protocol';
import type { SourceInfo } from './source-file';
import { workerScript, type WorkerScript } from '../worker-script';

/** Smaller files are parsed in the import's thread: starting a worker costs more than it saves. */
let workerMinBytes = 4 * 1024 * 1024;

/** For tests and the benchmark: the smallest file parsed on a worker (Infinity: none). */
export function setForumParseWorkerMinBytes(bytes: number): void {
  workerMinBytes = bytes;
}

/** Files parsed on a worker so far in this process: for tests. */
export const forumParseCounts = { worker: 0 };

/** The worker could not start: the file is parsed in the import's thread instead. */
class ParserUnavailable extends Error {}

/**
 * The parser's events for a file, in order, with a `progress` event as each chunk is read
 * (`beforeChunk` runs there too in the import's thread, so that it can cancel). Complaints about
 * the input come out as a CruxError naming the file.
 */
export async function* parsedEvents(
  parser: ForumParser,
  source: SourceInfo,
  encoding: TextEncodingName,
  beforeChunk: (bytesDone: number) => void,
): AsyncGenerator<ForumEvent> {
  const index = FORUM_PARSERS.indexOf(parser);
  const script = index >= 0 && source.size >= workerMinBytes ? thisWorkerScript() : undefined;
  if (script) {
    try {
      yield* onWorker(script, index, source, encoding, beforeChunk);
      return;
    } catch (e) {
      if (!(e instanceof ParserUnavailable)) throw named(e, source.file);
    }
  }
  const input = forumParseInput(source, encoding, parser.format, beforeChunk);
  try {
    for await (const event of parser.parse(input) as AsyncIterable<SourceEvent>) yield event;
  } catch (e) {
    throw named(e, source.file);
  }
}

/** The parser's complaints about the input, as messages naming the file. */
function named(e: unknown, file: string): unknown {
  if (e instanceof CruxError || e instanceof InvalidUtf8Error) return e;
  return new CruxError('bad-input', `${file}: ${(e as Error).message}`);
}

async function* onWorker(
  script: WorkerScript,
  parser: number,
  source: SourceInfo,
  encoding: TextEncodingName,
  beforeChunk: (bytesDone: number) => void,
): AsyncGenerator<ForumEvent> {
  const worker = new Worker(script.file, { execArgv: script.execArgv });
  const queue: FromParser[] = [];
  let failure: Error | undefined;
  let answered = false;
  let wake: (() => void) | undefined;
  const stop = (e: Error): void => {
    failure ??= answered ? e : new ParserUnavailable(e.message);
    wake?.();
  };
  worker.on('message', (m: FromParser) => {
    answered = true;
    queue.push(m);
    wake?.();
  });
  worker.on('error', stop);
  worker.on('exit', (code) => stop(new Error(`the forum parsing worker stopped (exit code ${code})`)));
  const stored = new Int32Array(new SharedArrayBuffer(4));
  worker.postMessage({ type: 'start', source, encoding, parser, stored: stored.buffer } satisfies ToParser);
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
      for (const event of m.events) {
        if (event.kind === 'progress') beforeChunk(event.bytesDone);
        else yield event;
      }
      Atomics.add(stored, 0, 1);
      Atomics.notify(stored, 0);
    }
  } finally {
    // A worker waiting for batches to be stored wakes at once (more than it could ever have sent) to be stopped.
    Atomics.store(stored, 0, 2 ** 30);
    Atomics.notify(stored, 0);
    void worker.terminate();
  }
}

/** Where this module's worker's code is (see worker-script.ts). */
function thisWorkerScript(): WorkerScript | undefined {
  return workerScript(
    typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url),
    'forum-parse-worker',
  );
}
