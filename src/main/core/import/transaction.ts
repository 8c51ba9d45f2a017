import type { ImportSummary } from '../../../shared/model/library';
import { CruxError, isCruxError } from '../errors';
import type { Stores } from '../store';
import type { Database } from '../store/sqlite';
import { InvalidUtf8Error } from '../text/decode';
import type { SourceInfo } from './source-file';

/**
 * Runs one file's import in one transaction: committed whole, or on any error (or cancellation)
 * rolled back so the library is exactly as it was. Opened by hand rather than with
 * `db.transaction()` because reading the file is asynchronous: the event loop keeps running, so
 * progress can be drawn and Ctrl-C can cancel.
 */
export async function inImportTransaction<T>(db: Database, file: string, work: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await work();
    db.exec('COMMIT');
    return result;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (isCruxError(e) || e instanceof InvalidUtf8Error) throw e;
    throw new CruxError('bad-input', `${file}: import failed (${(e as Error).message}); nothing was written`);
  }
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
