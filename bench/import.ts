// Import throughput and memory, against what SQLite itself can do on this machine.
//
//   npm run bench:import -- [--passages 1000000] [--files 1000] [--via core|library] [--per-file] [--in-thread]
//                           [--no-baseline] [--keep]
//   npm run bench:import -- --single-file-mb 300 [--heap-snapshot-at-mb 200]
//
// The thread mode imports real-prose thread files the way a folder of them is imported: one importPaths
// call (or Library.importPaths with --via library) for all the files, or with --per-file one importFile
// call each (a transaction per file), into a fresh library; then it inserts the same passages the bare way (a prepared INSERT
// into a plain table plus an explicit FTS5 insert, one transaction): the ratio of the two rates is what
// the import path costs on top of SQLite. The single-file mode imports one huge thread in a child
// process, so that the peak RSS it reports is the import's own and not the generator's.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { importFile } from '../src/main/core/import/import-file';
import { importPaths } from '../src/main/core/import/import-path';
import { Library } from '../src/main/core/library/library';
import { detectionCounts, useDetectionWorker } from '../src/main/core/quotes/detector';
import type { ImportProgress } from '../src/shared/model/library';
import { createStores, type Stores } from '../src/main/core/store';
import { openLibraryFile } from '../src/main/core/store/db';
import { sqliteDriver } from '../src/main/core/store/sqlite';
import { ensureSingleThreadFile, ensureThreadCorpus, passagesOfFile, type ThreadCorpus } from './import-corpus';
import { mainThreadCpu } from './main-thread-cpu';

