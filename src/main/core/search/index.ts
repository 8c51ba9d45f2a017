// Full-text search over every passage of the library: the query language (query-parser.ts),
// planning against the library's vocabulary (planner.ts), bounded ranking (executor.ts) and
// typo tolerance (vocabulary.ts, fuzzy-index.ts). docs/performance.md has the measurements.
import type { In } from '../../../shared/api/contract';
import type { NoteHit, PassageHit, SearchResult } from '../../../shared/model/library';
import type { Database } from '../store/sqlite';
import { Analyzer } from './analyzer';
import { Executor, type ExecutorOptions } from './executor';
import { Planner, type SearchPlan } from './planner';
import { isEmptyQuery, parseQuery, type QueryAst, type Term } from './query-parser';
import { allOf, anyOf, excluding, nativePrefix, phrase } from './match-expression';
import { Marker } from './snippet';
import { Vocabulary, type UpdateReport } from './vocabulary';

export type SearchOptions = Partial<ExecutorOptions> & { bm25Budget?: number };

/** Spelling suggestions returned per query at most. */
const MAX_SUGGESTIONS = 5;
/** Close words a weak query word is widened with when `expand` is on. */
const MAX_EXPANSIONS = 3;
/** A close word is searched too only if at least 1/EXPANSION_RATIO as common as the best one. */
const EXPANSION_RATIO = 4;
/** Notes matched per query at most: a notebook holds far fewer notes than passages. */
const MAX_NOTE_HITS = 200;

/** Where the user's notes are searched; the library passes its notes store. */
export interface NoteSearch {
  match(expression: string, limit: number): { rows: { id: number; text: string; score: number; snippet: string }[] };
  describe(noteId: number): Pick<NoteHit, 'title' | 'target'>;
}

export class SearchEngine {
  readonly vocabulary: Vocabulary;
  private readonly analyzer: Analyzer;
  private readonly executor: Executor;
  private readonly planner: Planner;

  /** `options` tune the fast path; tests use small values to reach every path with little data. */
  constructor(db: Database, options: SearchOptions = {}) {
    this.analyzer = new Analyzer(db);
    this.vocabulary = new Vocabulary(db, this.analyzer);
    this.executor = new Executor(db, options);
    this.planner = new Planner({
      bm25Budget: options.bm25Budget,
      analyze: (text) => this.analyzer.analyze(text),
      vocabulary: this.vocabulary,
      count: (fts, cap) => this.executor.count(fts, cap),
    });
  }

  /**
   * Hits are ordered best first; `score` is higher-is-better (negated FTS5 bm25, or the same BM25
   * formula computed from the text when the query's words are too common for FTS5's bm25 to be
   * affordable). Never throws for any query text.
   */
  search(input: In<'search.query'>): SearchResult<PassageHit>;
  search(input: In<'search.query'>, notes: NoteSearch): SearchResult;
  search(input: In<'search.query'>, notes?: NoteSearch): SearchResult {
    const limit = clamp(input.limit ?? 20, 1, 200);
    const offset = clamp(input.offset ?? 0, 0, 100_000);
    const ast = parseQuery(input.query);
    if (isEmptyQuery(ast)) return { total: 0, hits: [], suggestions: [], expandedWith: [] };

    let plan = this.planner.plan(ast);
    const { suggest: suggestions, expand } = this.suggestionsFor(plan);
    const expandedWith: string[] = [];
    if ((input.expand ?? true) && expand.size > 0) plan = this.planner.plan(widen(ast, expand, expandedWith));
    const stats = this.vocabulary.getStats();
    const corpus = { passages: Math.max(stats.passages, 1), meanChars: stats.chars / Math.max(stats.passages, 1) };
    // The user's own notes come first, then the passages: one list, paged as one.
    const noteHits = notes ? this.matchNotes(ast, notes) : [];
    const shownNotes = noteHits.slice(offset, offset + limit);
    const passageLimit = limit - shownNotes.length;
    const { total, hits } = this.executor.run(
      plan,
      corpus,
      Math.max(passageLimit, 1),
      Math.max(0, offset - noteHits.length),
    );
    return {
      total: total + noteHits.length,
      hits: [...shownNotes, ...(passageLimit > 0 ? this.decorate(plan, hits) : [])],
      suggestions,
      expandedWith,
    };
  }

