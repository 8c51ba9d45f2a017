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
  private importQueue: Promise<unknown> = Promise.resolve();

  private constructor(readonly file: string) {
    this.stores = createStores(openLibraryFile(file));
    this.search = new SearchEngine(this.stores.db);
  }

  static open(file: string): Library {
    return new Library(file);
  }

  threads(): ThreadSummary[] {
    return this.stores.threads.list();
  }

  thread(threadId: number): ThreadView {
    return threadView(this.stores, threadId);
  }

  query(input: In<'search.query'>): SearchResult {
    return this.search.search(input);
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
