import type { ImportSummary } from '../../../shared/model/library';
import { CruxError, isCruxError } from '../errors';
import type { Stores } from '../store';
import {
  abandonDeferredIndexing,
  deferFullTextIndexing,
  deferralMark,
  forgetDeferred,
  indexDeferredPassages,
  markDeferredIndexable,
  restoreDeferral,
} from '../store/passages';
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
 * How a file inside an import batch is taken back when it fails. `savepoint`: a savepoint, which
 * undoes anything. `rows`: the rows the file added are deleted and the thread row it touched is put
 * back, which is all a plain-text or Markdown import does (it only adds posts, passages, links and
 * an import record, and updates its thread's source and hash at the end). Savepoints make FTS5 flush
 * its pending entries as a new segment each time one opens, which would forbid indexing the files
 * already done while the next one is read.
 */
export type FileUndo = 'savepoint' | 'rows';

/**
 * Runs one file's import all-or-nothing: committed whole, or on any error (or cancellation) rolled
 * back so the library is exactly as it was. Alone, the file has its own transaction; inside an
 * import batch (`ImportBatch`), it shares the batch's and is undone as `undo` says. Opened by hand
 * rather than with `db.transaction()` because reading the file is asynchronous: the event loop
 * keeps running, so progress can be drawn and Ctrl-C can cancel.
 */
export async function inImportTransaction<T>(
  db: Database,
  file: string,
  work: () => Promise<T>,
  undo: FileUndo = 'savepoint',
): Promise<T> {
  const batch = openBatches.get(db);
  if (batch) return undo === 'rows' ? batch.inTextFile(file, work) : batch.inFile(file, work);
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

  /** A file that only adds rows (see `FileUndo`): on failure, they are deleted again. */
  async inTextFile<T>(file: string, work: () => Promise<T>): Promise<T> {
    const mark = deferralMark(this.db);
    const added = new AddedRows(this.db);
    addedRows.set(this.db, added);
    try {
      const result = await work();
      markDeferredIndexable(this.db);
      return result;
    } catch (e) {
      if (this.db.inTransaction) {
        try {
          added.remove();
          forgetDeferred(this.db, mark);
        } catch {
          // Could not take the file back: nothing since the last commit can be kept.
          this.rollback();
          this.lost = true;
        }
      } else {
        this.lost = true;
        this.close();
        abandonDeferredIndexing(this.db);
      }
      throw failure(file, e);
    } finally {
      addedRows.delete(this.db);
    }
  }

  async inFile<T>(file: string, work: () => Promise<T>): Promise<T> {
    const mark = deferralMark(this.db);
    this.db.exec(`SAVEPOINT ${FILE_SAVEPOINT}`);
    try {
      const result = await work();
      this.db.exec(`RELEASE ${FILE_SAVEPOINT}`);
      // The file is in: its passages may get their full-text entries while the next one is read.
      markDeferredIndexable(this.db);
      return result;
    } catch (e) {
      if (this.db.inTransaction) {
        this.db.exec(`ROLLBACK TO ${FILE_SAVEPOINT}`);
        this.db.exec(`RELEASE ${FILE_SAVEPOINT}`);
        restoreDeferral(this.db, mark);
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

/** The tables a plain-text import adds rows to, children first. */
const ADDED_TO = ['links', 'passages', 'posts', 'imports', 'threads'] as const;

/** Where each table's ids stood when a file began, and the thread rows it changed, as they were. */
class AddedRows {
  private readonly from = new Map<string, number>();
  private readonly threads = new Map<number, { content_hash: string; source: string; updated_at: string }>();

  constructor(private readonly db: Database) {
    for (const table of ADDED_TO) {
      const { n } = db.prepare(`SELECT coalesce(max(id), 0) + 1 AS n FROM ${table}`).get() as { n: number };
      this.from.set(table, n);
    }
  }

  /** Before a thread row is changed: keeps what it said, unless the file added the thread itself. */
  changing(threadId: number): void {
    if (this.threads.has(threadId) || threadId >= this.from.get('threads')!) return;
    const row = this.db.prepare(`SELECT content_hash, source, updated_at FROM threads WHERE id = ?`).get(threadId) as
      { content_hash: string; source: string; updated_at: string } | undefined;
    if (row) this.threads.set(threadId, row);
  }

  remove(): void {
    for (const table of ADDED_TO) this.db.prepare(`DELETE FROM ${table} WHERE id >= ?`).run(this.from.get(table)!);
    for (const [id, row] of this.threads) {
      this.db
        .prepare(`UPDATE threads SET content_hash = ?, source = ?, updated_at = ? WHERE id = ?`)
        .run(row.content_hash, row.source, row.updated_at, id);
    }
  }
}

/** The rows the file being imported on a connection adds, if it is undone that way. */
const addedRows = new WeakMap<Database, AddedRows>();

/** Ends one thread's part of an import: leftover quotations settled, the file recorded against the thread. */
export function finishThread(
  stores: Stores,
  source: SourceInfo,
  writer: ThreadWriter,
  format: string,
  now: string,
  warnings: string[],
): ImportSummary {
  writer.end();
  addedRows.get(stores.db)?.changing(writer.threadId);
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
  addedRows.get(stores.db)?.changing(threadId);
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
