import type { In } from '../../../shared/api/contract';
import type {
  ImportProgress,
  ImportSummary,
  SearchResult,
  ThreadSummary,
  ThreadView,
} from '../../../shared/model/library';
import type { ImportFormatOption } from '../import/import-file';
import { importPaths, type PathsImported } from '../import/import-path';
import { CruxError } from '../errors';
import { SearchEngine } from '../search';
import { createStores, type Stores } from '../store';
import { openLibraryFile } from '../store/db';
import {
  importNotebookJson,
  notebookContext,
  noteSummary,
  type NotebookContext,
  type NotebookImported,
  type NotebookOptions,
} from '../notebook';
import { deleteThread, type ThreadDeleted } from './delete-thread';
import { threadView } from './thread-view';

export interface ImportCallOptions {
  format?: ImportFormatOption;
  title?: string;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
}

/** One open library file: what every door (IPC, HTTP, CLI) calls. */
export class Library {
  readonly stores: Stores;
  readonly search: SearchEngine;
  /** Trails, stances and notes: pass it to the functions of core/notebook. */
  readonly notebook: NotebookContext;
  private importQueue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly file: string,
    options: NotebookOptions,
  ) {
    this.stores = createStores(openLibraryFile(file));
    this.search = new SearchEngine(this.stores.db);
    this.notebook = notebookContext(this.stores, options);
  }

  /** `options` fix the clock and ids of notebook changes (tests, reproducible exports). */
  static open(file: string, options: NotebookOptions = {}): Library {
    return new Library(file, options);
  }

  /** Adds a notebook file (crux export notebook --format json); its passages become searchable. */
  importNotebook(text: string, file: string): NotebookImported {
    try {
      return importNotebookJson(this.notebook, text, file);
    } finally {
      this.search.afterImport();
    }
  }

  /** Deletes a thread; trail steps, stances and notes that cite it keep the cited words. */
  deleteThread(threadId: number): ThreadDeleted {
    return deleteThread(this.stores, this.search, threadId);
  }

  threads(): ThreadSummary[] {
    return this.stores.threads.list();
  }

  thread(threadId: number): ThreadView {
    return threadView(this.stores, threadId);
  }

  /** Passages and notes; notes first. */
  query(input: In<'search.query'>): SearchResult {
    const { notes } = this.stores.notebook;
    return this.search.search(input, {
      match: (expression, limit) => notes.match(expression, limit),
      describe: (noteId) => {
        const { title, target } = noteSummary(this.notebook, notes.get(noteId)!);
        return { title, target };
      },
    });
  }

  /**
   * Imports files, folders and .zip archives, each file in its own transaction; reports the files
   * that failed instead of stopping at them. Calls are queued: two imports never interleave on the
   * one connection.
   */
  importPaths(paths: readonly string[], options: ImportCallOptions = {}): Promise<PathsImported> {
    const run = async (): Promise<PathsImported> => {
      try {
        return await importPaths(this.stores, paths, options);
      } finally {
        this.search.afterImport();
      }
    };
    const result = this.importQueue.then(run, run);
    this.importQueue = result.catch(() => undefined);
    return result;
  }

  /** Like importPaths, for callers that treat any failed file as an error. */
  async importFiles(paths: readonly string[], options: ImportCallOptions = {}): Promise<ImportSummary[]> {
    const { imported, failed } = await this.importPaths(paths, options);
    if (failed.length > 0) throw new CruxError('bad-input', failed.map((f) => f.error).join('; '));
    return imported;
  }

  close(): void {
    this.stores.db.close();
  }
}
