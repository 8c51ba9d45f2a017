import path from 'node:path';
import type { ImportProgress, ImportSummary, TextFormat, ThreadFormat } from '../../../shared/model/library';
import { CruxError } from '../errors';
import { detectFormat, parserFor } from '../importers/detect';
import type { Block } from '../importers/types';
import { DetectorUnavailable, startDetection, type DetectionJob } from '../quotes/detector';
import { openingComplete, openingHasText, openingIdentity } from '../quotes/identity';
import type { Stores } from '../store';
import { INDEX_STRETCH, indexSomeDeferred } from '../store/passages';
import type { TextEncodingName } from '../text/decode';
import { finishReadAhead, readAhead, seedOf, threadShown, type ReadAhead } from './read-ahead';
import { inspectSource, readText, type SourceInfo } from './source-file';
import { DetectedThreadWriter, ThreadWriter } from './thread-writer';
import {
  finishClosedThread,
  finishThread,
  inImportTransaction,
  previousImport,
  withEncodingFallback,
} from './transaction';

export type ImportFormatOption = 'auto' | ThreadFormat;

function isTextFormat(format: ImportFormatOption | undefined): format is TextFormat {
  return format === 'text' || format === 'markdown';
}

export interface ImportOptions {
  format?: ImportFormatOption;
  title?: string;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  /** The clock, for tests. */
  now?: () => Date;
}

/**
 * Imports one file as one thread, all-or-nothing (its own transaction, or a savepoint in an import
 * batch's): it is wholly imported or, on any error or cancellation, the library is left exactly as
 * it was. Quote detection runs on a worker thread beside this one when it can (see
 * quotes/detector.ts); the rows stored are the same either way.
 */
export async function importFile(
  stores: Stores,
  file: string,
  options: ImportOptions = {},
  inspected?: SourceInfo,
  queued?: ReadAhead,
): Promise<ImportSummary> {
  try {
    const source = inspected ?? (await inspectSource(file));
    const format = textFormatOf(source, options);
    const [previous] = previousImport(stores, source, format);
    if (previous) return previous;

    const warnings: string[] = [];
    let ahead = queued?.job;
    return await withEncodingFallback(source, warnings, (encoding) =>
      inImportTransaction(
        stores.db,
        source.file,
        async () => {
          // Read ahead in the file's own encoding: a second attempt in another one starts afresh.
          const job =
            ahead && encoding === source.encoding
              ? ahead
              : startDetection(source, encoding, format, { readingAhead: false });
          ahead = undefined;
          const shown = (identity: string): void => threadShown(stores, queued, identity);
          if (job) {
            try {
              return await storeDetected(stores, source, format, job, warnings, options, shown);
            } catch (e) {
              // The worker could not run this file and nothing of it was written: detect here instead.
              if (!(e instanceof DetectorUnavailable)) throw e;
            }
          }
          return await parseAndStore(stores, source, format, encoding, warnings, options, shown);
        },
        // A text import only adds rows (and touches its thread's): undone by deleting them.
        'rows',
      ),
    );
  } finally {
    finishReadAhead(stores, queued);
  }
}

function textFormatOf(source: SourceInfo, options: ImportOptions): TextFormat {
  return isTextFormat(options.format) ? options.format : detectFormat(source.file, source.head);
}

/** Starts detecting a text file's quotations before the import reaches it (see read-ahead.ts). */
export function readAheadText(stores: Stores, source: SourceInfo, options: ImportOptions): ReadAhead {
  return readAhead(stores, source, textFormatOf(source, options));
}

function threadTitle(source: SourceInfo, options: ImportOptions, parserTitle: string | undefined): string {
  return options.title ?? parserTitle ?? path.basename(source.file).replace(/\.[^.]+$/, '');
}

/** The thread these opening paragraphs identify: the one already in the library, or a new one. */
function threadFor(
  stores: Stores,
  source: SourceInfo,
  format: TextFormat,
  identity: string,
  title: string,
  now: string,
): number {
  return (
    stores.threads.byIdentity(identity, format)?.id ??
    stores.threads.insert({
      title,
      source: path.resolve(source.file),
      format,
      identity,
      content_hash: source.contentHash,
      imported_at: now,
    })
  );
}

