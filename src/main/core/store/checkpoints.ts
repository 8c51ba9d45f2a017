// How an import's commits reach the database file. In WAL mode a commit only appends to the
// write-ahead log; a checkpoint copies the log into the database and ends in an fsync. Done by the
// importing connection (SQLite's automatic checkpoints), a checkpoint held the import's thread for
// 1–2 s each, three times in a 1M-passage import, and the quote-detection worker soon ran dry
// meanwhile (docs/performance.md, "Import"). Here a second connection on its own thread copies the
// log after each commit, while the import writes on.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workerScript, type WorkerScript } from '../worker-script';
import type { FromCheckpointer, ToCheckpointer } from './checkpoint-worker';
import type { Database } from './sqlite';

/**
 * The write-ahead log an import may fill before it restarts from the start of its file. A log can
 * only restart when the whole of it is copied and a transaction then begins: so past this size the
 * import waits, after a commit, for the copy to catch up (one batch's pages, a fraction of a
 * second). Without the background copy, SQLite checkpoints in the import's thread at this size.
 * Larger than the library's `journal_size_limit`, to which the file shrinks after a restart: the
 * file's size is how the import tells that the log has grown.
 */
export const IMPORT_WAL_BYTES = 256 * 1024 * 1024;

export interface ImportCheckpoints {
  /** After each commit the import goes on from; resolves when it may write on. */
  committed(): Promise<void>;
  /** The import is over (its last commit made): what it wrote is copied into the database, and checkpoints are as before. */
  end(): Promise<void>;
}

export interface CheckpointOptions {
  /** The log's size at which it restarts; tests make it small. */
  walBytes?: number;
  /** Whether the copying may run on another thread (tests compare both ways). */
  background?: boolean;
}

/**
 * Checkpoints for the length of an import on `db`: on another thread where it can, else in this one.
 * The other thread starts at the first commit the import goes on from: an import that commits only
 * at its end (one file, a small folder) starts nothing.
 */
export function checkpointsDuringImport(db: Database, options: CheckpointOptions = {}): ImportCheckpoints {
  const walBytes = options.walBytes ?? IMPORT_WAL_BYTES;
  const previous = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const inThisThread = (): void => {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma(`wal_autocheckpoint = ${Math.ceil(walBytes / pageSize)}`);
  };
  const script = db.memory || options.background === false ? undefined : checkpointWorkerScript();
  if (script) db.pragma('wal_autocheckpoint = 0');
  else inThisThread();
  let checkpointer: Checkpointer | undefined;
  return {
    committed: () => {
      if (!script) return Promise.resolve();
      checkpointer ??= startCheckpointer(script, db.name, walBytes, inThisThread);
      return checkpointer.committed();
    },
    end: async () => {
      await checkpointer?.stop();
      db.pragma(`wal_autocheckpoint = ${previous}`);
      // PASSIVE: never waits for readers. What is left is the last commit's pages at most.
      db.pragma('wal_checkpoint(PASSIVE)');
    },
  };
}

interface Checkpointer {
  committed(): Promise<void>;
  stop(): Promise<void>;
}

/** Where the checkpoint worker's code is (see worker-script.ts), if anywhere. */
function checkpointWorkerScript(): WorkerScript | undefined {
  return workerScript(
    typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url),
    'checkpoint-worker',
  );
}

function startCheckpointer(script: WorkerScript, file: string, walBytes: number, failedOver: () => void): Checkpointer {
  const worker = new Worker(script.file, { execArgv: script.execArgv, workerData: { file } });
  let alive = true;
  let commits = 0;
  /** Waiting for a checkpoint that copies a given commit (or for the worker's end). */
  let reported: { commit: number; resolve: () => void }[] = [];
  let stopped: (() => void) | undefined;
  const report = (commit: number): void => {
    const waiting = reported;
    reported = waiting.filter((w) => w.commit > commit);
    for (const w of waiting) if (w.commit <= commit) w.resolve();
  };
  /** The worker is gone; unless it was asked to go, this thread checkpoints again and the import goes on regardless. */
  const gone = (asked: boolean): void => {
    if (!alive) return;
    alive = false;
    if (!asked) failedOver();
    report(Infinity);
    stopped?.();
  };
  worker.on('message', (m: FromCheckpointer) => {
    if (m.type === 'checkpointed') report(m.commit);
    else if (m.type === 'stopped') gone(true);
    else {
      gone(false);
      void worker.terminate();
    }
  });
  worker.on('error', () => gone(false));
  worker.on('exit', () => gone(false));
  const send = (m: ToCheckpointer): void => worker.postMessage(m);
  return {
    committed: async () => {
      if (!alive) return;
      const commit = ++commits;
      send({ type: 'checkpoint', commit });
      if ((fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0) < walBytes) return;
      // Past the size, the import begins its next transaction once this checkpoint copied all it
      // committed: the log then restarts from its beginning.
      await new Promise<void>((resolve) => reported.push({ commit, resolve }));
    },
    stop: () => {
      if (!alive) return Promise.resolve();
      const done = new Promise<void>((resolve) => (stopped = resolve));
      send({ type: 'stop' });
      return done;
    },
  };
}