interface Options {
  passages: number;
  files: number;
  singleFileMb: number | undefined;
  via: 'core' | 'library';
  perFile: boolean;
  inThread: boolean;
  baseline: boolean;
  data: string;
  heapSnapshotAtMb: number | undefined;
  childSingle: string | undefined;
  keep: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (name: string): number | undefined => {
    const v = value(name);
    if (v === undefined) return undefined;
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} wants a positive number, got ${v}`);
    return n;
  };
  const passages = number('--passages') ?? 1_000_000;
  const via = value('--via') ?? 'core';
  if (via !== 'core' && via !== 'library') throw new Error(`--via is core or library, got ${via}`);
  return {
    passages,
    files: number('--files') ?? Math.max(1, Math.round(passages / 1000)),
    singleFileMb: number('--single-file-mb'),
    via,
    perFile: argv.includes('--per-file'),
    inThread: argv.includes('--in-thread'),
    baseline: !argv.includes('--no-baseline'),
    data: path.resolve(value('--data') ?? path.join(path.dirname(path.resolve(process.argv[1]!)), '.data')),
    heapSnapshotAtMb: number('--heap-snapshot-at-mb'),
    childSingle: value('--child-single'),
    keep: argv.includes('--keep'),
  };
}

const MB = 1 << 20;
const mb = (bytes: number): string => (bytes / MB).toFixed(0);
const rate = (n: number, seconds: number): string => `${Math.round(n / seconds).toLocaleString('en-US')}/s`;
const gc = (globalThis as { gc?: () => void }).gc;

interface MemorySample {
  rss: number;
  heapUsed: number;
  /** Buffers and typed arrays live outside the JS heap: the fingerprint tables are here. */
  arrayBuffers: number;
}

function sample(collect: boolean): MemorySample {
  if (collect) gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers };
}

/** Peak resident set size of this process so far (the kernel's high-water mark, not a sample). */
/**
 * Wall-clock and CPU seconds (user + system, this process). On a shared machine the wall clock
 * measures the neighbours too; CPU time mostly does not, so the ratios are given both ways.
 */
interface Cost {
  wall: number;
  /** All threads of the process: SQLite's, the quote-detection worker's, V8's helpers. */
  cpu: number;
  /** The main thread alone (the one that runs SQLite), where Linux tells. */
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
  const minus = (a: Cost, b: Cost): Cost => ({
    wall: a.wall - b.wall,
    cpu: a.cpu - b.cpu,
    mainCpu: a.mainCpu - b.mainCpu,
  });
  const plus = (a: Cost, b: Cost): Cost => ({
    wall: a.wall + b.wall,
    cpu: a.cpu + b.cpu,
    mainCpu: a.mainCpu + b.mainCpu,
  });
  return {
    elapsed: () => minus(now(), paused),
    pause: () => {
      const from = now();
      return () => {
        paused = plus(paused, minus(now(), from));
      };
    },
  };
}

const costText = (n: number, c: Cost): string =>
  `${c.wall.toFixed(1)} s = ${rate(n, c.wall)} (CPU ${c.cpu.toFixed(1)} s = ${rate(n, c.cpu)}; ` +
  `main thread ${c.mainCpu.toFixed(1)} s = ${rate(n, c.mainCpu)})`;

function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** Per process: two runs at once must not share (and delete) each other's library files. */
function runDir(o: Options): string {
  return path.join(o.data, 'run', String(process.pid));
}

function freshFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

function sizeOnDisk(file: string): number {
  return ['', '-wal'].reduce((sum, s) => sum + (fs.statSync(file + s, { throwIfNoEntry: false })?.size ?? 0), 0);
}

function count(stores: Stores, table: string): number {
  return (stores.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

async function threadMode(o: Options): Promise<void> {
  const corpus = ensureThreadCorpus(o.data, o.passages, o.files);
  const files = corpus.files.map((f) => path.join(corpus.dir, f));
  const quoteLines = corpus.quoteLines.reduce((n, q) => n + q.length, 0);
  console.log(
    `corpus: ${corpus.passages.toLocaleString('en-US')} passages + ${quoteLines.toLocaleString('en-US')} quotation lines ` +
      `in ${files.length} plain-text threads, ${mb(corpus.bytes)} MiB (${corpus.dir})`,
  );

  const libraryFile = path.join(runDir(o), 'import-library.sqlite');
  freshFile(libraryFile);
  useDetectionWorker(!o.inThread);
  const library = o.via === 'library' ? Library.open(libraryFile) : undefined;
  const stores = library?.stores ?? createStores(openLibraryFile(libraryFile));

  const checkpoints = new Set(Array.from({ length: 10 }, (_, i) => Math.ceil((files.length * (i + 1)) / 10)));
  const rows: string[] = [];
  const before = sample(true);
  rows.push(memoryRow('0%', 0, 0, before, libraryFile));
  let stored = 0;
  let done = 0;
  const watch = stopwatch();
  const fileDone = (newPassages: number): void => {
    stored += newPassages;
    done++;
    if (checkpoints.has(done)) {
      // Sampling collects garbage first, to show what is retained: keep that out of the import's time.
      const resume = watch.pause();
      const m = sample(true);
      rows.push(memoryRow(`${Math.round((done * 100) / files.length)}%`, done, stored, m, libraryFile));
      resume();
    }
  };
  if (o.perFile) {
    for (const file of files) {
      const summary = library ? (await library.importFiles([file]))[0]! : await importFile(stores, file);
      fileDone(summary.newPassages);
    }
  } else {
    // Sampled as each file ends (the next one starts): its passages are written, if not yet committed.
    let current: string | undefined;
    let passagesDone = 0;
    const onProgress = (p: ImportProgress): void => {
      if (current !== undefined && p.file !== current) fileDone(passagesDone);
      current = p.file;
      passagesDone = p.passagesDone;
    };
    const result = library
      ? await library.importPaths(files, { onProgress })
      : await importPaths(stores, files, { onProgress });
    if (result.failed.length > 0) throw new Error(`import failed: ${JSON.stringify(result.failed)}`);
    fileDone(passagesDone);
  }
  const cost = watch.elapsed();
  const seconds = cost.wall;
  const links = count(stores, 'links');
  const passagesInDb = count(stores, 'passages');
  const threads = count(stores, 'threads');
  const dbBytes = sizeOnDisk(libraryFile);
  if (library) library.close();
  else stores.db.close();

  const how = o.perFile
    ? `${o.via === 'core' ? 'importFile' : 'Library.importFiles'} per file, one transaction per file`
    : `one ${o.via === 'core' ? 'importPaths' : 'Library.importPaths'} call (one transaction, committed every 50,000 passages)`;
  const detection = o.inThread
    ? 'in the same thread'
    : `on a worker thread (${detectionCounts.worker} files, ${detectionCounts.seededAhead} of them read ahead)`;
  console.log(`\nimport via ${how}, quote detection ${detection}:`);
  console.log(
    `  ${passagesInDb.toLocaleString('en-US')} passages, ${links.toLocaleString('en-US')} links, ${threads} threads ` +
      `in ${costText(passagesInDb, cost)}, ${(corpus.bytes / MB / seconds).toFixed(1)} MiB/s; library ${mb(dbBytes)} MiB`,
  );
  if (passagesInDb !== corpus.passages) {
    console.log(
      `  note: ${corpus.passages - passagesInDb} of the generated paragraphs were not stored as passages ` +
        `(quote detection found them inside earlier passages)`,
    );
  }
  console.log('\nmemory as the library grows (after a GC; MiB):');
  console.log('  files   | passages  | RSS  | heap used | array buffers | library on disk');
  for (const r of rows) console.log(r);
  console.log(`  peak RSS (kernel high-water mark): ${mb(peakRss())} MiB`);

  const result: Record<string, number | string> = {
    mode: 'threads',
    via: o.via,
    transactions: o.perFile ? 'per file' : 'batch',
    detection: o.inThread ? 'in thread' : 'worker',
    passages: passagesInDb,
    links,
    files: files.length,
    mib: Number((corpus.bytes / MB).toFixed(1)),
    importSeconds: Number(seconds.toFixed(2)),
    importRate: Math.round(passagesInDb / seconds),
    importCpuSeconds: Number(cost.cpu.toFixed(2)),
    importCpuRate: Math.round(passagesInDb / cost.cpu),
    importMainThreadCpuSeconds: Number(cost.mainCpu.toFixed(2)),
    libraryMib: Math.round(dbBytes / MB),
  };
  if (o.baseline) {
    const texts = loadPassages(corpus);
    const one = bareInsert(path.join(runDir(o), 'baseline.sqlite'), [texts.flat()]);
    const perFile = bareInsert(path.join(runDir(o), 'baseline-per-file.sqlite'), texts);
    const n = texts.reduce((sum, t) => sum + t.length, 0);
    console.log(`\nbare insert of the same ${n.toLocaleString('en-US')} passages (table + explicit FTS5 insert):`);
    console.log(`  one transaction:          ${costText(n, one)}`);
    console.log(`  one transaction per file: ${costText(n, perFile)}`);
    // Rates, not times: the bare insert may hold a few passages more than quote detection stored.
    const ratio = (base: Cost, key: keyof Cost): number => passagesInDb / cost[key] / (n / base[key]);
    // The bare insert runs on one thread; the import's main thread is its critical path when the
    // detection worker has a core of its own.
    const mainRatio = (base: Cost): number => passagesInDb / cost.mainCpu / (n / base.cpu);
    console.log(
      `\nimport / bare insert, one transaction: ${ratio(one, 'wall').toFixed(2)} wall clock ` +
        `(CPU time of all threads: ${ratio(one, 'cpu').toFixed(2)}; of the main thread: ${mainRatio(one).toFixed(2)}); target >= 0.60`,
    );
    console.log(
      `import / bare insert, per file:        ${ratio(perFile, 'wall').toFixed(2)} wall clock ` +
        `(CPU time of all threads: ${ratio(perFile, 'cpu').toFixed(2)}; of the main thread: ${mainRatio(perFile).toFixed(2)})`,
    );
    Object.assign(result, {
      baselineSeconds: Number(one.wall.toFixed(2)),
      baselineRate: Math.round(n / one.wall),
      baselineCpuRate: Math.round(n / one.cpu),
      baselinePerFileRate: Math.round(n / perFile.wall),
      baselinePerFileCpuRate: Math.round(n / perFile.cpu),
      ratio: Number(ratio(one, 'wall').toFixed(3)),
      ratioCpu: Number(ratio(one, 'cpu').toFixed(3)),
      ratioMainThreadCpu: Number(mainRatio(one).toFixed(3)),
      ratioPerFile: Number(ratio(perFile, 'wall').toFixed(3)),
      ratioPerFileCpu: Number(ratio(perFile, 'cpu').toFixed(3)),
    });
  }
  console.log(`\nRESULT ${JSON.stringify(result)}`);
}

function memoryRow(label: string, files: number, passages: number, m: MemorySample, libraryFile: string): string {
  return (
    `  ${label.padStart(4)} ${String(files).padStart(4)} | ${String(passages).padStart(9)} | ` +
    `${mb(m.rss).padStart(4)} | ${mb(m.heapUsed).padStart(9)} | ${mb(m.arrayBuffers).padStart(13)} | ` +
    `${mb(sizeOnDisk(libraryFile)).padStart(6)}`
  );
}

function loadPassages(corpus: ThreadCorpus): string[][] {
  return corpus.files.map((f, i) => passagesOfFile(path.join(corpus.dir, f), corpus.quoteLines[i]!));
}

/** The measured reference: what SQLite costs for these passages with nothing else to do. */
function bareInsert(file: string, batches: readonly (readonly string[])[]): Cost {
  freshFile(file);
  const Driver = sqliteDriver();
  const db = new Driver(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE passages (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
    CREATE VIRTUAL TABLE fts USING fts5(text, content = 'passages', content_rowid = 'id',
      tokenize = 'porter unicode61 remove_diacritics 2');
  `);
  const insert = db.prepare<[string]>('INSERT INTO passages (text) VALUES (?)');
  const insertFts = db.prepare<[number | bigint, string]>('INSERT INTO fts (rowid, text) VALUES (?, ?)');
  gc?.();
  const watch = stopwatch();
  for (const batch of batches) {
    db.exec('BEGIN');
    for (const text of batch) insertFts.run(insert.run(text).lastInsertRowid, text);
    db.exec('COMMIT');
  }
  const cost = watch.elapsed();
  db.close();
  return cost;
}