/** Returns to the event loop, where the worker's messages are taken in. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Stores what the detection worker decides, batch by batch, while it reads on. */
async function storeDetected(
  stores: Stores,
  source: SourceInfo,
  format: TextFormat,
  job: DetectionJob,
  warnings: string[],
  options: ImportOptions,
  shown: (identity: string) => void,
): Promise<ImportSummary> {
  const now = (options.now ?? (() => new Date()))().toISOString();
  let writer: DetectedThreadWriter | undefined;
  try {
    for (;;) {
      // Give the files already stored their full-text entries (not before this thread is open: the
      // worker waits for that answer).
      while (writer && indexSomeDeferred(stores.db, INDEX_STRETCH)) await turn();
      const m = await job.next();
      if (m.type === 'done') break;
      if (m.type === 'opening') {
        shown(m.identity);
        const seed = job.seeded ?? seedOf(stores, m.identity, format);
        const threadId =
          seed.threadId ??
          stores.threads.insert({
            title: threadTitle(source, options, m.title),
            source: path.resolve(source.file),
            format,
            identity: m.identity,
            content_hash: source.contentHash,
            imported_at: now,
          });
        // Read ahead, the seed came from the library as it was then: nothing may have changed it since.
        if (job.seeded && stores.threads.byIdentity(m.identity, format)?.id !== threadId) {
          throw new Error(`${source.file}: its thread changed while it was read ahead`);
        }
        writer = new DetectedThreadWriter(stores, threadId, format, seed.ids);
        if (!job.seeded) job.seed(seed);
        continue;
      }
      if (options.signal?.aborted) {
        throw new CruxError('cancelled', `${source.file}: import cancelled; nothing was written`);
      }
      writer?.apply(m);
      job.ack();
      options.onProgress?.({
        file: source.file,
        bytesDone: m.bytesDone,
        bytesTotal: source.size,
        passagesDone: writer?.counts.newPassages ?? 0,
      });
      // Batches already here resolve without returning to the event loop: return to it, so that the
      // worker's other messages (the next file's opening) and file reads ahead are answered meanwhile.
      await turn();
    }
  } finally {
    job.cancel();
  }
  if (!writer) throw new Error('quote detection ended without reading the thread’s opening');
  return finishClosedThread(stores, source, writer.threadId, writer.counts.newPassages, format, now, warnings);
}

async function parseAndStore(
  stores: Stores,
  source: SourceInfo,
  format: TextFormat,
  encoding: TextEncodingName,
  warnings: string[],
  options: ImportOptions,
  shown: (identity: string) => void,
): Promise<ImportSummary> {
  const parser = parserFor(format);
  const now = (options.now ?? (() => new Date()))().toISOString();
  let writer: ThreadWriter | undefined;
  let opening: Block[] = [];

  const openThread = (): ThreadWriter => {
    const identity = openingIdentity(opening);
    shown(identity);
    const threadId = threadFor(stores, source, format, identity, threadTitle(source, options, parser.title), now);
    const w = new ThreadWriter(stores, threadId, format);
    for (const b of opening) w.push(b);
    opening = [];
    return w;
  };

  const take = (blocks: Block[]): void => {
    if (writer) {
      for (const b of blocks) writer.push(b);
      return;
    }
    opening.push(...blocks);
    if (openingComplete(opening)) writer = openThread();
  };

  for await (const { text, bytesDone } of readText(source, encoding)) {
    if (options.signal?.aborted) {
      throw new CruxError('cancelled', `${source.file}: import cancelled; nothing was written`);
    }
    take(parser.push(text));
    options.onProgress?.({
      file: source.file,
      bytesDone,
      bytesTotal: source.size,
      passagesDone: writer?.counts.newPassages ?? 0,
    });
  }
  take(parser.end());
  if (!writer) {
    if (!openingHasText(opening)) {
      throw new CruxError('bad-input', `${source.file}: contains no text to import`);
    }
    writer = openThread();
  }
  return finishThread(stores, source, writer, format, now, warnings);
}
