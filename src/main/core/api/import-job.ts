import type { CruxEvent } from '../../../shared/api/events';
import type { ImportSummary } from '../../../shared/model/library';
import { isCruxError } from '../errors';
import type { Library } from '../library/library';

export type ImportProgressEvent = Extract<CruxEvent, { type: 'import.progress' }>;

export interface ImportFailure {
  file: string;
  message: string;
}

export interface ImportJobResult {
  imported: ImportSummary[];
  failed: ImportFailure[];
  cancelled: boolean;
}

export interface ImportJobOptions {
  onProgress?: (event: ImportProgressEvent) => void;
  signal?: AbortSignal;
  logError?: (file: string, error: unknown) => void;
}

/**
 * Imports the chosen files and folders one at a time so that one bad file neither hides which file
 * it was nor stops the others: the window's Import… reports every failure by file name at the end.
 */
export async function runImportJob(
  library: Library,
  files: readonly string[],
  options: ImportJobOptions = {},
): Promise<ImportJobResult> {
  const result: ImportJobResult = { imported: [], failed: [], cancelled: false };
  for (const [fileIndex, file] of files.entries()) {
    if (options.signal?.aborted) {
      result.cancelled = true;
      break;
    }
    try {
      const { imported, failed } = await library.importPaths([file], {
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (p) => {
          const within = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
          options.onProgress?.({
            type: 'import.progress',
            file,
            fileIndex,
            fileCount: files.length,
            bytesDone: p.bytesDone,
            bytesTotal: p.bytesTotal,
            passagesDone: p.passagesDone,
            fraction: (fileIndex + within) / files.length,
          });
        },
      });
      result.imported.push(...imported);
      // A folder or archive reports its bad files and imports the rest.
      result.failed.push(...failed.map((f) => ({ file: f.file, message: f.error })));
    } catch (e) {
      if (isCruxError(e) && e.code === 'cancelled') {
        result.cancelled = true;
        break;
      }
      if (!isCruxError(e)) options.logError?.(file, e);
      result.failed.push({
        file,
        message: isCruxError(e)
          ? e.message
          : 'an unexpected problem inside Crux stopped this import (details are in its log)',
      });
    }
  }
  return result;
}
