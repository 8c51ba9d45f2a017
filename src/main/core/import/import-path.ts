import fs from 'node:fs/promises';
import path from 'node:path';
import type { ImportSummary } from '../../../shared/model/library';
import { CruxError, isCruxError } from '../errors';
import { detectForumParser, forumParserFor } from '../importers/registry';
import type { ForumParser } from '../importers/source-thread';
import type { Stores } from '../store';
import { isZip, unpackArchive } from './archive';
import { importFile, readAheadText, type ImportOptions } from './import-file';
import { importForumFile } from './import-forum';
import { finishReadAhead, type ReadAhead } from './read-ahead';
import { inspectSource, type SourceInfo } from './source-file';
import { checkpointsDuringImport } from '../store/checkpoints';
import { ImportBatch } from './transaction';

export interface PathsOptions extends ImportOptions {
  /** Passages written before the batch commits: `BATCH_PASSAGES` unless a test wants commits sooner. */
  batchPassages?: number;
}

export interface PathsImported {
  imported: ImportSummary[];
  /** Files that could not be imported, with the reason; everything else was. */
  failed: { file: string; error: string }[];
}

/**
 * Passages an import batch writes before it commits. Committing costs little once the full-text
 * entries are added in one statement; what a larger batch saves is small next to what it risks
 * (files to re-import after a crash) and keeps uncommitted (the write-ahead log cannot be
 * checkpointed past an open transaction).
 */
export const BATCH_PASSAGES = 50_000;

/**
 * Files prepared (inspected, their quotations being detected) ahead of the one being imported: enough
 * that the worker never runs dry while the import's thread commits or indexes, few and small enough
 * that what the worker holds for them stays small.
 */
const READ_AHEAD_FILES = 16;
const READ_AHEAD_BYTES = 16 * 1024 * 1024;

/**
 * Imports files, folders (every file inside, in name order) and .zip archives. Each file is
 * all-or-nothing: a bad file is reported and leaves the library as it was, and the others still
 * import. The files share one transaction, committed every `BATCH_PASSAGES` passages and at the end,
 * each file in a savepoint inside it. Cancelling stops at once: the file being imported is rolled
 * back, the ones before it are kept.
 */
export async function importPaths(
  stores: Stores,
  paths: readonly string[],
  options: PathsOptions = {},
): Promise<PathsImported> {
  const batchPassages = options.batchPassages ?? BATCH_PASSAGES;
  const result: PathsImported = { imported: [], failed: [] };
  const batch = new ImportBatch(stores.db);
  const checkpoints = checkpointsDuringImport(stores.db);
  // Imported in the open transaction, reported once it commits.
  let uncommitted: ImportSummary[] = [];
  let uncommittedPassages = 0;
  const lose = (why: string): void => {
    for (const s of uncommitted) {
      result.failed.push({ file: s.file, error: `${s.file}: import failed (${why}); nothing was written` });
    }
    uncommitted = [];
    uncommittedPassages = 0;
  };
  const commit = (): void => {
    try {
      batch.commit();
      result.imported.push(...uncommitted);
      uncommitted = [];
      uncommittedPassages = 0;
    } catch (e) {
      lose((e as Error).message);
    }
  };
  const attempt = async (name: string, run: () => Promise<ImportSummary[]>): Promise<void> => {
    try {
      const summaries = await run();
      uncommitted.push(...summaries);
      uncommittedPassages += summaries.reduce((n, s) => n + s.newPassages, 0);
    } catch (e) {
      if (!isCruxError(e) || e.code === 'cancelled') throw e;
      result.failed.push({ file: name, error: e.message });
    }
    if (batch.lost) {
      lose('the transaction was rolled back');
      batch.begin();
    } else if (uncommittedPassages >= batchPassages) {
      commit();
      await checkpoints.committed();
      batch.begin();
    }
  };
  /** Files in order, the next ones read ahead (their quotations detected) while one is written. */
  const importList = async (list: readonly { readFrom: string; name: string }[]): Promise<void> => {
    const ahead = new Lookahead(list.length, (i) =>
      prepareFile(stores, list[i]!.readFrom, list[i]!.name, options, true),
    );
    try {
      for (let i = 0; i < list.length; i++) {
        await attempt(list[i]!.name, async () => {
          const prepared = await ahead.take(i);
          return importPrepared(stores, prepared, list[i]!.name, options);
        });
      }
    } finally {
      ahead.drop((p) => finishReadAhead(stores, p.ahead));
    }
  };
  batch.begin();
  try {
    // Files named one by one form one list, up to the next folder or archive.
    let plain: { readFrom: string; name: string }[] = [];
    const importPlain = async (): Promise<void> => {
      const list = plain;
      plain = [];
      await importList(list);
    };
    for (const given of paths) {
      const stat = await fs.stat(given).catch(() => undefined);
      if (stat?.isDirectory()) {
        await importPlain();
        const files = await filesIn(given);
        if (files.length === 0)
          result.failed.push({ file: given, error: `${given}: the folder holds no files to import` });
        await importList(files.map((f) => ({ readFrom: f, name: f })));
      } else if (stat?.isFile() && isZip(await head(given))) {
        await importPlain();
        try {
          const archive = await unpackArchive(given);
          try {
            await importList(archive.files.map((f) => ({ readFrom: f.path, name: f.name })));
          } finally {
            archive.dispose();
          }
        } catch (e) {
          if (!isCruxError(e) || e.code === 'cancelled') throw e;
          result.failed.push({ file: given, error: e.message });
        }
      } else {
        plain.push({ readFrom: given, name: given });
      }
    }
    await importPlain();
  } finally {
    // Also when cancelled: the files imported before the cancel stay, as they would have alone.
    if (batch.isOpen) commit();
    await checkpoints.end();
  }
  return result;
}

