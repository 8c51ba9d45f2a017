import fs from 'node:fs/promises';
import path from 'node:path';
import type { ImportSummary } from '../../../shared/model/library';
import { CruxError, isCruxError } from '../errors';
import { detectForumParser, forumParserFor } from '../importers/registry';
import type { Stores } from '../store';
import { isZip, unpackArchive } from './archive';
import { importFile, type ImportOptions } from './import-file';
import { importForumFile } from './import-forum';
import { inspectSource } from './source-file';
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
  const attempt = async (readFrom: string, name: string): Promise<void> => {
    try {
      const summaries = await importOneFile(stores, readFrom, name, options);
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
      batch.begin();
    }
  };
  batch.begin();
  try {
    for (const given of paths) {
      const stat = await fs.stat(given).catch(() => undefined);
      if (stat?.isDirectory()) {
        const files = await filesIn(given);
        if (files.length === 0)
          result.failed.push({ file: given, error: `${given}: the folder holds no files to import` });
        for (const file of files) await attempt(file, file);
      } else if (stat?.isFile() && isZip(await head(given))) {
        try {
          const archive = await unpackArchive(given);
          try {
            for (const file of archive.files) await attempt(file.path, file.name);
          } finally {
            archive.dispose();
          }
        } catch (e) {
          if (!isCruxError(e) || e.code === 'cancelled') throw e;
          result.failed.push({ file: given, error: e.message });
        }
      } else {
        await attempt(given, given);
      }
    }
  } finally {
    // Also when cancelled: the files imported before the cancel stay, as they would have alone.
    if (batch.isOpen) commit();
  }
  return result;
}

/** One file: a flat paste (text, Markdown) becomes one thread; a structured export, every thread it holds. */
export async function importOneFile(
  stores: Stores,
  readFrom: string,
  name: string,
  options: ImportOptions = {},
): Promise<ImportSummary[]> {
  const source = await inspectSource(readFrom, name);
  const format = options.format ?? 'auto';
  if (format === 'text' || format === 'markdown') return [await importFile(stores, name, options, source)];
  const parser = format === 'auto' ? detectForumParser(name, source.head) : forumParserFor(format, name, source.head);
  if (!parser) {
    if (format !== 'auto') throw new CruxError('bad-input', `${name}: this Crux cannot read ${format} files yet`);
    if (looksLikeJson(name, source.head)) {
      throw new CruxError(
        'bad-input',
        `${name}: JSON of a shape Crux does not know (not a Discourse, Reddit or Hacker News thread export)`,
      );
    }
    return [await importFile(stores, name, options, source)];
  }
  return importForumFile(stores, source, parser, options);
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
