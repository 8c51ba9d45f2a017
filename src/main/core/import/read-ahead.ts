// Text files whose quotations the worker detects before the import reaches them, so that neither
// thread waits for the other: the worker banks files while the import's thread is busy (a commit,
// full-text entries), and the import's thread finds their batches ready when it gets to them.
//
// A file read ahead must be told the passages its thread already holds in the library before the
// worker can compare anything with them. That answer is final only while no file before it in the
// import could still add to the same thread: every earlier file must have shown its thread (its
// opening read) and none may be the same one (a longer export of it, say). Until then it waits.
import type { TextFormat } from '../../../shared/model/library';
import { startDetection, type DetectionJob, type Seed } from '../quotes/detector';
import type { Stores } from '../store';
import type { Database } from '../store/sqlite';
import type { SourceInfo } from './source-file';

/** One text file in an import's queue: read ahead, or being written. */
export interface ReadAhead {
  /** Its detection on the worker, if the worker takes it. */
  readonly job: DetectionJob | undefined;
  /** The thread its opening identifies, once read. */
  identity: string | undefined;
}

/** Text files of an import not yet finished, in the order they are imported (the one written first). */
const queues = new WeakMap<Database, ReadAhead[]>();

function queueOf(db: Database): ReadAhead[] {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = []));
  return queue;
}

/** Whether every file before `entry` has shown its thread, and none is `identity`'s. */
function mayTell(queue: readonly ReadAhead[], entry: ReadAhead, identity: string): boolean {
  for (const before of queue) {
    if (before === entry) return true;
    if (before.identity === undefined || before.identity === identity) return false;
  }
  return false;
}

/** Answers every opening that waits and may now be answered. */
function tellWaiting(queue: readonly ReadAhead[]): void {
  for (const entry of queue) entry.job?.retryOpening();
}

/**
 * Queues a text file behind those already queued on this connection and starts detecting its
 * quotations; its opening is answered as soon as that is safe (see above). `importFile` takes the
 * job over when it gets to the file, and `finishReadAhead` takes the file off the queue.
 */
export function readAhead(stores: Stores, source: SourceInfo, format: TextFormat): ReadAhead {
  const queue = queueOf(stores.db);
  const entry: ReadAhead = {
    job: startDetection(source, source.encoding, format, { readingAhead: true }),
    identity: undefined,
  };
  queue.push(entry);
  if (entry.job) {
    entry.job.onOpening = (m) => {
      if (entry.identity === undefined) {
        entry.identity = m.identity;
        // Files after this one may have waited to see which thread it is.
        queueMicrotask(() => tellWaiting(queue));
      }
      return mayTell(queue, entry, m.identity) ? seedOf(stores, m.identity, format) : undefined;
    };
  }
  return entry;
}

/** The file being written has read its opening: files after it that wait on its thread may go on. */
export function threadShown(stores: Stores, entry: ReadAhead | undefined, identity: string): void {
  if (!entry || entry.identity === identity) return;
  entry.identity = identity;
  tellWaiting(queueOf(stores.db));
}

/**
 * Takes a file off the queue, written or not (imported, failed, found imported before, or the
 * import stopped), stopping its detection if it still runs.
 */
export function finishReadAhead(stores: Stores, entry: ReadAhead | undefined): void {
  if (!entry) return;
  entry.job?.cancel();
  const queue = queueOf(stores.db);
  const at = queue.indexOf(entry);
  if (at < 0) return;
  queue.splice(at, 1);
  tellWaiting(queue);
}

/** The passages of the thread these opening paragraphs identify, if it is in the library. */
export function seedOf(stores: Stores, identity: string, format: TextFormat): Seed {
  const existing = stores.threads.byIdentity(identity, format);
  const seed: Seed = { threadId: existing?.id, ids: [], texts: [] };
  if (existing) {
    for (const row of stores.passages.iterateThread(existing.id)) {
      seed.ids.push(row.id);
      seed.texts.push(row.text);
    }
  }
  return seed;
}
