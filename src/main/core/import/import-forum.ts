import path from 'node:path';
import type { ImportSummary } from '../../../shared/model/library';
import { CruxError } from '../errors';
import type { ForumParser, SourceThread } from '../importers/source-thread';
import type { Stores } from '../store';
import { INDEX_STRETCH, indexSomeWritten } from '../store/passages';
import type { TextEncodingName } from '../text/decode';
import { parsedEvents } from './forum-parsing';
import type { ForumEvent } from './forum-parse-protocol';
import type { ImportOptions } from './import-file';
import type { SourceInfo } from './source-file';
import { OpenThreads } from './open-threads';
import { ThreadWriter } from './thread-writer';
import { finishClosedThread, inImportTransaction, previousImport, withEncodingFallback } from './transaction';

export { MAX_WHOLE_TEXT_BYTES } from './forum-input';

/**
 * Imports a forum, Reddit, Hacker News, mail or saved-page file: every thread it holds, in one
 * transaction. Posts are matched by their source ids, so importing the same thread again adds
 * only new posts and edits.
 */
export async function importForumFile(
  stores: Stores,
  source: SourceInfo,
  parser: ForumParser,
  options: ImportOptions = {},
): Promise<ImportSummary[]> {
  const previous = previousImport(stores, source, parser.format);
  if (previous.length > 0) return previous;
  const warnings: string[] = [];
  return withEncodingFallback(source, warnings, (encoding) =>
    inImportTransaction(stores.db, source.file, () => store(stores, source, parser, encoding, warnings, options)),
  );
}

async function store(
  stores: Stores,
  source: SourceInfo,
  parser: ForumParser,
  encoding: TextEncodingName,
  warnings: string[],
  options: ImportOptions,
): Promise<ImportSummary[]> {
  const now = (options.now ?? (() => new Date()))().toISOString();
  // A thread closed here is settled, and reopened from the store (its passages re-indexed) if the
  // file comes back to it.
  const writers = new OpenThreads<ThreadWriter>();
  const closed = new Map<string, { threadId: number; newPassages: number }>();
  let closedPassages = 0;
  const passagesDone = (): number =>
    closedPassages + [...writers.values()].reduce((n, w) => n + w.counts.newPassages, 0);
  let current: ThreadWriter | undefined;
  const close = ([identity, writer]: [string, ThreadWriter]): void => {
    writer.end();
    closed.get(identity)!.newPassages += writer.counts.newPassages;
    closedPassages += writer.counts.newPassages;
  };

  const beforeChunk = (bytesDone: number): void => {
    if (options.signal?.aborted)
      throw new CruxError('cancelled', `${source.file}: import cancelled; nothing was written`);
    options.onProgress?.({ file: source.file, bytesDone, bytesTotal: source.size, passagesDone: passagesDone() });
    // Full-text entries as the file goes, not all at the commit: a large dump's parsing and quote
    // detection go on beside this thread meanwhile. The file's savepoint (or transaction) takes them
    // back with its rows if it fails.
    while (indexSomeWritten(stores.db, INDEX_STRETCH));
  };

  /** The writer of a thread the file comes to: still open, or opened now (new, or held by the library). */
  const writerFor = ({ thread, held }: Extract<ForumEvent, { kind: 'thread' }>): ThreadWriter => {
    const open = writers.use(thread.identity);
    if (open) return open;
    const full = writers.makeRoom();
    if (full) close(full);
    const writer = openThread(stores, source, thread, now);
    // The library holds the thread: its quotations are decided here, against what it holds.
    if (!writer.isNew) held?.();
    // Summaries come out in the order threads first appear.
    if (!closed.has(thread.identity)) closed.set(thread.identity, { threadId: writer.threadId, newPassages: 0 });
    writers.add(thread.identity, writer);
    return writer;
  };

  for await (const events of parsedEvents(parser, source, encoding, beforeChunk)) {
    for (const event of events) {
      if (event.kind === 'warning') {
        warnings.push(`${source.file}: ${event.message}`);
      } else if (event.kind === 'thread') {
        current = writerFor(event);
      } else {
        if (!current) throw new CruxError('bad-input', `${source.file}: a post came before any thread`);
        current.writePost(event.post, now, event.prepared, event.decided);
      }
    }
  }
  if (writers.size === 0) throw new CruxError('bad-input', `${source.file}: no ${parser.format} thread found in it`);

  for (let open = writers.close(); open; open = writers.close()) close(open);
  return [...closed.values()].map(({ threadId, newPassages }) =>
    finishClosedThread(stores, source, threadId, newPassages, parser.format, now, warnings),
  );
}

function openThread(stores: Stores, source: SourceInfo, thread: SourceThread, now: string): ThreadWriter {
  const existing = stores.threads.byIdentity(thread.identity, thread.format);
  if (existing && !thread.provisionalTitle) stores.threads.replaceProvisionalTitle(existing.id, thread.title);
  const threadId =
    existing?.id ??
    stores.threads.insert({
      title: thread.title,
      source: path.resolve(source.file),
      format: thread.format,
      identity: thread.identity,
      content_hash: source.contentHash,
      imported_at: now,
      url: thread.url,
      title_provisional: thread.provisionalTitle ? 1 : 0,
    });
  return new ThreadWriter(stores, threadId, thread.format, existing === undefined);
}
