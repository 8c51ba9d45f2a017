// Messages between a forum import and the two workers beside it: one parses the file
// (forum-parse-worker.ts) and sends its batches to the other, which detects their quotations
// (forum-detect-worker.ts) and passes them on to the import.
import { CruxError, isCruxError } from '../errors';
import type { ErrorCode } from '../../../shared/api/result';
import type { SourcePost, SourceThread } from '../importers/source-thread';
import type { MessagePort } from 'node:worker_threads';
import { InvalidUtf8Error, type TextEncodingName } from '../text/decode';
import type { SourceInfo } from './source-file';
import type { PostDecisions } from '../quotes/post-decider';
import type { EventBatch } from './event-batch';
import type { PreparedPost } from './thread-writer';

/**
 * A parser's event as the import stores it; a post may come with its texts prepared, and with what
 * its blocks become (see forum-quote-detection.ts).
 */
export type ParsedEvent =
  | { kind: 'thread'; thread: SourceThread }
  | { kind: 'post'; post: SourcePost; prepared?: PreparedPost; decided?: PostDecisions }
  | { kind: 'warning'; message: string }
  /** The next chunk of the file is read: what follows came from it. */
  | { kind: 'progress'; bytesDone: number };

/**
 * What the import stores: progress is reported as it is met. `held` tells the worker that the
 * library holds the thread, so that it stops deciding its posts.
 */
export type ForumEvent =
  { kind: 'thread'; thread: SourceThread; held?: () => void } | Exclude<ParsedEvent, { kind: 'progress' | 'thread' }>;

/**
 * Batches sent on and not yet taken by the next thread: bounds what waits in memory when the next
 * thread is the slower side.
 */
export const MAX_IN_FLIGHT = 8;

export interface StartParsing {
  type: 'start';
  source: SourceInfo;
  encoding: TextEncodingName;
  /** The parser's index in FORUM_PARSERS. */
  parser: number;
  /** Where the batches go: a port of the detection worker. */
  output: MessagePort;
  /** A BatchCounter of the batches the detection worker has passed on. */
  passedOn: SharedArrayBuffer;
}

export type ToParser = StartParsing;

export interface StartDetecting {
  type: 'start';
  /** Where the parsing worker's batches come from. */
  input: MessagePort;
  /** A BatchCounter of the batches this worker has passed on, for the parsing worker. */
  passedOn: SharedArrayBuffer;
  /** A BatchCounter of the batches the import has stored. */
  stored: SharedArrayBuffer;
}

/** The library holds this thread: the import decides its posts (see forum-quote-detection.ts). */
export interface ThreadHeld {
  type: 'held';
  identity: string;
}

export type ToDetector = StartDetecting | ThreadHeld;

/**
 * How many batches a thread has taken from the one before it, in one shared Int32 counted up (and
 * notified) by the taker rather than acknowledged by message: a message per batch cost the import's
 * thread more than the batch's events. The sender blocks while it is MAX_IN_FLIGHT ahead.
 */
export class BatchCounter {
  private readonly count: Int32Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.count = new Int32Array(buffer);
  }

  get buffer(): SharedArrayBuffer {
    return this.count.buffer as SharedArrayBuffer;
  }

  taken(): void {
    Atomics.add(this.count, 0, 1);
    Atomics.notify(this.count, 0);
  }

  /** The taker stops: a sender waiting for it wakes at once (more than it could ever have sent). */
  close(): void {
    Atomics.store(this.count, 0, 2 ** 30);
    Atomics.notify(this.count, 0);
  }

  /** Blocks until fewer than MAX_IN_FLIGHT of the `sent` batches are untaken. Only on a worker thread. */
  waitBelowLimit(sent: number): void {
    // Waking now and then, should a notification go astray, costs nothing.
    for (let taken = Atomics.load(this.count, 0); sent - taken >= MAX_IN_FLIGHT; taken = Atomics.load(this.count, 0)) {
      Atomics.wait(this.count, 0, taken, 1000);
    }
  }
}

export interface ParsedBatch {
  type: 'events';
  batch: EventBatch;
}

export interface ParsingDone {
  type: 'done';
}

export type SerializedError =
  | { kind: 'crux'; code: string; message: string }
  | { kind: 'invalid-utf8'; byteOffset: number }
  | { kind: 'other'; message: string };

export interface ParsingFailed {
  type: 'failed';
  error: SerializedError;
}

export type FromParser = ParsedBatch | ParsingDone | ParsingFailed;

/** An error as it crosses to the other thread: the kinds the import tells apart keep their class. */
export function serializeError(e: unknown): SerializedError {
  if (e instanceof InvalidUtf8Error) return { kind: 'invalid-utf8', byteOffset: e.byteOffset };
  if (isCruxError(e)) return { kind: 'crux', code: e.code, message: e.message };
  return { kind: 'other', message: (e as Error).message ?? String(e) };
}

export function deserializeError(e: SerializedError): Error {
  if (e.kind === 'invalid-utf8') return new InvalidUtf8Error(e.byteOffset);
  if (e.kind === 'crux') return new CruxError(e.code as ErrorCode, e.message);
  return new Error(e.message);
}
