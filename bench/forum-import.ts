// Import throughput and memory for large forum dumps, against the plain-text import of the same passages.
//
//   npm run bench:forum -- [--mb 100] [--only hn|reddit|mbox] [--no-half] [--no-baseline] [--keep] [--parse-only] [--runs N]
//
// For each format (a Hacker News story, a Reddit thread page, an mbox; see bench/forum-data.ts) a dump
// of --mb MiB is imported through importPaths (the path every file takes) into a fresh library, in a
// child process so that the kernel's peak RSS is that import's alone. In the same child, the passages
// the import stored are written out as plain-text thread files (one paragraph per line, 1,000 lines a
// file) and imported through importPaths too: the plain-text rate on the same passages, on the same
// machine, minutes apart. The ratio of the two rates is the figure of merit (target >= 0.5). A second
// child imports a dump of half the size (--no-half skips it): peak memory should not depend on it.
// --runs N repeats the full-size pair in N fresh children and gives the ratio's median: on a shared
// machine one pair's ratio moves by ±10 %.
//
// --parse-only runs the format's parser alone over each dump (read and decoded as an import reads it,
// no library): what parsing costs, apart from storing.
//
// Profiling one import: node --expose-gc --cpu-prof --import tsx bench/forum-import.ts --child hn --mb 20
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { importPaths } from '../src/main/core/import/import-path';
import { inspectSource, readText } from '../src/main/core/import/source-file';
import { detectForumParser } from '../src/main/core/importers/registry';
import { createStores, type Stores } from '../src/main/core/store';
import { openLibraryFile } from '../src/main/core/store/db';
import { ensureForumDump, type ForumDump, type ForumKind } from './forum-data';
import { mainThreadCpu } from './main-thread-cpu';

const KINDS: readonly ForumKind[] = ['hn', 'reddit', 'mbox'];
const LINES_PER_FILE = 1000;
const MB = 1 << 20;
const TARGET_RATIO = 0.5;

