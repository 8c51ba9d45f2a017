import type { In } from '../../../shared/api/contract';
import type {
  ImportProgress,
  ImportSummary,
  SearchResult,
  ThreadSummary,
  ThreadView,
} from '../../../shared/model/library';
import { importFile, type ImportFormatOption } from '../import/import-file';
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
   * Imports files one after another, each in its own transaction. Calls are queued: two imports
   * never interleave on the one connection.
   */
  importFiles(paths: readonly string[], options: ImportCallOptions = {}): Promise<ImportSummary[]> {
    const run = async (): Promise<ImportSummary[]> => {
      const summaries: ImportSummary[] = [];
      for (const file of paths) {
        summaries.push(await importFile(this.stores, file, options));
        this.search.afterImport();
      }
      return summaries;
    };
    const result = this.importQueue.then(run, run);
    this.importQueue = result.catch(() => undefined);
    return result;
  }

  close(): void {
    this.stores.db.close();
  }
}
