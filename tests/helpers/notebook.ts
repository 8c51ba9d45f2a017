import fs from 'node:fs';
import path from 'node:path';
import { Library } from '../../src/main/core/library/library';
import type { NotebookOptions } from '../../src/main/core/notebook';
import { FIXTURES, tempDir } from './library';

/** A clock that moves one minute per reading and ids that count, so that exports are reproducible. */
export function fixedNotebookOptions(start = '2026-11-27T09:00:00.000Z'): Required<NotebookOptions> {
  let minutes = 0;
  let uids = 0;
  return {
    now: () => new Date(Date.parse(start) + minutes++ * 60_000).toISOString(),
    newUid: () => `00000000-0000-4000-8000-${String(++uids).padStart(12, '0')}`,
  };
}

export interface SeedNotebook {
  library: Library;
  dir: string;
  file: string;
  threadId: number;
  /** The seed thread's passages, in order: passage(5) is its fifth. */
  passage(n: number): { id: number; text: string };
}

/** A library holding the seed thread (a real LessWrong debate), with a fixed notebook clock. */
export async function seedNotebook(options: NotebookOptions = fixedNotebookOptions()): Promise<SeedNotebook> {
  const dir = tempDir();
  const file = path.join(dir, 'library.sqlite');
  const library = Library.open(file, options);
  const [summary] = await library.importFiles([path.join(FIXTURES, 'seed-thread.txt')]);
  const passages = library.thread(summary!.threadId).posts.flatMap((p) => p.passages);
  return {
    library,
    dir,
    file,
    threadId: summary!.threadId,
    passage: (n) => {
      const p = passages[n - 1];
      if (!p) throw new Error(`the seed thread has no passage ${n}`);
      return { id: p.id, text: p.text };
    },
  };
}

export function readFixture(...parts: string[]): string {
  return fs.readFileSync(path.join(FIXTURES, ...parts), 'utf8');
}
