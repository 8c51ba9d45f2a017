// Quote detection beside the import: a worker thread reads, parses and reconstructs a text file's
// quotations while the import's thread writes what the worker decided into SQLite. See
// detect-worker.ts for the worker and docs/performance.md ("Import") for why.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TextFormat } from '../../../shared/model/library';
import { CruxError } from '../errors';
import type { SourceInfo } from '../import/source-file';
import type { ErrorCode } from '../../../shared/api/result';
import { InvalidUtf8Error, type TextEncodingName } from '../text/decode';
import type { DetectedBatch, DetectionDone, FromDetector, OpeningRead, ToDetector } from './detection-protocol';
import { workerScript, type WorkerScript } from '../worker-script';

/**
 * Files larger than this are detected in the import's own thread: the worker keeps the normalised
 * text of every passage of the thread to verify candidates, where the import's thread reads old
 * passages back from the store, so a huge thread would cost its size again in memory.
 */
export const WORKER_MAX_BYTES = 64 * 1024 * 1024;

/** The worker could not be started or stopped before the job began: detect in the import's thread. */
export class DetectorUnavailable extends Error {}

export type DetectionMessage = OpeningRead | DetectedBatch | DetectionDone;

/** The thread's passages already stored, as the worker was told them: ids here, texts there. */
export interface Seed {
  /** The thread, if it existed when the seed was read. */
  threadId: number | undefined;
  ids: number[];
  texts: string[];
}

let enabled = true;

/** Files handed to the worker so far in this process, and those told their thread while read ahead: for tests. */
export const detectionCounts = { worker: 0, seededAhead: 0 };

/** For tests and the benchmark: whether text imports may use the worker at all. */
export function useDetectionWorker(on: boolean): void {
  enabled = on;
}

/** Where this module's worker's code is (see worker-script.ts). */
function thisWorkerScript(): WorkerScript | undefined {
  return workerScript(typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url), 'detect-worker');
}

/** One file's detection, seen from the import: messages in order, and the replies they want. */
export class DetectionJob {
  private readonly queue: DetectionMessage[] = [];
  private waiting: { resolve: (m: DetectionMessage) => void; reject: (e: Error) => void } | undefined;
  private error: Error | undefined;
  /** The worker said something about this job: it is running, so failing now is the file's failure. */
  started = false;
  finished = false;
  /**
   * For a file read ahead of the import: answers the opening as soon as it arrives, or returns
   * undefined when it cannot yet (the import then seeds when it reaches the file).
   */
  onOpening: ((m: OpeningRead) => Seed | undefined) | undefined;
  /** What the worker was told the thread holds, once it was. */
  seeded: Seed | undefined;
  private opening: OpeningRead | undefined;

  constructor(
    readonly id: number,
    private readonly send: (m: ToDetector) => void,
    private readonly forget: (job: DetectionJob) => void,
  ) {}

  /** Whether a message is here already (`next` would not wait). */
  get ready(): boolean {
    return this.queue.length > 0 || this.error !== undefined;
  }

  /** The next message; rejects with the reason the detection failed. */
  next(): Promise<DetectionMessage> {
    const m = this.queue.shift();
    if (m) return Promise.resolve(m);
    if (this.error) return Promise.reject(this.error);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  /** Answers the opening: the thread's passages already stored, in reading order. */
  seed(seed: Seed): void {
    if (this.seeded) throw new Error('a detection job is seeded once');
    this.seeded = seed;
    this.send({ type: 'seed', job: this.id, texts: seed.texts });
  }

  /** Tries `onOpening` again for an opening it could not answer when it came. */
  retryOpening(): void {
    if (!this.opening || this.seeded || this.finished || !this.onOpening) return;
    let seed: Seed | undefined;
    try {
      seed = this.onOpening(this.opening);
    } catch {
      // Left for the import to read when it reaches the file, where a failure is that file's.
    }
    if (!seed) return;
    detectionCounts.seededAhead++;
    this.seed(seed);
  }

  /** A batch is stored. */
  ack(): void {
    this.send({ type: 'ack', job: this.id });
  }

  /** Stops the worker's side of a job the import gave up on; what it still sends is dropped. */
  cancel(): void {
    if (this.finished) return;
    this.send({ type: 'cancel', job: this.id });
    this.forget(this);
  }

  deliver(m: DetectionMessage): void {
    this.started = true;
    if (m.type === 'opening') {
      this.opening = m;
      this.retryOpening();
    }
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting.resolve(m);
    else this.queue.push(m);
  }

  fail(e: Error): void {
    this.error = e;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(e);
  }
}

class Detector {
  private readonly worker: Worker;
  private readonly jobs = new Map<number, DetectionJob>();
  private nextJob = 1;
  private answered = false;

  constructor(script: WorkerScript) {
    this.worker = new Worker(script.file, { execArgv: script.execArgv });
    this.worker.unref();
    this.worker.on('message', (m: FromDetector) => this.receive(m));
    this.worker.on('error', (e) => this.stop(e));
    this.worker.on('exit', (code) => this.stop(new Error(`the quote detection worker stopped (exit code ${code})`)));
  }

  start(source: SourceInfo, encoding: TextEncodingName, format: TextFormat, readingAhead: boolean): DetectionJob {
    const job = new DetectionJob(
      this.nextJob++,
      (m) => this.worker.postMessage(m),
      (j) => this.end(j),
    );
    this.jobs.set(job.id, job);
    // Kept alive while an import waits for it.
    this.worker.ref();
    this.worker.postMessage({
      type: 'start',
      job: job.id,
      source,
      encoding,
      format,
      readingAhead,
    } satisfies ToDetector);
    return job;
  }

  private receive(m: FromDetector): void {
    this.answered = true;
    const job = this.jobs.get(m.job);
    if (!job) return;
    if (m.type === 'failed') {
      this.end(job);
      const e = m.error;
      job.fail(
        e.kind === 'invalid-utf8'
          ? new InvalidUtf8Error(e.byteOffset)
          : e.kind === 'crux'
            ? new CruxError(e.code as ErrorCode, e.message)
            : new Error(e.message),
      );
      return;
    }
    if (m.type === 'done') this.end(job);
    job.deliver(m);
  }

  private end(job: DetectionJob): void {
    job.finished = true;
    this.jobs.delete(job.id);
    if (this.jobs.size === 0) this.worker.unref();
  }

  private stop(e: Error): void {
    if (detector === this) detector = undefined;
    // A worker that never answered cannot run here (no compiler for its source, say): stop trying.
    if (!this.answered) enabled = false;
    for (const job of this.jobs.values()) {
      job.finished = true;
      // A job the worker had not answered yet wrote nothing: the import can detect in its own thread.
      job.fail(job.started ? e : new DetectorUnavailable(e.message));
    }
    this.jobs.clear();
  }
}

let detector: Detector | undefined;

/**
 * Starts detecting a file's quotations in the worker, or returns undefined when this file is to be
 * detected in the import's own thread (worker disabled or unavailable, or the file too large).
 * `readingAhead`: the file is prepared ahead of the one being stored, and gives way to it (turns.ts).
 */
export function startDetection(
  source: SourceInfo,
  encoding: TextEncodingName,
  format: TextFormat,
  { readingAhead }: { readingAhead: boolean },
): DetectionJob | undefined {
  if (!enabled || source.size > WORKER_MAX_BYTES) return undefined;
  if (!detector) {
    const script = thisWorkerScript();
    if (!script) {
      enabled = false;
      return undefined;
    }
    detector = new Detector(script);
  }
  detectionCounts.worker++;
  return detector.start(source, encoding, format, readingAhead);
}
