import type { ImportSummary } from '../../../shared/model/library';
import { CruxError, isCruxError } from '../errors';
import type { Stores } from '../store';
import { abandonDeferredIndexing, deferFullTextIndexing, indexDeferredPassages } from '../store/passages';
import type { Database } from '../store/sqlite';
import { InvalidUtf8Error } from '../text/decode';
import path from 'node:path';
import type { TextEncodingName } from '../text/decode';
import type { SourceInfo } from './source-file';
import type { ThreadWriter } from './thread-writer';

/**
 * Runs one file's import in one transaction: committed whole, or on any error (or cancellation)
 * rolled back so the library is exactly as it was. Opened by hand rather than with
 * `db.transaction()` because reading the file is asynchronous: the event loop keeps running, so
 * progress can be drawn and Ctrl-C can cancel. The full-text entries are added in one statement
 * before the commit (see store/passages.ts).
 */
export async function inImportTransaction<T>(db: Database, file: string, work: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  deferFullTextIndexing(db);
  try {
    const result = await work();
    indexDeferredPassages(db);
    db.exec('COMMIT');
    return result;
  } catch (e) {
    abandonDeferredIndexing(db);
    if (db.inTransaction) db.exec('ROLLBACK');
    throw failure(file, e);
  }
}

function failure(file: string, e: unknown): unknown {
  if (isCruxError(e) || e instanceof InvalidUtf8Error) return e;
  return new CruxError('bad-input', `${file}: import failed (${(e as Error).message}); nothing was written`);
}

/**
 * Runs an import in the file's own encoding and, when that turns out not to be valid UTF-8, once
 * more from the start as Windows-1252 (the first attempt was rolled back), with a warning.
 */
export async function withEncodingFallback<T>(
  source: SourceInfo,
  warnings: string[],
  run: (encoding: TextEncodingName) => Promise<T>,
): Promise<T> {
  try {
    return await run(source.encoding);
  } catch (e) {
    if (!(e instanceof InvalidUtf8Error)) throw e;
    warnings.push(`${source.file}: not valid UTF-8 (${e.message}); read as Windows-1252`);
    return await run('windows-1252');
  }
}

/** Ends one thread's part of an import: leftover quotations settled, the file recorded against the thread. */
export function finishThread(
  stores: Stores,
  source: SourceInfo,
  writer: ThreadWriter,
  format: string,
  now: string,
  warnings: string[],
): ImportSummary {
  writer.apply(writer.reconstructor.end());
  stores.threads.recordUpdate(writer.threadId, source.contentHash, path.resolve(source.file), now);
  stores.imports.record({
    thread_id: writer.threadId,
    source: path.resolve(source.file),
    content_hash: source.contentHash,
    format,
    imported_at: now,
    new_passages: writer.counts.newPassages,
  });
  return summarize(stores, source.file, writer.threadId, writer.counts.newPassages, warnings);
}

/** Records a thread whose writer was already settled (its reconstructor ended). */
export function finishClosedThread(
  stores: Stores,
  source: SourceInfo,
  threadId: number,
  newPassages: number,
  format: string,
  now: string,
  warnings: string[],
): ImportSummary {
  stores.threads.recordUpdate(threadId, source.contentHash, path.resolve(source.file), now);
  stores.imports.record({
    thread_id: threadId,
    source: path.resolve(source.file),
    content_hash: source.contentHash,
    format,
    imported_at: now,
    new_passages: newPassages,
  });
  return summarize(stores, source.file, threadId, newPassages, warnings);
}

/** The threads these exact bytes were imported into before, read the same way; empty if none. */
export function previousImport(stores: Stores, source: SourceInfo, format: string): ImportSummary[] {
  return stores.imports
    .threadsForContent(source.contentHash, format)
    .filter((id) => stores.threads.byId(id))
    .map((id) => summarize(stores, source.file, id, 0, []));
}

export function summarize(
  stores: Stores,
  file: string,
  threadId: number,
  newPassages: number,
  warnings: string[],
): ImportSummary {
  const thread = stores.threads.byId(threadId)!;
  return {
    file,
    threadId,
    title: thread.title,
    format: thread.format,
    posts: stores.posts.count(threadId),
    passages: stores.passages.count(threadId),
    newPassages,
    links: stores.links.countInThread(threadId),
    warnings,
  };
}
