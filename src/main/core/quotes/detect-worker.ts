// The quote-detection worker: reads a plain-text or Markdown file, parses it and reconstructs its
// quotations, and sends the import thread what to store, batch by batch. It holds the thread's
// fingerprints and the normalised text of its passages (to verify candidates), never a database
// connection. See detector.ts for the other side.
import { parentPort } from 'node:worker_threads';
import { CruxError, isCruxError } from '../errors';
import { readText } from '../import/source-file';
import { parserFor } from '../importers/detect';
import { InvalidUtf8Error } from '../text/decode';
import { normalize, normalizeWithMap, originalSpan } from '../text/normalize';
import {
  LINK_KINDS,
  OP_BOUNDARY,
  OP_LINKS,
  OP_PASSAGE,
  type DetectionFailed,
  type FromDetector,
  type StartDetection,
  type ToDetector,
} from './detection-protocol';
import { openingComplete, openingHasText, openingIdentity, textHash } from './identity';
import { QuoteReconstructor, type Block, type Decision, type PendingLink } from './reconstructor';
import { Turns } from './turns';

/** Passages per batch: small enough that the import stores one batch while the next is detected. */
const BATCH_PASSAGES = 256;
/** Batches sent and not yet stored: bounds what waits in memory when storing is the slower side. */
const MAX_IN_FLIGHT = 8;

class Cancelled extends Error {}

/** Files read ahead take turns, the earliest first (see turns.ts). */
const turns = new Turns();

class Job {
  /** Normalised text of every passage of the thread, by reconstruction index. */
  private readonly normalized: string[] = [];
  /** Original text where normalising changed more than letter case: link spans map through it. */
  private readonly originals = new Map<number, string>();
  private readonly reconstructor = new QuoteReconstructor((i) => this.normalized[i] ?? '');
  private texts: string[] = [];
  private hashes: string[] = [];
  private ops: number[] = [];
  private passages = 0;
  private inFlight = 0;
  private cancelled = false;
  private wake: (() => void) | undefined;
  private seed: string[] | undefined;

  constructor(
    private readonly start: StartDetection,
    private readonly post: (m: FromDetector, transfer?: ArrayBuffer[]) => void,
    /** Whether this is the earliest job still running: the file the import is storing. */
    private readonly isFirst: () => boolean,
  ) {}

  onSeed(texts: string[]): void {
    this.seed = texts;
    this.wakeUp();
  }

  onAck(): void {
    this.inFlight--;
    this.wakeUp();
  }

