// Thread files for the import benchmark. The prose is bench/corpus.ts's pool of real English sentences
// (the shared debate threads and mail archive, the system's licenses, manuals and READMEs); this module
// only lays it out as thread files and adds the quotations a reply-heavy thread carries, so that quote
// detection does the work it does on a real export. Lorem ipsum would make FTS5 and quote detection
// both look cheaper than they are.
import fs from 'node:fs';
import path from 'node:path';
import { sentencePool } from './corpus';

/** Deterministic: the same seed gives the same corpus on a machine with the same documentation installed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The distinct prose sentences of bench/corpus.ts's harvest (shared with the search benchmark), in its order. */
export function loadSentences(cacheDir: string): string[] {
  return sentencePool(cacheDir).sentences.filter((s) => s !== '');
}

/**
 * Passages as runs of consecutive sentences of a shuffled pool, reshuffled whenever it runs out. At
 * least two sentences each: after a reshuffle, a one-sentence passage would sit whole inside an
 * earlier passage of a long thread, and quote detection would rightly refuse to store it again.
 */
export class PassageStream {
  private order: number[] = [];
  private cursor = 0;
  private readonly random: () => number;

  constructor(
    private readonly pool: readonly string[],
    seed: number,
  ) {
    this.random = mulberry32(seed);
    this.reshuffle();
  }

  private reshuffle(): void {
    const order = Array.from(this.pool, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    this.order = order;
    this.cursor = 0;
  }

  private nextSentence(): string {
    if (this.cursor >= this.order.length) this.reshuffle();
    return this.pool[this.order[this.cursor++]!]!;
  }

  /**
   * Lognormal. With the two-sentence minimum, median 170 and sigma 0.736 give passages close to the
   * distribution the search baselines were measured on (mean ~300 bytes, median ~230, p95 ~765).
   */
  private targetLength(): number {
    const u = Math.max(1e-12, this.random());
    const v = this.random();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return 170 * Math.exp(0.736 * normal);
  }

  /** One passage, as its sentences. */
  next(): string[] {
    const target = this.targetLength();
    const sentences = [this.nextSentence(), this.nextSentence()];
    let length = sentences[0]!.length + 1 + sentences[1]!.length;
    while (length < target) {
      const s = this.nextSentence();
      sentences.push(s);
      length += s.length + 1;
    }
    return sentences;
  }
}

export interface ThreadShape {
  /** Probability that a quote line (not a new passage) comes before a new paragraph. */
  quoteRate: number;
  /** Probability that a new paragraph opens by quoting an earlier sentence inline, in double quotes. */
  inlineQuoteRate: number;
}

export const DEFAULT_SHAPE: ThreadShape = { quoteRate: 0.05, inlineQuoteRate: 0.02 };

const RECENT = 200;

export interface ThreadStats {
  /** Lines that are new passages. */
  passages: number;
  /** 0-based line numbers of the quotation lines, which quote detection must not store. */
  quoteLines: number[];
  bytes: number;
}

/**
 * Writes one plain-text thread, one paragraph per line, as a reply-heavy thread reads: now and then a
 * line repeating an earlier paragraph or one of its sentences (a quotation that the next paragraph
 * answers), and paragraphs quoting an earlier sentence inline. Stops once `done` says so.
 */
export function writeThreadLines(
  passages: PassageStream,
  random: () => number,
  write: (line: string) => void,
  done: (stats: ThreadStats) => boolean,
  shape: ThreadShape = DEFAULT_SHAPE,
): ThreadStats {
  const recent: string[][] = [];
  const stats: ThreadStats = { passages: 0, quoteLines: [], bytes: 0 };
  let line = 0;
  const emit = (text: string): void => {
    write(text);
    line++;
    stats.bytes += Buffer.byteLength(text) + 1;
  };
  const longSentence = (): string | undefined => {
    const source = recent[Math.floor(random() * recent.length)]!;
    const long = source.filter((s) => s.split(' ').length >= 8);
    return long.length > 0 ? long[Math.floor(random() * long.length)] : undefined;
  };
  while (!done(stats)) {
    // The first lines identify the thread: keep them plain.
    const opening = stats.passages < 3;
    if (!opening && random() < shape.quoteRate) {
      const quoted = random() < 0.5 ? longSentence() : undefined;
      stats.quoteLines.push(line);
      emit(quoted ?? recent[Math.floor(random() * recent.length)]!.join(' '));
    }
    const sentences = passages.next();
    let text = sentences.join(' ');
    if (!opening && random() < shape.inlineQuoteRate) {
      const quoted = longSentence();
      if (quoted) text = `"${quoted}" ${text}`;
    }
    emit(text);
    stats.passages++;
    recent.push(sentences);
    if (recent.length > RECENT) recent.shift();
  }
  return stats;
}

/** Bump when generation changes, so that cached files from an older generator are not reused. */
const CORPUS_VERSION = 1;
const SEED = 20_251_127;

export interface ThreadCorpus {
  version: number;
  dir: string;
  files: string[];
  /** Per file, the 0-based line numbers of quotation lines. */
  quoteLines: number[][];
  passages: number;
  bytes: number;
  poolSentences: number;
}

class LineWriter {
  private buffer: string[] = [];
  private size = 0;
  private readonly fd: number;

