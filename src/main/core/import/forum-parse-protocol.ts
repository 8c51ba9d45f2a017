// Messages between a forum import and the worker that parses its file (forum-parse-worker.ts).
import { CruxError, isCruxError } from '../errors';
import type { ErrorCode } from '../../../shared/api/result';
import type { SourcePost, SourceThread } from '../importers/source-thread';
import { InvalidUtf8Error, type TextEncodingName } from '../text/decode';
import type { SourceInfo } from './source-file';
import type { PreparedPost } from './thread-writer';

/** A parser's event as the import stores it; a post may come with its texts prepared. */
export type ParsedEvent =
  | { kind: 'thread'; thread: SourceThread }
  | { kind: 'post'; post: SourcePost; prepared?: PreparedPost }
  | { kind: 'warning'; message: string }
  /** The next chunk of the file is read: what follows came from it. */
  | { kind: 'progress'; bytesDone: number };

/** What the import stores: progress is reported as it is met. */
export type ForumEvent = Exclude<ParsedEvent, { kind: 'progress' }>;

export interface StartParsing {
  type: 'start';
  source: SourceInfo;
  encoding: TextEncodingName;
  /** The parser's index in FORUM_PARSERS. */
  parser: number;
  /**
   * One Int32: how many batches the import has stored, counted up by it (and notified) rather than
   * acknowledged by message: a message per batch cost the import's thread more than the batch's events.
   */
  stored: SharedArrayBuffer;
}

export type ToParser = StartParsing;

export interface ParsedBatch {
  type: 'events';
  events: ParsedEvent[];
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
