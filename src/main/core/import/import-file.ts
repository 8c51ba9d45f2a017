import path from 'node:path';
import type { ImportProgress, ImportSummary, TextFormat, ThreadFormat } from '../../../shared/model/library';
import { CruxError } from '../errors';
import { detectFormat, parserFor } from '../importers/detect';
import type { Block } from '../importers/types';
import { DetectorUnavailable, startDetection, type DetectionJob } from '../quotes/detector';
import { openingComplete, openingHasText, openingIdentity } from '../quotes/identity';
import type { Stores } from '../store';
import type { TextEncodingName } from '../text/decode';
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
): Promise<ImportSummary> {
  const source = inspected ?? (await inspectSource(file));
  const format = isTextFormat(options.format) ? options.format : detectFormat(file, source.head);
  const [previous] = previousImport(stores, source, format);
  if (previous) return previous;

  const warnings: string[] = [];
  return withEncodingFallback(source, warnings, (encoding) =>
    inImportTransaction(stores.db, source.file, async () => {
      const job = startDetection(source, encoding, format);
      if (job) {
        try {
          return await storeDetected(stores, source, format, job, warnings, options);
        } catch (e) {
          // The worker could not run this file and nothing of it was written: detect here instead.
          if (!(e instanceof DetectorUnavailable)) throw e;
        }
      }
      return parseAndStore(stores, source, format, encoding, warnings, options);
    }),
  );
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

/** Stores what the detection worker decides, batch by batch, while it reads on. */
async function storeDetected(
  stores: Stores,
  source: SourceInfo,
  format: TextFormat,
  job: DetectionJob,
  warnings: string[],
  options: ImportOptions,
): Promise<ImportSummary> {
  const now = (options.now ?? (() => new Date()))().toISOString();
  let writer: DetectedThreadWriter | undefined;
  try {
    for (;;) {
      const m = await job.next();
      if (m.type === 'done') break;
      if (m.type === 'opening') {
        const threadId = threadFor(stores, source, format, m.identity, threadTitle(source, options, m.title), now);
        writer = new DetectedThreadWriter(stores, threadId, format);
        job.seed(writer.existingTexts());
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
): Promise<ImportSummary> {
  const parser = parserFor(format);
  const now = (options.now ?? (() => new Date()))().toISOString();
  let writer: ThreadWriter | undefined;
  let opening: Block[] = [];

  const openThread = (): ThreadWriter => {
    const identity = openingIdentity(opening);
    const threadId = threadFor(stores, source, format, identity, threadTitle(source, options, parser.title), now);
    const w = new ThreadWriter(stores, threadId, format);
    for (const b of opening) w.apply(w.reconstructor.push(b));
    opening = [];
    return w;
  };

  const take = (blocks: Block[]): void => {
    if (writer) {
      for (const b of blocks) writer.apply(writer.reconstructor.push(b));
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