/**
 * The files of a list prepared ahead of the one being imported, one at a time and in order (a text
 * file joins the read-ahead queue as it is prepared), up to READ_AHEAD_FILES files and
 * READ_AHEAD_BYTES: the next is started when the one before is inspected and the budget allows.
 */
class Lookahead {
  private readonly prepared = new Map<number, Promise<PreparedFile>>();
  /** Sizes of the files prepared and not yet taken (a file that failed to prepare counts nothing). */
  private readonly sizes = new Map<number, number>();
  private next = 0;
  private inspecting = false;

  constructor(
    private readonly length: number,
    private readonly prepare: (i: number) => Promise<PreparedFile>,
  ) {}

  /** File `i` prepared (files are taken in order); starts preparing the ones after it. */
  take(i: number): Promise<PreparedFile> {
    const prepared = this.prepared.get(i) ?? this.start(i);
    this.prepared.delete(i);
    this.sizes.delete(i);
    const fill = (): void => this.fill();
    prepared.then(fill, fill);
    return prepared;
  }

  /** Hands every file prepared and not taken to `drop`, once its preparation is done. */
  drop(drop: (p: PreparedFile) => void): void {
    for (const prepared of this.prepared.values()) prepared.then(drop, () => undefined);
    this.prepared.clear();
    this.next = this.length;
  }

  private start(i: number): Promise<PreparedFile> {
    const prepared = this.prepare(i);
    // Failures are reported when the file is taken.
    prepared.catch(() => undefined);
    this.next = i + 1;
    return prepared;
  }

  private fill(): void {
    if (this.inspecting || this.next >= this.length || this.prepared.size >= READ_AHEAD_FILES) return;
    let bytes = 0;
    for (const size of this.sizes.values()) bytes += size;
    if (bytes >= READ_AHEAD_BYTES) return;
    const i = this.next;
    const prepared = this.start(i);
    this.prepared.set(i, prepared);
    this.inspecting = true;
    prepared
      .then(
        (p) => {
          if (this.prepared.has(i)) this.sizes.set(i, p.source.size);
        },
        () => undefined,
      )
      .finally(() => {
        this.inspecting = false;
        this.fill();
      });
  }
}

/** A file inspected and its kind decided, ready to import; a text file's quotations perhaps being detected. */
interface PreparedFile {
  source: SourceInfo;
  parser: ForumParser | undefined;
  ahead: ReadAhead | undefined;
}

/** Reads what deciding how to import a file takes; throws (a CruxError) for a file refused. */
async function prepareFile(
  stores: Stores,
  readFrom: string,
  name: string,
  options: ImportOptions,
  readingAhead: boolean,
): Promise<PreparedFile> {
  const source = await inspectSource(readFrom, name);
  const format = options.format ?? 'auto';
  const asText = (): PreparedFile => ({
    source,
    parser: undefined,
    ahead: readingAhead ? readAheadText(stores, source, options) : undefined,
  });
  if (format === 'text' || format === 'markdown') return asText();
  const parser = format === 'auto' ? detectForumParser(name, source.head) : forumParserFor(format, name, source.head);
  if (parser) return { source, parser, ahead: undefined };
  if (format !== 'auto') throw new CruxError('bad-input', `${name}: this Crux cannot read ${format} files yet`);
  if (looksLikeJson(name, source.head)) {
    throw new CruxError(
      'bad-input',
      `${name}: JSON of a shape Crux does not know (not a Discourse, Reddit or Hacker News thread export)`,
    );
  }
  return asText();
}

async function importPrepared(
  stores: Stores,
  prepared: PreparedFile,
  name: string,
  options: ImportOptions,
): Promise<ImportSummary[]> {
  if (prepared.parser) return importForumFile(stores, prepared.source, prepared.parser, options);
  return [await importFile(stores, name, options, prepared.source, prepared.ahead)];
}

/** One file: a flat paste (text, Markdown) becomes one thread; a structured export, every thread it holds. */
export async function importOneFile(
  stores: Stores,
  readFrom: string,
  name: string,
  options: ImportOptions = {},
): Promise<ImportSummary[]> {
  return importPrepared(stores, await prepareFile(stores, readFrom, name, options, false), name, options);
}

/** JSON no parser claims is data of another kind, never a paste to read as prose. */
function looksLikeJson(name: string, head: string): boolean {
  return /\.json$/i.test(name) || /^\s*(\{\s*"|\[\s*[{["\]])/.test(head);
}

async function filesIn(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesIn(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

async function head(file: string): Promise<Uint8Array> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(4);
    await handle.read(buffer, 0, 4, 0);
    return buffer;
  } finally {
    await handle.close();
  }
}
