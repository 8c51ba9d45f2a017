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

const FILE_SAVEPOINT = 'crux_import_file';

/** The batch a connection is importing into, if any: its files share its transaction. */
const openBatches = new WeakMap<Database, ImportBatch>();

/**
 * Runs one file's import all-or-nothing: committed whole, or on any error (or cancellation) rolled
 * back so the library is exactly as it was. Alone, the file has its own transaction; inside an
 * import batch (`ImportBatch`), a savepoint in the batch's transaction. Opened by hand rather than
 * with `db.transaction()` because reading the file is asynchronous: the event loop keeps running,
 * so progress can be drawn and Ctrl-C can cancel.
 */
export async function inImportTransaction<T>(db: Database, file: string, work: () => Promise<T>): Promise<T> {
  const batch = openBatches.get(db);
  if (batch) return batch.inFile(file, work);
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
 * Several files imported in one transaction, each in a savepoint so that a failing file still
 * leaves nothing behind while the others stay: committing once per file made every import pay for
 * a commit and for FTS5 flushing its pending entries as a small segment (see docs/performance.md).
 * The caller commits when it likes (every few tens of thousands of passages) and at the end.
 */
export class ImportBatch {
  /** SQLite rolled the whole transaction back (a full disk does): the files since the last commit are gone. */
  lost = false;

  constructor(private readonly db: Database) {}

  /** Opens the batch's transaction; files imported on this connection from now on join it. */
  begin(): void {
    if (openBatches.has(this.db)) throw new Error('an import batch is already open on this connection');
    this.db.exec('BEGIN IMMEDIATE');
    deferFullTextIndexing(this.db);
    openBatches.set(this.db, this);
    this.lost = false;
  }

  get isOpen(): boolean {
    return openBatches.get(this.db) === this;
  }

  /** Indexes and commits what the batch wrote, and closes it; if that fails, rolls it all back and throws. */
  commit(): void {
    this.close();
    try {
      indexDeferredPassages(this.db);
      this.db.exec('COMMIT');
    } catch (e) {
      abandonDeferredIndexing(this.db);
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    }
  }

  /** Rolls back everything since the last commit, and closes the batch. */
  rollback(): void {
    this.close();
    abandonDeferredIndexing(this.db);
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  private close(): void {
    if (openBatches.get(this.db) === this) openBatches.delete(this.db);
  }

  async inFile<T>(file: string, work: () => Promise<T>): Promise<T> {
    this.db.exec(`SAVEPOINT ${FILE_SAVEPOINT}`);
    try {
      const result = await work();
      this.db.exec(`RELEASE ${FILE_SAVEPOINT}`);
      return result;
    } catch (e) {
      if (this.db.inTransaction) {
        this.db.exec(`ROLLBACK TO ${FILE_SAVEPOINT}`);
        this.db.exec(`RELEASE ${FILE_SAVEPOINT}`);
      } else {
        this.lost = true;
        this.close();
        abandonDeferredIndexing(this.db);
      }
      throw failure(file, e);
    }
  }
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
