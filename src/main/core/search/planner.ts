// From a parsed query to what the executor runs: one FTS5 expression to find candidates, estimates
// of how many passages each part matches (from the vocabulary's counts, so planning never walks
// a doclist), and the choice of how to rank.
//
// Why ranking needs choosing: FTS5's bm25() first counts, for every phrase in the expression, all
// the passages containing it (its idf), then costs ~2.7 µs per ranked row. With "the" in the query
// the count alone is 25 ms at a million passages. So bm25 is used only while the phrases it would
// count are rare enough; past that, candidates are scored in JavaScript by the same formula from
// the vocabulary's counts (scorer.ts). Either way only a bounded set of candidates is ranked (see
// executor.ts), so a word in every passage costs what a word in two thousand does.
import type { Analysis } from './analyzer';
import { allOf, anyOf, excluding, nativePrefix, phrase } from './match-expression';
import type { Clause, Filters, QueryAst, Term } from './query-parser';
import type { TermPattern } from './scorer';
import type { Vocabulary } from './vocabulary';

/** bm25() is affordable while the phrases it must count occur in at most this many passages together. */
export const BM25_POSTINGS_BUDGET = 30_000;
/** A prefix expands to at most this many of the library's most frequent matching terms. */
export const PREFIX_TERMS = 48;
/** A word in fewer passages than this "found little": it gets spelling suggestions. */
export const FEW_HITS = 3;
/** A word in more than this share of passages is slow to check in a phrase or exclusion (see SearchPlan.heavy). */
const COMMON_SHARE = 0.1;
/** A phrase is found through its carrier only if the carrier matches at most this many passages. */
const CARRIER_MAX = 2_000;
/** Resolved query terms kept between queries. */
const TERM_CACHE = 2_000;
/** Adjacent query words are also looked for as a phrase, to rank passages that use them together first. */
const MAX_BOOSTS = 3;

export interface PlannedTerm {
  /** FTS5 expression for this term; every token inside quotes. */
  fts: string;
  /** Passages it can match at most (a phrase matches no more than its rarest word). */
  passages: number;
  /** Passages bm25() would walk to count this term's phrases. */
  postings: number;
  /** Passages containing its most common token: what intersecting it with anything else costs. */
  commonest: number;
  /** Tokens FTS5 must match together (a phrase's words); 1 for a word or prefix. */
  tokens: number;
  pattern: TermPattern;
  /**
   * For a phrase with very common words and some less common ones (`"the second string"`): a
   * cheaper FTS5 expression every match of the phrase also matches (`"second string"`), whose
   * matches are then checked for the whole phrase in the passage text (see SearchPlan.verify).
   */
  carrier?: string;
}

export interface PlannedClause {
  anyOf: PlannedTerm[];
  passages: number;
}

export interface WeakWord {
  /** The word as FTS5 folds it, for the typo index. */
  folded: string;
  /** Index of its clause in the query's required clauses, for expansion. */
  clause: number;
  passages: number;
}

export interface SearchPlan {
  required: PlannedClause[];
  excluded: PlannedTerm[];
  boosts: PlannedTerm[];
  filters: Filters;
  /** Some required clause can match nothing: the result is empty whatever else the query says. */
  impossible: boolean;
  /** Full expression: what a passage must match (undefined for a filter-only query). */
  match?: string;
  rankWith: 'bm25' | 'scan';
  /**
   * A phrase holds a very common word (`"this set of"`), or one is excluded (`model -the`): FTS5
   * then checks that word's positions or presence for every candidate, 10-50 µs a match when
   * matches are sparse among the candidates, so fewer matches are ranked together.
   */
  heavy: boolean;
  /** One clause of single tokens (a word, a prefix, or an OR of them): matches cost ~0.15 µs each to count. */
  countable: boolean;
  /**
   * Phrases searched through their carriers: `match` finds a superset, and each candidate's text
   * must contain every one of these for it to be a match.
   */
  verify: TermPattern[];
  weakWords: WeakWord[];
}

export interface PlannerDeps {
  /** Overrides BM25_POSTINGS_BUDGET (tests force the JavaScript scorer with 0). */
  bm25Budget?: number;
  analyze(text: string): Analysis;
  vocabulary: Vocabulary;
  /** Passages matching an FTS5 expression, counted up to `cap` (used only when the vocabulary lacks a word). */
  count(fts: string, cap: number): number;
}

/** Resolves a parsed query against the library. Reads only the vocabulary tables and FTS5's tokenizer. */
export class Planner {
  private behind?: boolean;
  /** Resolved terms by query text; valid while the library has the same newest passage. */
  private readonly terms = new Map<string, PlannedTerm | 'nothing' | undefined>();
  private termsAt = -1;

  constructor(private readonly deps: PlannerDeps) {}

  /** Forgets resolved terms: the vocabulary changed. */
  invalidate(): void {
    this.terms.clear();
  }