  constructor(file: string) {
    this.fd = fs.openSync(file, 'w');
  }

  write = (line: string): void => {
    this.buffer.push(line);
    this.size += line.length + 1;
    if (this.size >= 1 << 20) this.flush();
  };

  private flush(): void {
    if (this.buffer.length > 0) fs.writeSync(this.fd, this.buffer.join('\n') + '\n');
    this.buffer = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/**
 * `passages` new paragraphs spread evenly over `files` thread files under `root`, generated once and
 * reused while the manifest matches (generation takes about as long as a 100k import).
 */
export function ensureThreadCorpus(root: string, passages: number, files: number): ThreadCorpus {
  const dir = path.join(root, `threads-v${CORPUS_VERSION}-${passages}p-${files}f`);
  const manifestFile = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifestFile)) {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as ThreadCorpus;
    if (manifest.version === CORPUS_VERSION && manifest.files.every((f) => fs.existsSync(path.join(dir, f)))) {
      return { ...manifest, dir };
    }
  }
  log(`generating ${passages} passages in ${files} thread files under ${dir} ...`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const sentences = loadSentences(root);
  const stream = new PassageStream(sentences, SEED);
  const random = mulberry32(SEED + 1);
  const corpus: ThreadCorpus = {
    version: CORPUS_VERSION,
    dir,
    files: [],
    quoteLines: [],
    passages: 0,
    bytes: 0,
    poolSentences: sentences.length,
  };
  const width = String(files).length;
  for (let f = 0; f < files; f++) {
    const name = `thread-${String(f + 1).padStart(width, '0')}.txt`;
    const target = Math.floor((passages * (f + 1)) / files) - Math.floor((passages * f) / files);
    const out = new LineWriter(path.join(dir, name));
    const stats = writeThreadLines(stream, random, out.write, (s) => s.passages >= target);
    out.close();
    corpus.files.push(name);
    corpus.quoteLines.push(stats.quoteLines);
    corpus.passages += stats.passages;
    corpus.bytes += stats.bytes;
  }
  fs.writeFileSync(manifestFile, JSON.stringify(corpus));
  return corpus;
}

export interface SingleFileCorpus {
  version: number;
  file: string;
  passages: number;
  quoteLines: number;
  bytes: number;
}

/** One plain-text thread of about `mb` MiB. */
export function ensureSingleThreadFile(root: string, mb: number): SingleFileCorpus {
  const file = path.join(root, `single-v${CORPUS_VERSION}-${mb}mb.txt`);
  const manifestFile = `${file}.json`;
  if (fs.existsSync(manifestFile) && fs.existsSync(file)) {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as SingleFileCorpus;
    if (manifest.version === CORPUS_VERSION && fs.statSync(file).size === manifest.bytes) return manifest;
  }
  log(`generating a ${mb} MiB thread at ${file} ...`);
  fs.mkdirSync(root, { recursive: true });
  const stream = new PassageStream(loadSentences(root), SEED + 2);
  const out = new LineWriter(file);
  const limit = mb * (1 << 20);
  const stats = writeThreadLines(stream, mulberry32(SEED + 3), out.write, (s) => s.bytes >= limit - 2000);
  out.close();
  const manifest: SingleFileCorpus = {
    version: CORPUS_VERSION,
    file,
    passages: stats.passages,
    quoteLines: stats.quoteLines.length,
    bytes: stats.bytes,
  };
  fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  return manifest;
}

/** The passages of a thread file as the bare-insert baseline stores them: every line but the quotations. */
export function passagesOfFile(file: string, quoteLines: readonly number[]): string[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const skip = new Set(quoteLines);
  return lines.filter((_, i) => !skip.has(i));
}
