import path from 'node:path';
import type { ImportProgress, ImportSummary, TextFormat, ThreadFormat } from '../../../shared/model/library';
import { CruxError } from '../errors';
import { detectFormat, parserFor } from '../importers/detect';
import type { Block } from '../importers/types';
import type { Stores } from '../store';
import type { TextEncodingName } from '../text/decode';
import { normalize } from '../text/normalize';
import { inspectSource, readText, type SourceInfo } from './source-file';
import { textHash, ThreadWriter } from './thread-writer';
import { finishThread, inImportTransaction, previousImport, withEncodingFallback } from './transaction';

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

/** How many opening paragraphs identify a thread, so that a longer export of it is recognised. */
const IDENTITY_BLOCKS = 3;

/**
 * Imports one file as one thread, in one transaction: it is wholly imported or, on any error or
 * cancellation, the library is left exactly as it was.
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
    inImportTransaction(stores.db, source.file, () =>
      parseAndStore(stores, source, format, encoding, warnings, options),
    ),
  );
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
    const identity = threadIdentity(opening);
    const title = options.title ?? parser.title ?? path.basename(source.file).replace(/\.[^.]+$/, '');
    const existing = stores.threads.byIdentity(identity, format);
    const threadId =
      existing?.id ??
      stores.threads.insert({
        title,
        source: path.resolve(source.file),
        format,
        identity,
        content_hash: source.contentHash,
        imported_at: now,
      });
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
    if (opening.filter((b) => b.kind !== 'boundary').length >= IDENTITY_BLOCKS) writer = openThread();
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
    if (!opening.some((b) => b.kind !== 'boundary' && normalize(b.text) !== '')) {
      throw new CruxError('bad-input', `${source.file}: contains no text to import`);
    }
    writer = openThread();
  }
  return finishThread(stores, source, writer, format, now, warnings);
}

function threadIdentity(opening: readonly Block[]): string {
  const texts = opening
    .filter((b): b is Exclude<Block, { kind: 'boundary' }> => b.kind !== 'boundary')
    .slice(0, IDENTITY_BLOCKS)
    .map((b) => normalize(b.text));
  return `opening:${textHash(texts.join('\n'))}`;
}