interface Options {
  mb: number;
  kinds: ForumKind[];
  half: boolean;
  baseline: boolean;
  keep: boolean;
  parseOnly: boolean;
  data: string;
  child: ForumKind | undefined;
  heapSnapshotAtMb: number | undefined;
  /** Forum and plain-text imports at the full size, each pair in a fresh child: the ratio's median tells more than one pair on a noisy machine. */
  runs: number;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (name: string): number | undefined => {
    const v = value(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} wants a positive number, got ${v}`);
    return n;
  };
  const kind = (v: string | undefined): ForumKind | undefined => {
    if (v === undefined) return undefined;
    if (!(KINDS as readonly string[]).includes(v)) throw new Error(`expected one of ${KINDS.join('|')}, got ${v}`);
    return v as ForumKind;
  };
  const only = kind(value('--only'));
  return {
    mb: number('--mb') ?? 100,
    kinds: only ? [only] : [...KINDS],
    half: !argv.includes('--no-half'),
    baseline: !argv.includes('--no-baseline'),
    keep: argv.includes('--keep'),
    parseOnly: argv.includes('--parse-only'),
    data: path.resolve(value('--data') ?? path.join(__dirname, '.data')),
    child: kind(value('--child')),
    heapSnapshotAtMb: number('--heap-snapshot-at-mb'),
    runs: number('--runs') ?? 1,
  };
}

const gc = (globalThis as { gc?: () => void }).gc;
const mib = (bytes: number): string => (bytes / MB).toFixed(0);
const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const loadavg = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/**
 * Wall-clock and CPU seconds: of the whole process (user + system, all threads: SQLite runs in the
 * main thread, a large file is parsed on a worker) and of the main thread alone, which stores.
 */
interface Cost {
  wall: number;
  cpu: number;
  mainCpu: number;
}

function stopwatch(): { elapsed: () => Cost; pause: () => () => void } {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpu();
  let paused: Cost = { wall: 0, cpu: 0, mainCpu: 0 };
  const now = (): Cost => {
    const c = process.cpuUsage(cpu0);
    return {
      wall: (performance.now() - wall0) / 1000,
      cpu: (c.user + c.system) / 1e6,
      mainCpu: mainThreadCpu() - main0,
    };
  };
  return {
    elapsed: () => {
      const t = now();
      return { wall: t.wall - paused.wall, cpu: t.cpu - paused.cpu, mainCpu: t.mainCpu - paused.mainCpu };
    },
    pause: () => {
      const from = now();
      return () => {
        const to = now();
        paused = {
          wall: paused.wall + to.wall - from.wall,
          cpu: paused.cpu + to.cpu - from.cpu,
          mainCpu: paused.mainCpu + to.mainCpu - from.mainCpu,
        };
      };
    },
  };
}

const costText = (n: number, c: Cost): string =>
  `${c.wall.toFixed(1)} s = ${int(n / c.wall)}/s (CPU ${c.cpu.toFixed(1)} s = ${int(n / c.cpu)}/s; main thread ${c.mainCpu.toFixed(1)} s)`;

function freshFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

function count(stores: Stores, table: string): number {
  return (stores.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

function sizeOnDisk(file: string): number {
  return ['', '-wal'].reduce((sum, s) => sum + (fs.statSync(file + s, { throwIfNoEntry: false })?.size ?? 0), 0);
}

interface Peaks {
  rss: number;
  heapUsed: number;
  arrayBuffers: number;
  /** After a GC: what the import really holds. */
  retainedHeap: number;
  retainedRss: number;
}

interface Measured {
  passages: number;
  threads: number;
  cost: Cost;
  peaks: Peaks;
  rows: string[];
}

/** Imports `files` through importPaths, sampling memory at every progress report. */
async function measuredImport(
  stores: Stores,
  files: string[],
  totalBytes: number,
  libraryFile: string,
  snapshotAtMb?: number,
): Promise<Measured> {
  const peaks: Peaks = { rss: 0, heapUsed: 0, arrayBuffers: 0, retainedHeap: 0, retainedRss: 0 };
  const rows: string[] = [];
  let bytesBefore = 0;
  let file = '';
  let fileBytes = 0;
  let nextRow = 0;
  let snapshotTaken = false;
  gc?.();
  const watch = stopwatch();
  const result = await importPaths(stores, files, {
    onProgress: (p) => {
      // Not collected: the peak of what the import holds, garbage included.
      const m = process.memoryUsage();
      peaks.rss = Math.max(peaks.rss, m.rss);
      peaks.heapUsed = Math.max(peaks.heapUsed, m.heapUsed);
      peaks.arrayBuffers = Math.max(peaks.arrayBuffers, m.arrayBuffers);
      if (p.file !== file) {
        bytesBefore += fileBytes;
        file = p.file;
      }
      fileBytes = p.bytesTotal;
      const done = bytesBefore + p.bytesDone;
      if (done >= nextRow * (totalBytes / 10)) {
        // Collecting shows what is retained; its time is kept out of the import's.
        const resume = watch.pause();
        gc?.();
        const r = process.memoryUsage();
        peaks.retainedHeap = Math.max(peaks.retainedHeap, r.heapUsed);
        peaks.retainedRss = Math.max(peaks.retainedRss, r.rss);
        rows.push(
          `| ${mib(done)} | ${int(p.passagesDone)} | ${mib(m.rss)} | ${mib(m.heapUsed)} | ${mib(r.rss)} | ` +
            `${mib(r.heapUsed)} | ${mib(r.arrayBuffers)} | ${mib(sizeOnDisk(libraryFile))} |`,
        );
        nextRow = Math.floor(done / (totalBytes / 10)) + 1;
        resume();
      }
      if (snapshotAtMb && !snapshotTaken && done >= snapshotAtMb * MB) {
        snapshotTaken = true;
        const resume = watch.pause();
        const out = path.join(path.dirname(libraryFile), `forum-${snapshotAtMb}mb.heapsnapshot`);
        v8.writeHeapSnapshot(out);
        console.log(`  heap snapshot written to ${out}`);
        resume();
      }
    },
  });
  const cost = watch.elapsed();
  if (result.failed.length > 0) {
    throw new Error(`import failed: ${result.failed.map((f) => `${f.file}: ${f.error}`).join('; ')}`);
  }
  const passages = result.imported.reduce((n, s) => n + s.newPassages, 0);
  return { passages, threads: new Set(result.imported.map((s) => s.threadId)).size, cost, peaks, rows };
}

/** The stored passages as plain-text thread files: one paragraph per line, LINES_PER_FILE lines a file. */
function writePlainText(stores: Stores, dir: string): { files: number; bytes: number; lines: number } {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let lines: string[] = [];
  let files = 0;
  let bytes = 0;
  let total = 0;
  const flush = (): void => {
    if (lines.length === 0) return;
    // A file whose first line reads as JSON ("[1] https://…", a footnote) or as an mbox separator is
    // refused or read as another format by detection: open the file with a line that reads as prose.
    const prose = lines.findIndex((l) => !/^\s*(?:[[{]|From )/.test(l));
    if (prose > 0) lines.unshift(...lines.splice(prose, 1));
    const text = `${lines.join('\n')}\n`;
    fs.writeFileSync(path.join(dir, `thread-${String(++files).padStart(5, '0')}.txt`), text);
    bytes += Buffer.byteLength(text);
    lines = [];
  };
  const rows = stores.db.prepare('SELECT text FROM passages ORDER BY id').iterate() as Iterable<{ text: string }>;
  for (const { text } of rows) {
    const line = text.replace(/\s+/g, ' ').trim();
    if (line === '') continue;
    lines.push(line);
    total++;
    if (lines.length >= LINES_PER_FILE) flush();
  }
  flush();
  return { files, bytes, lines: total };
}

function memoryTable(rows: string[]): void {
  console.log(
    '| read MiB | passages | RSS | heap used | RSS after GC | heap after GC | array buffers after GC | library on disk |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

async function child(o: Options, kind: ForumKind): Promise<void> {
  const dump = ensureForumDump(o.data, kind, o.mb);
  const dir = path.join(o.data, 'run', String(process.pid));
  const libraryFile = path.join(dir, `${kind}-library.sqlite`);
  freshFile(libraryFile);
  console.log(`load average before: ${loadavg()}`);
  const rssBefore = process.memoryUsage().rss;
  try {
    const stores = createStores(openLibraryFile(libraryFile));
    const forum = await measuredImport(stores, [dump.file], dump.bytes, libraryFile, o.heapSnapshotAtMb);
    const peakRss = process.resourceUsage().maxRSS * 1024;
    const posts = count(stores, 'posts');
    const links = count(stores, 'links');
    console.log(
      `\n${kind}: ${mib(dump.bytes)} MiB, ${int(posts)} posts in ${forum.threads} threads -> ${int(forum.passages)} passages, ` +
        `${int(links)} links in ${costText(forum.passages, forum.cost)}, ${(dump.bytes / MB / forum.cost.wall).toFixed(2)} MiB/s; ` +
        `library ${mib(sizeOnDisk(libraryFile))} MiB`,
    );
    console.log(`\nmemory during the import (MiB; RSS/heap sampled at every 1 MiB chunk, GC'd columns at every 10 %):`);
    memoryTable(forum.rows);
    console.log(
      `\npeak RSS ${mib(peakRss)} MiB (kernel high-water mark; ${mib(rssBefore)} before the import), ` +
        `peak heap used ${mib(forum.peaks.heapUsed)} MiB, peak heap after GC ${mib(forum.peaks.retainedHeap)} MiB, ` +
        `peak array buffers ${mib(forum.peaks.arrayBuffers)} MiB`,
    );
    const result: Record<string, number | string> = {
      kind,
      mib: Number((dump.bytes / MB).toFixed(1)),
      copies: dump.copies,
      posts,
      threads: forum.threads,
      passages: forum.passages,
      links,
      seconds: Number(forum.cost.wall.toFixed(1)),
      cpuSeconds: Number(forum.cost.cpu.toFixed(1)),
      mainCpuSeconds: Number(forum.cost.mainCpu.toFixed(1)),
      rate: Math.round(forum.passages / forum.cost.wall),
      cpuRate: Math.round(forum.passages / forum.cost.cpu),
      rssBeforeMib: Math.round(rssBefore / MB),
      peakRssMib: Math.round(peakRss / MB),
      peakHeapMib: Math.round(forum.peaks.heapUsed / MB),
      peakRetainedHeapMib: Math.round(forum.peaks.retainedHeap / MB),
      peakRetainedRssMib: Math.round(forum.peaks.retainedRss / MB),
      peakArrayBuffersMib: Math.round(forum.peaks.arrayBuffers / MB),
    };

    if (o.baseline) {
      const textDir = path.join(dir, `${kind}-text`);
      const text = writePlainText(stores, textDir);
      stores.db.close();
      const files = fs
        .readdirSync(textDir)
        .sort()
        .map((f) => path.join(textDir, f));
      const textLibrary = path.join(dir, `${kind}-text-library.sqlite`);
      freshFile(textLibrary);
      const textStores = createStores(openLibraryFile(textLibrary));
      console.log(`\nload average before the plain-text import: ${loadavg()}`);
      const plain = await measuredImport(textStores, files, text.bytes, textLibrary);
      textStores.db.close();
      const ratio = (key: keyof Cost): number => forum.passages / forum.cost[key] / (plain.passages / plain.cost[key]);
      console.log(
        `plain text, same passages: ${int(text.lines)} lines in ${text.files} files (${mib(text.bytes)} MiB) -> ` +
          `${int(plain.passages)} passages in ${costText(plain.passages, plain.cost)}`,
      );
      console.log(
        `\n${kind} / plain text, passages/s: ${ratio('wall').toFixed(2)} wall clock, ${ratio('cpu').toFixed(2)} CPU time, ` +
          `${ratio('mainCpu').toFixed(2)} main-thread CPU time (target >= ${TARGET_RATIO})`,
      );
      Object.assign(result, {
        textFiles: text.files,
        textPassages: plain.passages,
        textSeconds: Number(plain.cost.wall.toFixed(1)),
        textRate: Math.round(plain.passages / plain.cost.wall),
        textCpuRate: Math.round(plain.passages / plain.cost.cpu),
        ratio: Number(ratio('wall').toFixed(3)),
        ratioCpu: Number(ratio('cpu').toFixed(3)),
        textMainCpuSeconds: Number(plain.cost.mainCpu.toFixed(1)),
        ratioMainCpu: Number(ratio('mainCpu').toFixed(3)),
      });
    } else {
      stores.db.close();
    }
    result.loadavg = loadavg();
    console.log(`load average after: ${result.loadavg}`);
    console.log(`\nRESULT ${JSON.stringify(result)}`);
  } finally {
    if (o.keep) console.log(`libraries kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The format's parser alone over the dump, as an import reads it (decoded in 1 MiB chunks), into no library. */
async function parseOnly(o: Options, kind: ForumKind): Promise<void> {
  const dump = ensureForumDump(o.data, kind, o.mb);
  const source = await inspectSource(dump.file);
  const parser = detectForumParser(dump.file, source.head);
  if (!parser) throw new Error(`${dump.file}: no parser recognises it`);
  console.log(`load average before: ${loadavg()}`);
  let posts = 0;
  let events = 0;
  gc?.();
  const watch = stopwatch();
  const input = {
    file: dump.file,
    text: () => fs.promises.readFile(dump.file, 'utf8'),
    async *chunks() {
      for await (const { text } of readText(source, source.encoding)) yield text;
    },
  };
  for await (const event of parser.parse(input)) {
    events++;
    if (event.kind === 'post') posts++;
  }
  const cost = watch.elapsed();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    `${kind}: ${mib(dump.bytes)} MiB parsed alone (${parser.format}): ${int(posts)} posts, ${int(events)} events in ` +
      `${costText(posts, cost)}, ${(dump.bytes / MB / cost.cpu).toFixed(1)} MiB/s CPU; peak RSS ${mib(peakRss)} MiB`,
  );
  const result = {
    kind,
    mib: Number((dump.bytes / MB).toFixed(1)),
    posts,
    seconds: Number(cost.wall.toFixed(2)),
    cpuSeconds: Number(cost.cpu.toFixed(2)),
    peakRssMib: Math.round(peakRss / MB),
    loadavg: loadavg(),
  };
  console.log(`\nRESULT ${JSON.stringify(result)}`);
}

function runChild(o: Options, kind: ForumKind, mb: number, baseline: boolean): Record<string, number | string> {
  const args = [...process.execArgv, process.argv[1]!, '--child', kind, '--mb', String(mb), '--data', o.data];
  if (o.parseOnly) args.push('--parse-only');
  if (!baseline) args.push('--no-baseline');
  if (o.keep) args.push('--keep');
  if (o.heapSnapshotAtMb) args.push('--heap-snapshot-at-mb', String(o.heapSnapshotAtMb));
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * MB });
  const out = run.stdout.toString();
  process.stdout.write(out);
  if (run.status !== 0) throw new Error(`the ${kind} ${mb} MiB child failed (status ${run.status ?? run.signal})`);
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  return JSON.parse(line!.slice('RESULT '.length)) as Record<string, number | string>;
}

/** The commit measured, and the source files that differ from it (others' work in a shared tree). */
function codeVersion(): string {
  const git = (...args: string[]): string =>
    spawnSync('git', args, { cwd: path.join(__dirname, '..'), encoding: 'utf8' }).stdout?.trimEnd() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  const changed = git('status', '--porcelain', '--', 'src', 'bench')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.slice(3));
  return changed.length === 0 ? `commit ${commit}` : `commit ${commit} + uncommitted changes to ${changed.join(', ')}`;
}

function parent(o: Options): void {
  if (!gc) console.log('(run with --expose-gc, as npm run bench:forum does, for the after-GC memory columns)');
  console.log(`${os.cpus().length} cores, Node ${process.version}, load average ${loadavg()}`);
  console.log(`code: ${codeVersion()}`);
  const results: Record<string, number | string>[] = [];
  for (const kind of o.kinds) {
    const sizes = o.half ? [o.mb, o.mb / 2] : [o.mb];
    for (const mb of sizes) {
      const started = performance.now();
      const dump: ForumDump = ensureForumDump(o.data, kind, mb);
      console.log(
        `\n=== ${kind}, ${mib(dump.bytes)} MiB: ${int(dump.posts)} posts, ${dump.copies} copies of the real threads ` +
          `(${path.relative(process.cwd(), dump.file)}, ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );
      for (let run = 0; run < (mb === o.mb ? o.runs : 1); run++)
        results.push(runChild(o, kind, mb, o.baseline && mb === o.mb));
    }
  }
  if (o.parseOnly) {
    console.log('\n| dump | MiB | posts | parsed alone, wall s (CPU s) | MiB/s CPU | peak RSS MiB | load average |');
    console.log('|---|---|---|---|---|---|---|');
    for (const r of results) {
      const n = (k: string): number => Number(r[k]);
      console.log(
        `| ${r.kind} | ${r.mib} | ${int(n('posts'))} | ${n('seconds').toFixed(1)} (${n('cpuSeconds').toFixed(1)}) | ` +
          `${(n('mib') / n('cpuSeconds')).toFixed(1)} | ${n('peakRssMib')} | ${r.loadavg} |`,
      );
    }
    return;
  }
  console.log(
    '\n| dump | MiB | posts | threads | passages | forum passages/s (CPU) | plain text passages/s (CPU) | ' +
      'ratio (CPU) | peak RSS MiB | peak heap MiB (after GC) | peak array buffers MiB | load average |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const n = (k: string): number => Number(r[k]);
    const plain = r.textRate === undefined ? '–' : `${int(n('textRate'))} (${int(n('textCpuRate'))})`;
    const ratio = r.ratio === undefined ? '–' : `${n('ratio').toFixed(2)} (${n('ratioCpu').toFixed(2)})`;
    console.log(
      `| ${r.kind} | ${r.mib} | ${int(n('posts'))} | ${int(n('threads'))} | ${int(n('passages'))} | ` +
        `${int(n('rate'))} (${int(n('cpuRate'))}) | ${plain} | ${ratio} | ${n('peakRssMib')} | ` +
        `${n('peakHeapMib')} (${n('peakRetainedHeapMib')}) | ${n('peakArrayBuffersMib')} | ${r.loadavg} |`,
    );
  }
  for (const kind of o.kinds) {
    const ratios = (key: string): number[] =>
      results
        .filter((r) => r.kind === kind && r.ratio !== undefined)
        .map((r) => Number(r[key]))
        .sort((a, b) => a - b);
    const wall = ratios('ratio');
    if (wall.length < 2) continue;
    const median = (xs: number[]): number => (xs[(xs.length - 1) >> 1]! + xs[xs.length >> 1]!) / 2;
    const cpu = ratios('ratioCpu');
    console.log(
      `\n${kind} / plain text over ${wall.length} pairs: median ${median(wall).toFixed(2)} wall clock ` +
        `(${wall[0]!.toFixed(2)}–${wall.at(-1)!.toFixed(2)}), ${median(cpu).toFixed(2)} CPU time (target >= ${TARGET_RATIO})`,
    );
  }
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (o.child && o.parseOnly) await parseOnly(o, o.child);
  else if (o.child) await child(o, o.child);
  else parent(o);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
