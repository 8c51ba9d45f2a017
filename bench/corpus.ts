// A deterministic corpus of real English prose for benchmarks: sentences harvested from the
// project's sample threads and from the system's own documentation (licenses, copyright files,
// READMEs, man and info pages, vim help), recombined into passages by runs of consecutive
// sentences. Real text matters: FTS5 and typo-tolerance costs depend on a natural (Zipfian)
// vocabulary, which generated words never have.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const DEFAULT_SEED = 20240611;
/** Bump when the harvesting rules change, so a cached pool from older rules is not reused. */
const POOL_VERSION = 4;

export interface CorpusPassage {
  /** 0-based thread and post numbers: passages of one post are consecutive, posts of one thread too. */
  thread: number;
  post: number;
  author: string;
  text: string;
}

export interface CorpusOptions {
  seed?: number;
  /** Where the harvested sentence pool is cached (harvesting reads ~100 MB of documentation). */
  cacheDir?: string;
  /** Mean passages per thread (threads vary from a fifth to twice this). */
  passagesPerThread?: number;
}

export interface SentencePool {
  sentences: string[];
  authors: string[];
  sources: number;
}

// Real threads and documents from the shared data folder beside the project.
const DATA = path.resolve(__dirname, '..', '..', 'shared', 'data');

/** Seeded PRNG (sfc32): fast, and the same sequence on every machine. */
export function rng(seed: number): () => number {
  let a = 0x9e3779b9,
    b = 0x243f6a88,
    c = 0xb7e15162,
    d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** The sentence pool, harvested once and cached as JSON under `cacheDir`. */
export function sentencePool(cacheDir = path.join(process.cwd(), 'bench', '.data')): SentencePool {
  const file = path.join(cacheDir, `sentences-v${POOL_VERSION}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as SentencePool;
  const pool = harvest();
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(pool));
  return pool;
}

/**
 * Yields `count` passages deterministically for a seed: each a run of consecutive sentences from
 * one source document, lengths drawn log-normally (median ~230 bytes, mean ~300, p95 ~770, like
 * forum paragraphs). Passages are unique within their thread, as the passages table requires.
 */
export function* corpusPassages(count: number, options: CorpusOptions = {}): Generator<CorpusPassage> {
  const pool = sentencePool(options.cacheDir);
  const random = rng(options.seed ?? DEFAULT_SEED);
  const { sentences } = pool;
  const perThread = options.passagesPerThread ?? 1000;
  const authorWeights = zipfTable(pool.authors.length, 1.1);
  let thread = 0;
  let post = 0;
  let threadLeft = 0;
  let postLeft = 0;
  let author = '';
  let seen = new Set<string>();
  for (let produced = 0; produced < count;) {
    if (threadLeft === 0) {
      if (produced > 0) thread++;
      threadLeft = Math.max(1, Math.round(perThread * (0.2 + 1.8 * random())));
      seen = new Set();
      postLeft = 0;
    }
    if (postLeft === 0) {
      if (produced > 0) post++;
      postLeft = 1 + Math.floor(-Math.log(1 - random()) * 2.5);
      author = pool.authors[pickWeighted(authorWeights, random())]!;
    }
    const target = Math.exp(Math.log(235) + 0.75 * gaussian(random));
    let i = Math.floor(random() * sentences.length);
    if (sentences[i] === '') i++;
    let text = sentences[i] ?? '';
    while (text.length < target && i + 1 < sentences.length && sentences[i + 1] !== '') {
      const next = sentences[++i]!;
      if (text.length + next.length > target * 1.6) break;
      text += ' ' + next;
    }
    if (text === '') continue;
    const key = crypto.createHash('sha1').update(text).digest('base64');
    if (seen.has(key)) continue;
    seen.add(key);
    yield { thread, post, author, text };
    produced++;
    threadLeft--;
    postLeft--;
  }
}

function gaussian(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function zipfTable(n: number, s: number): Float64Array {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) cumulative[k] = sum += 1 / Math.pow(k + 1, s);
  for (let k = 0; k < n; k++) cumulative[k]! /= sum;
  return cumulative;
}

function pickWeighted(cumulative: Float64Array, r: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Harvesting. Each source becomes a list of documents (plain text); documents are split into
// sentences and only prose-like sentences are kept. An empty string separates documents in the
// pool, so a passage never runs from one document into the next.

function harvest(): SentencePool {
  const docs: string[] = [];
  const authors = new Set<string>();
  const add = (text: string): void => {
    if (text.trim().length > 0) docs.push(text);
  };

  add(fs.readFileSync(path.join(DATA, 'seed-thread.txt'), 'utf8'));
  for (const file of walk(path.join(DATA, 'real'))) {
    const raw = fs.readFileSync(file, 'utf8');
    if (file.endsWith('.json')) {
      for (const s of jsonStrings(raw)) add(htmlToText(s));
    } else if (file.endsWith('.html') || file.endsWith('.rss')) {
      for (const m of raw.matchAll(/<!-- name="([^"]{3,40})" -->/g)) authors.add(m[1]!);
      add(htmlToText(raw));
    } else if (file.endsWith('.mbox') || file.endsWith('.eml')) {
      for (const m of raw.matchAll(/^From: "?([A-Z][\w.' -]{2,40}?)"? <[^>]*>$/gm)) authors.add(m[1]!.trim());
      add(mailBodies(raw));
    }
  }
  for (const file of walk('/usr/share/common-licenses')) add(readMaybeGzip(file));
  for (const dir of sortedDir('/usr/share/doc')) {
    const base = path.join('/usr/share/doc', dir);
    for (const name of sortedDir(base)) {
      if (name === 'copyright' || /^README/i.test(name)) {
        const file = path.join(base, name);
        if (fs.statSync(file).isFile()) add(readMaybeGzip(file));
      }
    }
  }
  for (const file of walk('/usr/share/info')) if (file.endsWith('.gz')) add(readMaybeGzip(file));
  for (const dir of sortedDir('/usr/share/vim')) {
    const doc = path.join('/usr/share/vim', dir, 'doc');
    if (fs.existsSync(doc)) for (const file of walk(doc)) if (file.endsWith('.txt')) add(vimHelp(readMaybeGzip(file)));
  }
  for (let section = 1; section <= 8; section++) {
    const dir = `/usr/share/man/man${section}`;
    for (const name of sortedDir(dir)) if (name.endsWith('.gz')) add(roffToText(readMaybeGzip(path.join(dir, name))));
  }

  const sentences: string[] = [];
  const unique = new Set<string>();
  for (const doc of docs) {
    let kept = 0;
    for (const s of splitSentences(doc)) {
      if (!isProse(s) || unique.has(s)) continue;
      unique.add(s);
      sentences.push(s);
      kept++;
    }
    if (kept > 0) sentences.push('');
  }
  const names = [...authors].filter((a) => /^[A-Z][a-z]+( [A-Z][a-z]*\.?)*( [A-Z][a-z]+)$/.test(a)).sort();
  return { sentences, authors: names, sources: docs.length };
}

function* walk(dir: string): Generator<string> {
  for (const name of sortedDir(dir)) {
    const full = path.join(dir, name);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (stat?.isDirectory()) yield* walk(full);
    else if (stat?.isFile()) yield full;
  }
}

function sortedDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function readMaybeGzip(file: string): string {
  const bytes = fs.readFileSync(file);
  return (file.endsWith('.gz') ? zlib.gunzipSync(bytes) : bytes).toString('utf8');
}

function jsonStrings(raw: string): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.length > 60 && v.includes(' ')) out.push(v);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  try {
    visit(JSON.parse(raw));
  } catch {
    // Not every sample is valid JSON on its own; such a file simply contributes nothing.
  }
  // Reddit and Discourse carry each body as markdown and as HTML: keep one copy.
  return [...new Set(out)];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?(p|div|br|li|h\d|pre|blockquote|tr|td)[^>]*>/gi, '\n\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    });
}

function mailBodies(raw: string): string {
  // Headers are everything up to the first blank line of each message; quoted lines repeat others.
  return raw
    .split(/\n(?=From \S+ )/)
    .map((message) => {
      const blank = message.indexOf('\n\n');
      return blank < 0 ? '' : message.slice(blank + 2);
    })
    .join('\n\n')
    .split('\n')
    .filter((line) => !line.startsWith('>') && !/^[A-Za-z-]+: /.test(line) && !line.startsWith('--'))
    .join('\n')
    .replace(/=\n/g, '');
}

function vimHelp(text: string): string {
  return text.replace(/\*[^*\s]+\*/g, ' ').replace(/\|([^|\s]+)\|/g, '$1');
}

function roffToText(roff: string): string {
  const out: string[] = [];
  for (const line of roff.split('\n')) {
    if (line.startsWith('.') || line.startsWith("'")) {
      const m = /^[.'](B|I|BI|BR|IB|IR|RB|RI|SM|SB)\s+(.*)$/.exec(line);
      if (m) out.push(m[2]!.replace(/"/g, ''));
      else if (/^[.'](PP|P|LP|SH|SS|TP|IP|HP|br|sp)\b/.test(line)) out.push('');
      continue;
    }
    out.push(line);
  }
  return out
    .join('\n')
    .replace(/\\f(\[[^\]]*\]|\(..|.)/g, '')
    .replace(/\\s[-+]?\d/g, '')
    .replace(/\\\*?\((..)/g, (_m, code: string) => ROFF_GLYPHS[code] ?? ' ')
    .replace(/\\\[([^\]]*)\]/g, (_m, code: string) => ROFF_GLYPHS[code] ?? ' ')
    .replace(/\\[-e]/g, (m) => (m === '\\-' ? '-' : '\\'))
    .replace(/\\[&|^%c:]/g, '')
    .replace(/\\\s/g, ' ')
    .replace(/\\./g, '');
}

const ROFF_GLYPHS: Record<string, string> = {
  em: '\u2014',
  en: '\u2013',
  lq: '\u201C',
  rq: '\u201D',
  oq: '\u2018',
  cq: '\u2019',
  aq: "'",
  dq: '"',
  hy: '-',
  bu: '\u2022',
  co: '\u00A9',
  tm: '\u2122',
};

function splitSentences(doc: string): string[] {
  const out: string[] = [];
  for (const paragraph of doc.split(/\n[ \t]*\n/)) {
    const flat = paragraph.replace(/\s+/g, ' ').trim();
    if (flat.length < 20) continue;
    for (const s of flat.split(/(?<=[.!?]["')\u201D]?)\s+(?=["'(\u201C]?[A-Z])/)) out.push(s.trim());
  }
  return out;
}

/** Sentences a person wrote to be read: mostly words, some length, not code or tables. */
function isProse(s: string): boolean {
  if (s.length < 30 || s.length > 600) return false;
  if (!/^["'(\u201C]?[A-Z]/.test(s) || !/[.!?]["')\u201D]?$/.test(s)) return false;
  const words = s.split(' ');
  if (words.length < 6) return false;
  const letters = s.replace(/[^\p{L}]/gu, '').length;
  if (letters / s.replace(/ /g, '').length < 0.8) return false;
  if (/[{};<>=\\|$#@]|\/\*|\+\+|::|->|\.\.\.\./.test(s)) return false;
  const lower = words.filter((w) => /^[a-z]/.test(w)).length;
  return lower / words.length >= 0.5;
}