  cancel(): void {
    this.cancelled = true;
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private async waitUntil(ready: () => boolean): Promise<void> {
    while (!ready()) {
      if (this.cancelled) throw new Cancelled();
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    if (this.cancelled) throw new Cancelled();
  }

  async run(): Promise<void> {
    const { source, encoding, format } = this.start;
    const parser = parserFor(format);
    let opening: Block[] | undefined = [];
    let bytesDone = 0;
    const take = async (blocks: Block[]): Promise<void> => {
      if (opening) {
        opening.push(...blocks);
        if (!openingComplete(opening)) return;
        blocks = opening;
        opening = undefined;
        await this.open(blocks, parser.title);
      }
      for (const b of blocks) {
        this.apply(this.reconstructor.push(b));
        if (this.passages >= BATCH_PASSAGES) await this.send(bytesDone);
      }
    };
    for await (const chunk of readText(source, encoding)) {
      if (this.cancelled) throw new Cancelled();
      bytesDone = chunk.bytesDone;
      await take(parser.push(chunk.text));
      // One batch at least per chunk read, for progress.
      await this.send(bytesDone);
    }
    await take(parser.end());
    if (opening) {
      if (!openingHasText(opening)) {
        throw new CruxError('bad-input', `${source.file}: contains no text to import`);
      }
      const blocks: Block[] = opening;
      opening = undefined;
      await this.open(blocks, parser.title);
      for (const b of blocks) this.apply(this.reconstructor.push(b));
    }
    this.apply(this.reconstructor.end());
    await this.send(bytesDone);
    this.post({ type: 'done', job: this.start.job });
  }

  private async open(opening: readonly Block[], title: string | undefined): Promise<void> {
    this.post({ type: 'opening', job: this.start.job, identity: openingIdentity(opening), title });
    await this.waitUntil(() => this.seed !== undefined);
    for (const text of this.seed!) {
      const normalized = normalize(text);
      this.remember(this.reconstructor.known(normalized), text, normalized);
    }
    this.seed = [];
  }

  private remember(index: number, text: string, normalized: string): void {
    this.normalized[index] = normalized;
    // Most paragraphs only change case: a span in the normalised text is the same span in the original.
    if (normalized.length !== text.length || normalized !== text.toLowerCase()) this.originals.set(index, text);
  }

  private apply(decisions: readonly Decision[]): void {
    for (const d of decisions) {
      if (d.kind === 'boundary') {
        this.ops.push(OP_BOUNDARY);
      } else if (d.kind === 'passage') {
        this.remember(d.index, d.text, d.normalized);
        this.texts.push(d.text);
        this.hashes.push(textHash(d.normalized));
        this.ops.push(OP_PASSAGE, d.index, d.quotedOnly ? 1 : 0, d.text.length);
        this.pushLinks(d.respondsTo);
        this.passages++;
      } else if (d.kind === 'links') {
        this.ops.push(OP_LINKS, d.from);
        this.pushLinks(d.respondsTo);
      }
    }
  }

  private pushLinks(links: readonly PendingLink[]): void {
    this.ops.push(links.length);
    for (const link of links) {
      const original = this.originals.get(link.target);
      const span =
        original === undefined
          ? { start: link.start, end: link.end }
          : originalSpan(normalizeWithMap(original), link.start, link.end);
      this.ops.push(link.target, LINK_KINDS.indexOf(link.kind), span.start, span.end);
    }
  }

  private async send(bytesDone: number): Promise<void> {
    await this.waitUntil(() => this.inFlight < MAX_IN_FLIGHT);
    const ops = Int32Array.from(this.ops);
    this.post(
      {
        type: 'batch',
        job: this.start.job,
        bytesDone,
        texts: this.texts.join(''),
        hashes: this.hashes.join(''),
        ops,
      },
      [ops.buffer as ArrayBuffer],
    );
    this.inFlight++;
    this.texts = [];
    this.hashes = [];
    this.ops = [];
    this.passages = 0;
    // A file read ahead gives way after each batch to the file the import is storing (whose last
    // batches it waits for), which runs on until it has to wait, and to the files read ahead before it.
    if (this.start.readingAhead && !this.isFirst()) await turns.take(this.start.job);
  }
}

function failure(job: number, e: unknown): DetectionFailed {
  if (e instanceof InvalidUtf8Error)
    return { type: 'failed', job, error: { kind: 'invalid-utf8', byteOffset: e.byteOffset } };
  if (isCruxError(e)) return { type: 'failed', job, error: { kind: 'crux', code: e.code, message: e.message } };
  return { type: 'failed', job, error: { kind: 'other', message: (e as Error).message ?? String(e) } };
}

const port = parentPort;
if (port) {
  const jobs = new Map<number, Job>();
  const post = (m: FromDetector, transfer?: ArrayBuffer[]): void => port.postMessage(m, transfer ?? []);
  port.on('message', (m: ToDetector) => {
    if (m.type === 'start') {
      const job = new Job(m, post, () => jobs.keys().next().value === m.job);
      jobs.set(m.job, job);
      job
        .run()
        .catch((e: unknown) => {
          if (!(e instanceof Cancelled)) post(failure(m.job, e));
        })
        .finally(() => jobs.delete(m.job));
    } else if (m.type === 'seed') {
      jobs.get(m.job)?.onSeed(m.texts);
    } else if (m.type === 'ack') {
      jobs.get(m.job)?.onAck();
    } else {
      jobs.get(m.job)?.cancel();
    }
  });
}
