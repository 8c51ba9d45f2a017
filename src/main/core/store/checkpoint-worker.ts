// Copies a library's write-ahead log into its database while an import goes on writing (see
// checkpoints.ts): its own connection, so the import's thread never waits for a checkpoint's
// writes or its fsync.
import { parentPort, workerData } from 'node:worker_threads';
import { sqliteDriver } from './sqlite';

/** `commit`: how many commits the import had made when it asked (a checkpoint copies all of them). */
export type ToCheckpointer = { type: 'checkpoint'; commit: number } | { type: 'stop' };
export type FromCheckpointer =
  { type: 'checkpointed'; commit: number } | { type: 'failed'; message: string } | { type: 'stopped' };

const port = parentPort;
if (port) {
  const db = new (sqliteDriver())(workerData.file as string, { fileMustExist: true });
  const post = (m: FromCheckpointer): void => port.postMessage(m);
  let wanted = 0;
  let served = 0;
  let scheduled = false;
  // Requests that came in while a checkpoint ran are served by one more: it copies all of them.
  const run = (): void => {
    scheduled = false;
    if (wanted === served) return;
    served = wanted;
    try {
      // PASSIVE: copies what is committed, never waits for the writer or for readers.
      db.pragma('wal_checkpoint(PASSIVE)');
      post({ type: 'checkpointed', commit: served });
    } catch (e) {
      post({ type: 'failed', message: (e as Error).message });
    }
  };
  port.on('message', (m: ToCheckpointer) => {
    if (m.type === 'checkpoint') {
      wanted = m.commit;
      if (!scheduled) {
        scheduled = true;
        setImmediate(run);
      }
    } else {
      db.close();
      post({ type: 'stopped' });
      port.close();
    }
  });
}