  /**
   * Notes match the query as typed: the planner's shortcuts rest on the passages' vocabulary, which
   * knows nothing of the words in notes. A query filtered by thread or author finds no notes.
   */
  private matchNotes(ast: QueryAst, notes: NoteSearch): NoteHit[] {
    const f = ast.filters;
    if (f.threads.length + f.notThreads.length + f.authors.length + f.notAuthors.length > 0) return [];
    const expression = noteExpression(ast);
    if (!expression) return [];
    return notes
      .match(expression, MAX_NOTE_HITS)
      .rows.map((r) => ({ kind: 'note', noteId: r.id, snippet: r.snippet, score: r.score, ...notes.describe(r.id) }));
  }

  /**
   * Loads the persisted typo index (0.6 s for a million-passage library), which otherwise happens
   * on the first query with a misspelt word. For the app to call when idle after opening.
   */
  warmUp(): void {
    this.vocabulary.fuzzy.load();
  }

  /** Brings the vocabulary (counts, word forms, typo index) up to date with what imports added. */
  afterImport(): UpdateReport {
    this.executor.invalidate();
    try {
      return this.vocabulary.update();
    } finally {
      this.planner.invalidate();
    }
  }

  /**
   * For each weak word, close library words, best first: `suggest` lists them all, `expand` only
   * those nearly as common as the best (a typist who wrote "recieve" meant "receive", which the
   * library has 40 times as often as "relieve").
   */
  private suggestionsFor(plan: SearchPlan): { suggest: string[]; expand: Map<number, string[]> } {
    const suggest: string[] = [];
    const expand = new Map<number, string[]>();
    for (const weak of plan.weakWords) {
      const found = this.vocabulary.suggest(weak.folded, MAX_SUGGESTIONS);
      suggest.push(...found.map((s) => s.word));
      const best = found[0]?.termPassages ?? 0;
      const likely = found.filter((s) => s.termPassages * EXPANSION_RATIO >= best).slice(0, MAX_EXPANSIONS);
      if (likely.length > 0)
        expand.set(weak.clause, [...(expand.get(weak.clause) ?? []), ...likely.map((s) => s.word)]);
    }
    return { suggest: [...new Set(suggest)].slice(0, MAX_SUGGESTIONS), expand };
  }

  private decorate(plan: SearchPlan, ranked: ReadonlyArray<{ id: number; score: number }>): PassageHit[] {
    const patterns = plan.required.flatMap((c) => c.anyOf.map((t) => t.pattern));
    const details = this.executor.details(
      ranked.map((r) => r.id),
      patterns.length > 0 ? new Marker(patterns) : undefined,
    );
    return ranked.flatMap((r) => {
      const d = details.get(r.id);
      return d ? [{ kind: 'passage' as const, passageId: r.id, score: r.score, ...d }] : [];
    });
  }
}

/** The query as one FTS5 expression, every piece of user text quoted (match-expression.ts). */
function noteExpression(ast: QueryAst): string | undefined {
  const term = (t: Term): string | undefined => {
    if (!/[\p{L}\p{N}]/u.test(t.text)) return undefined;
    return t.kind === 'word' && t.prefix ? nativePrefix(t.text) : phrase(t.text);
  };
  const required = ast.required
    .map((c) => c.anyOf.map(term).filter((x): x is string => x !== undefined))
    .filter((alternatives) => alternatives.length > 0)
    .map(anyOf);
  if (required.length === 0) return undefined;
  const excluded = ast.excluded.map(term).filter((x): x is string => x !== undefined);
  return excluding(allOf(required), excluded);
}

/** The query with each weak word's clause also accepting the close words found for it. */
function widen(ast: QueryAst, closeWords: Map<number, string[]>, used: string[]): QueryAst {
  return {
    ...ast,
    required: ast.required.map((clause, i) => {
      const extra = closeWords.get(i);
      if (!extra) return clause;
      const words = extra.slice(0, MAX_EXPANSIONS);
      used.push(...words.filter((w) => !used.includes(w)));
      return { anyOf: [...clause.anyOf, ...words.map((text): Term => ({ kind: 'word', text, prefix: false }))] };
    }),
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(Math.max(Math.trunc(n), lo), hi) : lo;
}
