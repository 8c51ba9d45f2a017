import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runImportJob, type ImportProgressEvent } from '../../../../src/main/core/api/import-job';
import { Library } from '../../../../src/main/core/library/library';
import { FIXTURES, tempDir, writeTemp } from '../../../helpers/library';

describe('runImportJob', () => {
  let library: Library | undefined;
  afterEach(() => library?.close());

  it('imports every good file, names every bad one, and reports progress across all of them', async () => {
    const dir = tempDir();
    library = Library.open(path.join(dir, 'library.sqlite'));
    const good = path.join(FIXTURES, 'seed-thread.txt');
    const empty = writeTemp(dir, 'empty.txt', '');
    const missing = path.join(dir, 'missing.txt');
    const events: ImportProgressEvent[] = [];
    const result = await runImportJob(library, [empty, good, missing], { onProgress: (e) => events.push(e) });

    expect(result.cancelled).toBe(false);
    expect(result.imported).toHaveLength(1);
    expect(result.failed.map((f) => f.file)).toEqual([empty, missing]);
    expect(result.failed[0]!.message).toContain('empty');
    expect(result.failed[1]!.message).toContain('no such file');
    expect(library.threads()).toHaveLength(1);

    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.file === good && e.fileIndex === 1 && e.fileCount === 3)).toBe(true);
    const fractions = events.map((e) => e.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(Math.min(...fractions)).toBeGreaterThanOrEqual(1 / 3);
    expect(Math.max(...fractions)).toBeLessThanOrEqual(2 / 3);
  });

  it('stops at once when cancelled', async () => {
    const dir = tempDir();
    library = Library.open(path.join(dir, 'library.sqlite'));
    const abort = new AbortController();
    abort.abort();
    const file = writeTemp(dir, 'a.txt', fs.readFileSync(path.join(FIXTURES, 'seed-thread.txt')));
    const result = await runImportJob(library, [file], { signal: abort.signal });
    expect(result).toEqual({ imported: [], failed: [], cancelled: true });
    expect(library.threads()).toHaveLength(0);
  });
});
