// Small libraries for the search tests, written through the stores exactly as an import would.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SearchEngine, type SearchOptions } from '../../../../src/main/core/search';
import { createStores, type Stores } from '../../../../src/main/core/store';
import { openLibraryFile } from '../../../../src/main/core/store/db';
import type { PassageHit, SearchResult } from '../../../../src/shared/model/library';
import { MATCH_END, MATCH_START } from '../../../../src/shared/model/library';

export interface PostSpec {
  author?: string | null;
  passages: string[];
}

export interface ThreadSpec {
  title: string;
  posts: PostSpec[];
}

export interface TestLibrary {
  stores: Stores;
  engine: SearchEngine;
  file: string;
  /** Passage ids by their text, for assertions. */
  id(text: string): number;
  threadIds: number[];
  add(thread: ThreadSpec): number;
  close(): void;
}

export function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crux-search-')), 'library.sqlite');
}

export function buildLibrary(
  threads: ThreadSpec[],
  options: { file?: string; engine?: SearchOptions; afterImport?: boolean } = {},
): TestLibrary {
  const file = options.file ?? tempFile();
  const stores = createStores(openLibraryFile(file));
  const ids = new Map<string, number>();
  const threadIds: number[] = [];
  const add = (t: ThreadSpec): number => {
    const threadId = stores.db.transaction(() => {
      const threadId = stores.threads.insert({
        title: t.title,
        source: `/tmp/${t.title}.txt`,
        format: 'text',
        identity: `${t.title}-${threadIds.length}`,
        content_hash: hash(t.title),
        imported_at: new Date(Date.UTC(2025, 0, 1 + threadIds.length)).toISOString(),
      });
      let position = 0;
      t.posts.forEach((post, i) => {
        const postId = stores.posts.insert({
          thread_id: threadId,
          source_key: String(i),
          position: i,
          author: post.author ?? null,
          posted_at: null,
          parent_id: null,
        });
        for (const text of post.passages) {
          const id = stores.passages.insert({
            thread_id: threadId,
            post_id: postId,
            position: position++,
            text,
            text_hash: hash(text),
          });
          ids.set(text, id);
        }
      });
      return threadId;
    })();
    threadIds.push(threadId);
    return threadId;
  };
  threads.forEach(add);
  const engine = new SearchEngine(stores.db, options.engine);
  if (options.afterImport ?? true) engine.afterImport();
  return {
    stores,
    engine,
    file,
    threadIds,
    add,
    id: (text) => {
      const id = ids.get(text);
      if (id === undefined) throw new Error(`no passage ${JSON.stringify(text)} in the test library`);
      return id;
    },
    close: () => stores.db.close(),
  };
}

/** One thread, one post per passage, all by `author`. */
export function thread(title: string, passages: string[], author: string | null = 'ann'): ThreadSpec {
  return { title, posts: passages.map((p) => ({ author, passages: [p] })) };
}

export function search(
  lib: TestLibrary,
  query: string,
  options: { limit?: number; offset?: number; expand?: boolean } = {},
): SearchResult<PassageHit> {
  return lib.engine.search({
    query,
    limit: options.limit ?? 20,
    offset: options.offset ?? 0,
    expand: options.expand ?? true,
  });
}

/** The marked words of a snippet, lower-cased: what the reader sees highlighted. */
export function marked(snippet: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`${MATCH_START}([^${MATCH_END}]*)${MATCH_END}`, 'g');
  for (const m of snippet.matchAll(re)) out.push(m[1]!.toLowerCase());
  return out;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
