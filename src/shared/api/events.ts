// Pushed from the main process to the window (Electron only: the HTTP door has no push channel).
// JSON-safe like the contract, because it crosses IPC by structured clone.
import type { ImportSummary } from '../model/library';

export type CruxEvent =
  | { type: 'import.started'; files: string[] }
  | {
      type: 'import.progress';
      file: string;
      /** Zero-based position of `file` among the files of this import. */
      fileIndex: number;
      fileCount: number;
      bytesDone: number;
      bytesTotal: number;
      passagesDone: number;
      /** 0..1 across every file of this import. */
      fraction: number;
    }
  | { type: 'import.finished'; imported: ImportSummary[]; failed: { file: string; message: string }[] }
  | { type: 'library.changed' };

export type CruxEventType = CruxEvent['type'];