  plan(ast: QueryAst): SearchPlan {
    this.behind = undefined;
    const newest = this.deps.vocabulary.newestPassage();
    if (newest !== this.termsAt) {
      this.terms.clear();
      this.termsAt = newest;
    }
    const weakWords: WeakWord[] = [];
    const required: PlannedClause[] = [];
    let impossible = false;
    for (const [index, clause] of ast.required.entries()) {
      const anyOfTerms = clause.anyOf.map((t) => this.term(t)).filter((t): t is PlannedTerm | 'nothing' => !!t);
      // Terms with no tokens at all (punctuation, stray symbols) are dropped, like a search engine ignores them.
      if (anyOfTerms.length === 0) continue;
      this.noteWeakWords(clause, index, weakWords);
      const live = anyOfTerms.filter((t): t is PlannedTerm => t !== 'nothing');
      if (live.length === 0) impossible = true;
      else required.push({ anyOf: live, passages: live.reduce((n, t) => n + t.passages, 0) });
    }
    const excluded = ast.excluded.map((t) => this.term(t)).filter((t): t is PlannedTerm => !!t && t !== 'nothing');
    const boosts = impossible ? [] : this.boosts(ast.required, required);
    const plan: SearchPlan = {
      required,
      excluded,
      boosts,
      filters: ast.filters,
      impossible,
      rankWith: 'bm25',
      heavy: false,
      countable: false,
      verify: [],
      weakWords,
    };
    if (required.length > 0 && !impossible) {
      // Carriers only while the vocabulary knows every word form (checking the text relies on
      // them), and only for a phrase that is a clause by itself.
      const carried = (c: PlannedClause): PlannedTerm | undefined =>
        !this.isBehind() && c.anyOf.length === 1 && c.anyOf[0]!.carrier ? c.anyOf[0] : undefined;
      plan.verify = required.flatMap((c) => carried(c)?.pattern ?? []);
      plan.match = excluding(
        allOf(required.map((c) => carried(c)?.carrier ?? anyOf(c.anyOf.map((t) => t.fts)))),
        excluded.map((t) => t.fts),
      );
      // Excluded phrases count too: bm25() runs over the whole expression, NOT parts included.
      // Boost phrases do not: they are only looked for within a tranche.
      const postings = [...required.flatMap((c) => c.anyOf), ...excluded].reduce((n, t) => n + t.postings, 0);
      // A prefix is one term to the reader: scored as one (its forms' counts summed, as FTS5's own
      // prefix query does), not as an OR of words where the rarest completion would weigh most.
      const prefix = ast.required.some((c) => c.anyOf.some((t) => t.kind === 'word' && t.prefix));
      const cheap = postings <= (this.deps.bm25Budget ?? BM25_POSTINGS_BUDGET);
      // Checking phrases needs the texts, which the JavaScript scorer reads anyway.
      plan.rankWith = !prefix && cheap && plan.verify.length === 0 ? 'bm25' : 'scan';
      const common = COMMON_SHARE * this.deps.vocabulary.getStats().passages;
      plan.heavy =
        required.some((c) => c.anyOf.some((t) => t.tokens > 1 && t.commonest > common)) ||
        excluded.some((t) => t.commonest > common);
      plan.countable =
        required.length === 1 && excluded.length === 0 && required[0]!.anyOf.every((t) => t.tokens === 1);
    }
    return plan;
  }

  /** 'nothing': the term is well-formed but the library has no passage that could match it. */
  private term(t: Term): PlannedTerm | 'nothing' | undefined {
    const key = `${t.kind === 'word' && t.prefix ? '*' : t.kind[0]}${t.text}`;
    if (this.terms.has(key)) return this.terms.get(key);
    const planned = t.kind === 'word' && t.prefix ? this.prefix(t.text) : this.resolve(t.text);
    if (this.terms.size >= TERM_CACHE) this.terms.delete(this.terms.keys().next().value!);
    this.terms.set(key, planned);
    return planned;
  }

  private resolve(text: string): PlannedTerm | 'nothing' | undefined {
    const a = this.deps.analyze(text);
    if (a.terms.length === 0) return undefined;
    const counts = a.terms.map((term, i) => this.termPassages(term, a.folded[i]!));
    const passages = Math.min(...counts);
    if (passages === 0) return 'nothing';
    const planned: PlannedTerm = {
      fts: phrase(text),
      passages,
      postings: counts.reduce((n, c) => n + c, 0),
      commonest: Math.max(...counts),
      tokens: counts.length,
      pattern: {
        kind: 'sequence',
        slots: a.terms.map((term, i) => unique([a.folded[i]!, ...this.deps.vocabulary.formsOf(term)])),
      },
    };
    // FTS5 checks a phrase's positions in every passage holding all its words, and stepping through
    // a very common word's positions costs 5-10 µs a passage: `"the second string"` takes 25 ms at a
    // million passages. Its less common words, kept together where they stand side by side, find
    // the candidates for a fraction of that.
    const common = COMMON_SHARE * this.deps.vocabulary.getStats().passages;
    if (counts.length > 1 && counts.some((c) => c > common) && counts.some((c) => c <= common)) {
      const runs: string[][] = [[]];
      counts.forEach((c, i) => {
        if (c <= common) runs[runs.length - 1]!.push(a.folded[i]!);
        else if (runs[runs.length - 1]!.length > 0) runs.push([]);
      });
      const carrier = allOf(runs.filter((r) => r.length > 0).map((r) => phrase(r.join(' '))));
      // Worth it only when the carrier finds few passages: each is read and checked (~3 µs), so
      // "import this" (18,000 passages with "import") is better left to FTS5.
      if (this.deps.count(carrier, CARRIER_MAX + 1) <= CARRIER_MAX) planned.carrier = carrier;
    }
    return planned;
  }