/** Generates the file here, measures in a child: the kernel's peak RSS of a process only ever grows. */
function singleFileMode(o: Options, sizeMb: number): void {
  const corpus = ensureSingleThreadFile(o.data, sizeMb);
  console.log(
    `single thread file: ${mb(corpus.bytes)} MiB, ${corpus.passages.toLocaleString('en-US')} paragraphs + ` +
      `${corpus.quoteLines.toLocaleString('en-US')} quotation lines (${corpus.file})`,
  );
  const args = [...process.execArgv, process.argv[1]!, '--child-single', corpus.file, '--data', o.data];
  if (o.heapSnapshotAtMb) args.push('--heap-snapshot-at-mb', String(o.heapSnapshotAtMb));
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (child.status !== 0) process.exit(child.status ?? 1);
}

async function singleFileChild(o: Options, file: string): Promise<void> {
  const size = fs.statSync(file).size;
  const libraryFile = path.join(runDir(o), 'single-library.sqlite');
  freshFile(libraryFile);
  const stores = createStores(openLibraryFile(libraryFile));
  const before = sample(true);
  const peak: MemorySample = { ...before };
  const rows: string[] = [];
  let nextRow = 0;
  let snapshotTaken = false;
  const watch = stopwatch();
  const summary = await importFile(stores, file, {
    onProgress: (p) => {
      // Not collected: the peak of what the import really holds, garbage included, is the point here.
      const m = sample(false);
      peak.rss = Math.max(peak.rss, m.rss);
      peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
      peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
      if (p.bytesDone >= nextRow * (size / 10)) {
        rows.push(
          `  ${mb(p.bytesDone).padStart(5)} MiB | ${String(p.passagesDone).padStart(9)} | ${mb(m.rss).padStart(5)} | ` +
            `${mb(m.heapUsed).padStart(9)} | ${mb(m.arrayBuffers).padStart(13)} | ${mb(sizeOnDisk(libraryFile)).padStart(6)}`,
        );
        nextRow = Math.floor(p.bytesDone / (size / 10)) + 1;
      }
      if (o.heapSnapshotAtMb && !snapshotTaken && p.bytesDone >= o.heapSnapshotAtMb * MB) {
        snapshotTaken = true;
        const out = path.join(o.data, `import-${o.heapSnapshotAtMb}mb-${process.pid}.heapsnapshot`);
        v8.writeHeapSnapshot(out);
        console.log(`  heap snapshot written to ${out}`);
      }
    },
  });
  const cost = watch.elapsed();
  const seconds = cost.wall;
  const after = sample(true);
  const highWater = peakRss();
  const dbBytes = sizeOnDisk(libraryFile);
  stores.db.close();

  console.log(
    `imported ${summary.passages.toLocaleString('en-US')} passages, ${summary.links.toLocaleString('en-US')} links in ` +
      `${costText(summary.passages, cost)}, ${(size / MB / seconds).toFixed(1)} MiB/s; library ${mb(dbBytes)} MiB`,
  );
  console.log('\nmemory during the import (sampled at each 1 MiB chunk, not collected; MiB):');
  console.log('  read      | passages  | RSS   | heap used | array buffers | library on disk');
  for (const r of rows) console.log(r);
  console.log(`\n  RSS before: ${mb(before.rss)} MiB, after (GC'd): ${mb(after.rss)} MiB`);
  console.log(
    `  peak RSS: ${mb(highWater)} MiB = ${(highWater / size).toFixed(2)} x the file ` +
      `(${mb(highWater - before.rss)} MiB above the start); peak heap used ${mb(peak.heapUsed)} MiB; ` +
      `peak array buffers ${mb(peak.arrayBuffers)} MiB`,
  );
  console.log(
    `\nRESULT ${JSON.stringify({
      mode: 'single-file',
      mib: Number((size / MB).toFixed(1)),
      passages: summary.passages,
      links: summary.links,
      seconds: Number(seconds.toFixed(1)),
      rate: Math.round(summary.passages / seconds),
      cpuSeconds: Number(cost.cpu.toFixed(1)),
      rssBeforeMib: Math.round(before.rss / MB),
      peakRssMib: Math.round(highWater / MB),
      peakRssOverFile: Number((highWater / size).toFixed(2)),
      peakHeapUsedMib: Math.round(peak.heapUsed / MB),
      peakArrayBuffersMib: Math.round(peak.arrayBuffers / MB),
      libraryMib: Math.round(dbBytes / MB),
    })}`,
  );
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (!gc) console.log('(run with --expose-gc, as npm run bench:import does, for retained-memory samples)');
  try {
    if (options.childSingle) await singleFileChild(options, options.childSingle);
    else if (options.singleFileMb) singleFileMode(options, options.singleFileMb);
    else await threadMode(options);
  } finally {
    if (options.keep) console.log(`libraries kept in ${runDir(options)}`);
    else fs.rmSync(runDir(options), { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
