// Messages between an import (the thread that owns the SQLite connection) and the quote-detection
// worker, which reads, parses and reconstructs a plain-text or Markdown file's quotations beside it.
import type { TextFormat } from '../../../shared/model/library';
import type { SourceInfo } from '../import/source-file';
import type { TextEncodingName } from '../text/decode';

export interface StartDetection {
  type: 'start';
  job: number;
  source: SourceInfo;
  encoding: TextEncodingName;
  format: TextFormat;
  /** Read ahead of the import, or started for the file it is storing now (which never gives way). */
  readingAhead: boolean;
}

/** The thread's passages already in the library, in reading order (empty for a new thread). */
export interface SeedDetection {
  type: 'seed';
  job: number;
  texts: string[];
}

/** A batch was stored: the worker may send another. */
export interface AckDetection {
  type: 'ack';
  job: number;
}

export interface CancelDetection {
  type: 'cancel';
  job: number;
}

export type ToDetector = StartDetection | SeedDetection | AckDetection | CancelDetection;

/** Enough of the file is read to tell which thread it is; the worker waits for the seed. */
export interface OpeningRead {
  type: 'opening';
  job: number;
  identity: string;
  /** A title the source itself gives (a leading Markdown heading), if any. */
  title: string | undefined;
}

/**
 * What quote reconstruction decided for the next stretch of the file, in order. `ops` is a stream of
 * integers: OP_BOUNDARY; OP_PASSAGE, index, quotedOnly, text length, link count, links; OP_LINKS,
 * from index, link count, links; each link as target index, kind (LINK_KINDS), start, end, the span
 * in the target's original text. The passages' texts follow each other in `texts`, their hashes
 * (HASH_LENGTH characters each) in `hashes`: two strings to copy between threads rather than two
 * per passage.
 */
export interface DetectedBatch {
  type: 'batch';
  job: number;
  bytesDone: number;
  texts: string;
  hashes: string;
  ops: Int32Array;
}

/** A passage's text hash: sha1 in hex. */
export const HASH_LENGTH = 40;

export interface DetectionDone {
  type: 'done';
  job: number;
}

export interface DetectionFailed {
  type: 'failed';
  job: number;
  error:
    | { kind: 'crux'; code: string; message: string }
    | { kind: 'invalid-utf8'; byteOffset: number }
    | {
        kind: 'other';
        message: string;
      };
}

export type FromDetector = OpeningRead | DetectedBatch | DetectionDone | DetectionFailed;

export const OP_BOUNDARY = 0;
export const OP_PASSAGE = 1;
export const OP_LINKS = 2;
export const LINK_KINDS = ['quote', 'embedded'] as const;
