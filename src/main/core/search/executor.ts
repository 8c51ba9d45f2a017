// Runs a search plan against passages_fts. The search module is the store of the FTS table: every
// statement reading it lives here, prepared once per shape and cached.
//
// The fast path. Matches are taken newest first (rowid descending, which FTS5 walks natively) in
// tranches of TRANCHE passages. A query with at most TRANCHE matches is one tranche: every match is
// ranked and the total is exact. A query with more is ranked tranche by tranche: the first page
// shows the best of the newest TRANCHE matches, later pages the rest of that tranche, then the
// next. Ranking cost is therefore bounded whatever the query, and the order is a fixed total order
// (tranche, then score), so paging never repeats or skips a passage. What it gives up: for a query
// matching more than TRANCHE passages, a strong match in an older part of the library can rank
// below weaker recent ones.
import type { Database, Statement } from '../store/sqlite';
import { anyOf } from './match-expression';
import type { SearchPlan } from './planner';
import { compile, createScorer, idf, type CorpusStats, type WeightedPattern } from './scorer';
import { makeSnippet, type Marker } from './snippet';
import { foldForMatching } from './text-fold';

export interface ExecutorOptions {
  /** Matches ranked together by bm25(); sized so ranking a full tranche stays within a few milliseconds. */
  tranche: number;
  /** Matches ranked together by the JavaScript scorer, which also reads each passage's text. */
  scanTranche: number;
  /** Matches ranked together for heavy plans (see SearchPlan.heavy), each of which is slow to find. */
  heavyTranche: number;
  /**
   * Totals are exact up to this, or up to four tranches of matches if fewer; a query with more
   * matches reports the bound (a lower bound on the true count).
   */
  totalCap: number;
}

export const DEFAULT_EXECUTOR_OPTIONS: ExecutorOptions = {
  tranche: 1_000,
  scanTranche: 200,
  heavyTranche: 100,
  totalCap: 10_000,
};
const EXCERPT_CHARS = 240;
const MIN_ROWID = 0;
/** Candidates read at a time when phrases are checked in the text. */
const VERIFY_BATCH = 256;
const MAX_ROWID = Number.MAX_SAFE_INTEGER;

export interface RankedHit {
  id: number;
  score: number;
}

export interface ExecResult {
  total: number;
  hits: RankedHit[];
}

export interface HitDetails {
  threadId: number;
  postId: number;
  author: string | null;
  threadTitle: string;
  snippet: string;
}

interface FilterSql {
  joins: string;
  where: string;
  params: Array<string | number>;
  lo: number;
  hi: number;
  /** The filters leave nothing to search. */
  empty: boolean;
  /** Matches are joined against the TEMP scope table. */
  scoped: boolean;
}

type Row = [number, number | string];

export class Executor {
  private readonly statements = new Map<string, Statement>();
  private authors?: string[];
  private scopeKey?: string;

  private readonly tranche: number;
  private readonly scanTranche: number;
  private readonly heavyTranche: number;
  private readonly totalCap: number;

  constructor(
    private readonly db: Database,
    options: Partial<ExecutorOptions> = {},
  ) {
    this.tranche = options.tranche ?? DEFAULT_EXECUTOR_OPTIONS.tranche;
    // Given only a tranche (as tests do), the others keep their proportions to it.
    const scale = this.tranche / DEFAULT_EXECUTOR_OPTIONS.tranche;
    this.scanTranche = options.scanTranche ?? Math.max(1, Math.round(DEFAULT_EXECUTOR_OPTIONS.scanTranche * scale));
    this.heavyTranche = options.heavyTranche ?? Math.max(1, Math.round(DEFAULT_EXECUTOR_OPTIONS.heavyTranche * scale));
    this.totalCap = options.totalCap ?? DEFAULT_EXECUTOR_OPTIONS.totalCap;
  }

  /** Called when the library changed: cached knowledge about its contents is dropped. */
  invalidate(): void {
    this.authors = undefined;
    this.scopeKey = undefined;
  }

