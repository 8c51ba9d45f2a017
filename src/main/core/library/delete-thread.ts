import type { SearchEngine } from '../search';
import type { Stores } from '../store';
import { CruxError } from '../errors';

export interface ThreadDeleted {
  threadId: number;
  title: string;
  /** Trail steps, stances and notes that cite its passages: they keep the cited words. */
  citations: number;
}

/**
 * Deletes a thread with its posts, passages and links in one transaction. What the notebook cites
 * keeps a snapshot of the words and their attribution (citations), so trails still export.
 */
export function deleteThread(stores: Stores, search: SearchEngine, threadId: number): ThreadDeleted {
  const thread = Number.isSafeInteger(threadId) ? stores.threads.byId(threadId) : undefined;
  if (!thread) throw new CruxError('bad-input', `thread ${threadId} does not exist (see: crux threads)`);
  const deleted = stores.db.transaction(() => {
    stores.notebook.citations.refreshSnapshots(threadId);
    const citations = stores.notebook.citations.countInThread(threadId);
    search.vocabulary.forgetThread(threadId);
    stores.passages.unindexThread(threadId);
    stores.threads.delete(threadId);
    return { threadId, title: thread.title, citations };
  })();
  search.afterImport();
  return deleted;
}
