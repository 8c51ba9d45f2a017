// Placeholder interface until the search module lands; see the search work in progress.
import type { In } from '../../../shared/api/contract';
import type { SearchResult } from '../../../shared/model/library';
import type { Database } from '../store/sqlite';

export class SearchEngine {
  constructor(private readonly db: Database) {}

  search(input: In<'search.query'>): SearchResult {
    void this.db;
    void input;
    throw new Error('search not implemented yet');
  }

  /** Brings the vocabulary index up to date with what the last import added. */
  afterImport(): void {}
}