  private prefix(text: string): PlannedTerm | 'nothing' | undefined {
    const a = this.deps.analyze(text);
    if (a.folded.length === 0) return undefined;
    const last = a.folded[a.folded.length - 1]!;
    const native = (): PlannedTerm | 'nothing' => {
      const passages = this.deps.count(nativePrefix(text), BM25_POSTINGS_BUDGET + 1);
      if (passages === 0) return 'nothing';
      const pattern: TermPattern = { kind: 'prefix', prefix: last };
      return { fts: nativePrefix(text), passages, postings: passages, commonest: 0, tokens: a.folded.length, pattern };
    };
    // "don't*" spans two tokens: only FTS5's own prefix query can express it.
    if (a.folded.length > 1) return native();
    const byTerm = new Map<string, { word: string; passages: number }>();
    for (const form of this.deps.vocabulary.withPrefix(last, PREFIX_TERMS * 20)) {
      if (!byTerm.has(form.term)) byTerm.set(form.term, { word: form.word, passages: form.termPassages });
      if (byTerm.size >= PREFIX_TERMS) break;
    }
    // Words imported since the vocabulary last caught up are only reachable through FTS5's own
    // prefix query, which is used for them only when porter leaves the prefix as it is ("ans*"
    // would search "an*").
    const fallback = this.isBehind() && a.terms[0] === last;
    if (byTerm.size === 0) return fallback ? native() : 'nothing';
    // Each term is searched by its most frequent word form, never by the stem itself: FTS5 stems
    // what it is given again, and porter is not idempotent.
    const forms = [...byTerm.values()];
    const fts = forms.map((f) => phrase(f.word));
    if (fallback) fts.push(nativePrefix(text));
    const passages = forms.reduce((n, f) => n + f.passages, 0);
    const pattern: TermPattern = { kind: 'prefix', prefix: last };
    return { fts: anyOf(fts), passages, postings: passages, commonest: 0, tokens: 1, pattern };
  }

  private termPassages(term: string, folded: string): number {
    const known = this.deps.vocabulary.termPassages(term);
    if (known !== undefined) return known;
    // Unknown to the vocabulary: absent from the library, unless passages were added since it last
    // caught up, which only FTS5 itself can tell.
    return this.isBehind() ? this.deps.count(phrase(folded), BM25_POSTINGS_BUDGET + 1) : 0;
  }

  private noteWeakWords(clause: Clause, index: number, out: WeakWord[]): void {
    for (const t of clause.anyOf) {
      if (t.kind !== 'word' || t.prefix) continue;
      const a = this.deps.analyze(t.text);
      if (a.terms.length !== 1) continue;
      const passages = this.termPassages(a.terms[0]!, a.folded[0]!);
      if (passages < FEW_HITS) out.push({ folded: a.folded[0]!, clause: index, passages });
    }
  }

  /** Phrases of neighbouring single words ("language model" for `language model`), used only to rank. */
  private boosts(clauses: Clause[], planned: PlannedClause[]): PlannedTerm[] {
    // Only when no clause was dropped, so that neighbours in the query are neighbours here.
    if (clauses.length !== planned.length) return [];
    const boosts: PlannedTerm[] = [];
    for (let i = 0; i + 1 < clauses.length && boosts.length < MAX_BOOSTS; i++) {
      const [a, b] = [clauses[i]!.anyOf, clauses[i + 1]!.anyOf];
      const [pa, pb] = [planned[i]!.anyOf[0]!, planned[i + 1]!.anyOf[0]!];
      if (a.length !== 1 || b.length !== 1 || planned[i]!.anyOf.length !== 1 || planned[i + 1]!.anyOf.length !== 1) {
        continue;
      }
      const [ta, tb] = [a[0]!, b[0]!];
      if (ta.kind !== 'word' || tb.kind !== 'word' || ta.prefix || tb.prefix) continue;
      if (pa.pattern.kind !== 'sequence' || pb.pattern.kind !== 'sequence') continue;
      boosts.push({
        fts: phrase(`${ta.text} ${tb.text}`),
        passages: Math.min(pa.passages, pb.passages),
        postings: pa.postings + pb.postings,
        commonest: Math.max(pa.commonest, pb.commonest),
        tokens: pa.tokens + pb.tokens,
        pattern: { kind: 'sequence', slots: [...pa.pattern.slots, ...pb.pattern.slots] },
      });
    }
    return boosts;
  }

  private isBehind(): boolean {
    this.behind ??= this.termsAt > this.deps.vocabulary.getStats().throughPassage;
    return this.behind;
  }
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