  /** Passages matching `fts`, counted up to `cap`. */
  count(fts: string, cap: number): number {
    return this.get<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?)`,
    ).get(fts, cap)!.n;
  }

  run(plan: SearchPlan, corpus: CorpusStats, limit: number, offset: number): ExecResult {
    if (plan.impossible) return { total: 0, hits: [] };
    const filters = this.filterSql(plan);
    if (filters.empty) return { total: 0, hits: [] };
    if (!plan.match) {
      // Exclusions alone describe nearly the whole library, which is no search at all.
      const f = plan.filters;
      if (f.threads.length + f.authors.length + f.notThreads.length + f.notAuthors.length === 0) {
        return { total: 0, hits: [] };
      }
      return this.filterOnly(plan, filters, limit, offset);
    }

    const scan = plan.rankWith === 'scan';
    // Scoring in JavaScript costs more per match than bm25(), and heavy plans cost far more per
    // match to find: both rank fewer at a time. The size depends only on the plan, so every page
    // of a query uses the same tranches.
    const size = plan.heavy ? this.heavyTranche : scan ? this.scanTranche : this.tranche;
    // Counting costs what finding costs: only where that is cheap does it go past the first
    // tranche (to four tranches); otherwise a total over the tranche size is reported as size + 1.
    const cap = plan.countable ? Math.max(size + 1, Math.min(this.totalCap, 4 * this.tranche)) : size + 1;
    const hits: RankedHit[] = [];
    let tranche = Math.floor(offset / size);
    let start = offset - tranche * size;
    const verified = plan.verify.length > 0;
    const find = (below: number, want: number): Row[] =>
      verified ? this.enumerateVerified(plan, filters, below, want) : this.enumerate(plan, filters, below, scan, want);
    let hi = tranche === 0 ? MAX_ROWID : this.rowidAt(plan, filters, tranche * size);
    let total: number | undefined;
    while (hi !== undefined && hits.length < limit) {
      const rows = find(hi, size + 1);
      const members = rows.slice(0, size);
      if (tranche === 0) {
        // The first tranche is counted already; only older matches remain to count.
        total =
          rows.length <= size || cap === size + 1
            ? rows.length
            : size + this.countCapped(plan.match, filters, cap - size, members[size - 1]![0]);
      }
      const ranked = scan ? this.rankByScan(plan, corpus, members) : this.rankByBm25(plan, corpus, members);
      hits.push(...ranked.slice(start, start + limit - hits.length));
      hi = rows.length > size ? (rows[size]![0] as number) : undefined;
      start = 0;
      tranche++;
    }
    total ??= verified ? find(MAX_ROWID, cap).length : this.countCapped(plan.match, filters, cap, MAX_ROWID + 1);
    return { total, hits };
  }

  /** Thread, author and snippet of the hits on the page, in one statement for the page. */
  details(ids: readonly number[], marker?: Marker): Map<number, HitDetails> {
    const rows = this.get<{
      id: number;
      threadId: number;
      postId: number;
      author: string | null;
      threadTitle: string;
      text: string;
    }>(
      `SELECT p.id, p.thread_id AS threadId, p.post_id AS postId, po.author, t.title AS threadTitle, p.text
         FROM json_each(?) j CROSS JOIN passages p ON p.id = j.value
         JOIN posts po ON po.id = p.post_id JOIN threads t ON t.id = p.thread_id`,
    ).all(JSON.stringify(ids));
    const out = new Map<number, HitDetails>();
    for (const r of rows) {
      const snippet = marker ? makeSnippet(r.text, marker) : excerpt(r.text);
      out.set(r.id, { threadId: r.threadId, postId: r.postId, author: r.author, threadTitle: r.threadTitle, snippet });
    }
    return out;
  }

  /** Up to `want` matches at or below rowid `hi`, newest first, with their bm25 score or text. */
  private enumerate(plan: SearchPlan, f: FilterSql, hi: number, withText: boolean, want: number): Row[] {
    // In bm25 mode one pass both finds the candidates and scores them: bm25() is only evaluated
    // for the rows the LIMIT lets through.
    const column = withText ? 'p.text' : 'bm25(passages_fts)';
    const joins =
      withText && !f.joins.includes('passages p') ? `${f.joins} JOIN passages p ON p.id = f.rowid` : f.joins;
    // Rowid bounds go through CAST: better-sqlite3 binds JS numbers as REAL, and FTS5 ignores a
    // REAL rowid bound, silently scanning the whole doclist instead (22 ms instead of 0.3).
    const sql = `SELECT f.rowid, ${column} FROM passages_fts f ${joins}
      WHERE f.passages_fts MATCH ? AND f.rowid >= CAST(? AS INTEGER) AND f.rowid <= CAST(? AS INTEGER) ${f.where}
      ORDER BY f.rowid DESC LIMIT ?`;
    return this.get<Row>(sql, true).all(plan.match, f.lo, Math.min(hi, f.hi), ...f.params, want);
  }

  /**
   * Up to `want` matches at or below rowid `hi` for a plan searching phrases through their
   * carriers: candidates come from FTS5 in batches, newest first, and are kept when their text
   * holds every phrase, found by the word forms the index stems alike.
   */
  private enumerateVerified(plan: SearchPlan, f: FilterSql, hi: number, want: number): Row[] {
    const checks = plan.verify.map(compile);
    const out: Row[] = [];
    for (let below = hi; out.length < want;) {
      const batch = this.enumerate(plan, f, below, true, VERIFY_BATCH);
      for (const row of batch) {
        const text = foldForMatching(row[1] as string);
        if (checks.every((re) => ((re.lastIndex = 0), re.test(text)))) out.push(row);
        if (out.length === want) break;
      }
      if (batch.length < VERIFY_BATCH) break;
      below = batch[batch.length - 1]![0] - 1;
    }
    return out;
  }

  private rankByBm25(plan: SearchPlan, corpus: CorpusStats, members: Row[]): RankedHit[] {
    // FTS5's bm25 is lower-is-better; hits carry higher-is-better scores.
    const scores = new Map<number, number>(members.map(([id, bm25]) => [id, -(bm25 as number)]));
    if (members.length > 0) {
      // Passages using neighbouring query words as a phrase get that phrase's weight on top. Its
      // presence is asked of FTS5 only within the tranche: bm25() of the phrase would first count
      // it over the whole library (3-5 ms).
      const sql = `SELECT rowid FROM passages_fts
        WHERE passages_fts MATCH ? AND rowid >= CAST(? AS INTEGER) AND rowid <= CAST(? AS INTEGER)`;
      const [lo, hi] = [members[members.length - 1]![0], members[0]![0]];
      for (const boost of plan.boosts) {
        const bonus = idf(corpus.passages, boost.passages);
        for (const [id] of this.get<[number]>(sql, true).all(boost.fts, lo, hi)) {
          const s = scores.get(id);
          if (s !== undefined) scores.set(id, s + bonus);
        }
      }
    }
    return sortHits(scores);
  }

  private rankByScan(plan: SearchPlan, corpus: CorpusStats, members: Row[]): RankedHit[] {
    const terms: WeightedPattern[] = [...plan.required.flatMap((c) => c.anyOf), ...plan.boosts].map((t) => ({
      pattern: t.pattern,
      passages: t.passages,
    }));
    const score = createScorer(terms, corpus);
    const scores = new Map<number, number>();
    for (const [id, text] of members) scores.set(id, score(text as string));
    return sortHits(scores);
  }

  /** The rowid at 0-based position `n` in newest-first match order: where tranche n / TRANCHE starts. */
  private rowidAt(plan: SearchPlan, f: FilterSql, n: number): number | undefined {
    if (plan.verify.length > 0) return this.enumerateVerified(plan, f, MAX_ROWID, n + 1)[n]?.[0];
    const match = plan.match!;
    const sql = `SELECT f.rowid FROM passages_fts f ${f.joins}
      WHERE f.passages_fts MATCH ? AND f.rowid >= CAST(? AS INTEGER) AND f.rowid <= CAST(? AS INTEGER) ${f.where}
      ORDER BY f.rowid DESC LIMIT 1 OFFSET ?`;
    return this.get<[number]>(sql, true).get(match, f.lo, f.hi, ...f.params, n)?.[0];
  }

  /** Matches older than `below`, counted up to `cap`. */
  private countCapped(match: string, f: FilterSql, cap: number, below: number): number {
    const sql = `SELECT count(*) FROM (SELECT f.rowid FROM passages_fts f ${f.joins}
      WHERE f.passages_fts MATCH ? AND f.rowid >= CAST(? AS INTEGER) AND f.rowid < CAST(? AS INTEGER) ${f.where}
      LIMIT ?)`;
    return this.get<[number]>(sql, true).get(match, f.lo, Math.min(below, f.hi + 1), ...f.params, cap)![0];
  }

  /** A query of filters only (`author:ann`, `thread:3 -draft`): the passages in reading order. */
  private filterOnly(plan: SearchPlan, f: FilterSql, limit: number, offset: number): ExecResult {
    const excluded = plan.excluded.map((t) => t.fts);
    const notExcluded =
      excluded.length > 0
        ? 'AND NOT EXISTS (SELECT 1 FROM passages_fts x WHERE x.passages_fts MATCH ? AND x.rowid = p.id)'
        : '';
    const from = f.scoped
      ? // CROSS JOIN: walking the scope beats walking passages in reading order and probing the scope.
        `FROM temp.crux_search_scope s CROSS JOIN passages p ON p.id = s.id WHERE 1 ${notExcluded}`
      : `FROM passages p ${f.joins.replace('JOIN passages p ON p.id = f.rowid', '')} WHERE 1 ${f.where} ${notExcluded}`;
    const params = [...f.params, ...(excluded.length > 0 ? [anyOf(excluded)] : [])];
    const ids = this.get<[number]>(
      `SELECT p.id ${from} ORDER BY p.thread_id, p.position, p.id LIMIT ? OFFSET ?`,
      true,
    ).all(...params, limit, offset);
    const total = this.get<[number]>(`SELECT count(*) FROM (SELECT p.id ${from} LIMIT ?)`, true).get(
      ...params,
      this.totalCap,
    )![0];
    return { total, hits: ids.map(([id]) => ({ id, score: 0 })) };
  }

  /**
   * How the filters restrict the search. Thread and author filters are resolved once into a TEMP
   * table of passage ids (the scope), which FTS5 matches are joined against: a lookup in that small
   * table costs a fraction of a microsecond, where joining each match to passages and posts costs
   * several (1.3 s for a common word and a rare author at a million passages). The scope is kept
   * while the same filters are used and dropped when the library changes.
   */
  private filterSql(plan: SearchPlan): FilterSql {
    const { threads, notThreads, authors, notAuthors } = plan.filters;
    const out: FilterSql = {
      joins: '',
      where: '',
      params: [],
      lo: MIN_ROWID,
      hi: MAX_ROWID,
      empty: false,
      scoped: false,
    };
    if (threads.length + notThreads.length + authors.length + notAuthors.length === 0) return out;
    const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
    const names = authors.length > 0 ? this.authorsNamed(authors) : [];
    if (authors.length > 0 && names.length === 0) return { ...out, empty: true };
    const notNames = notAuthors.length > 0 ? this.authorsNamed(notAuthors) : [];
    let where = '';
    const params: Array<string | number> = [];
    if (threads.length > 0) {
      where += ` AND p.thread_id IN (${marks(threads.length)})`;
      params.push(...threads);
    }
    if (notThreads.length > 0) {
      where += ` AND p.thread_id NOT IN (${marks(notThreads.length)})`;
      params.push(...notThreads);
    }
    if (names.length > 0) {
      where += ` AND po.author IN (${marks(names.length)})`;
      params.push(...names);
    }
    if (notNames.length > 0) {
      where += ` AND (po.author IS NULL OR po.author NOT IN (${marks(notNames.length)}))`;
      params.push(...notNames);
    }
    const posts = names.length + notNames.length > 0 ? 'JOIN posts po ON po.id = p.post_id' : '';
    if (threads.length + names.length === 0) {
      // Only exclusions: most passages stay in, so each match is checked as it comes instead.
      return { ...out, joins: `JOIN passages p ON p.id = f.rowid ${posts}`, where, params };
    }
    const key = JSON.stringify([where, params]);
    if (this.scopeKey !== key) {
      this.db.exec(`CREATE TEMP TABLE IF NOT EXISTS crux_search_scope (id INTEGER PRIMARY KEY)`);
      this.get(`DELETE FROM temp.crux_search_scope`).run();
      this.get(`INSERT INTO temp.crux_search_scope (id) SELECT p.id FROM passages p ${posts} WHERE 1 ${where}`).run(
        ...params,
      );
      this.scopeKey = key;
    }
    const range = this.get<[number | null, number | null]>(
      `SELECT min(id), max(id) FROM temp.crux_search_scope`,
      true,
    ).get()!;
    if (range[0] === null || range[1] === null) return { ...out, empty: true };
    // CROSS JOIN keeps FTS5 as the outer loop, walking matches newest first; the rowid range lets
    // it skip the parts of the library the scope cannot reach (a thread is mostly one run of ids).
    return {
      ...out,
      joins: 'CROSS JOIN temp.crux_search_scope s ON s.id = f.rowid',
      lo: range[0],
      hi: range[1],
      scoped: true,
    };
  }

  /**
   * Every spelling of these names in posts.author, compared case-insensitively in JavaScript:
   * SQLite's NOCASE and lower() fold ASCII only, and an author may well be "Łukasz".
   */
  private authorsNamed(names: readonly string[]): string[] {
    this.authors ??= this.get<[string]>(`SELECT DISTINCT author FROM posts WHERE author IS NOT NULL`, true)
      .all()
      .map((r) => r[0]);
    const wanted = new Set(names.map(foldName));
    return this.authors.filter((a) => wanted.has(foldName(a)));
  }

  private get<R>(sql: string, raw = false): Statement<unknown[], R> {
    const key = (raw ? 'r' : 'o') + sql;
    let s = this.statements.get(key);
    if (!s) {
      s = this.db.prepare(sql);
      if (raw) s.raw(true);
      this.statements.set(key, s);
    }
    return s as Statement<unknown[], R>;
  }
}

function sortHits(scores: Map<number, number>): RankedHit[] {
  // Ties go to the newer passage, so that equal scores still give one fixed order.
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || b.id - a.id);
}

function foldName(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}

function excerpt(text: string): string {
  if (text.length <= EXCERPT_CHARS) return text.replace(/[\uE000\uE001]/g, '');
  const cut = text.lastIndexOf(' ', EXCERPT_CHARS);
  return text.slice(0, cut > EXCERPT_CHARS / 2 ? cut : EXCERPT_CHARS).replace(/[\uE000\uE001]/g, '') + '…';
}
