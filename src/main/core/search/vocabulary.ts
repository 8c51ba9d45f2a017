// The library's vocabulary, kept beside the full-text index: every word form FTS5 has seen (folded
// as FTS5 folds it, unstemmed), the term it stems to, and in how many passages each occurs.
//
// Why not read passages_vocab? It has the terms but no readable word forms ("optim" for
// "optimizer"), and it counts documents by walking each term's whole doclist: 35 ms for "the" at a
// million passages. So these tables are maintained incrementally instead: after an import only the
// new passages (above a watermark on passages.id) are run through a scratch FTS5 index, which
// lists their word forms with passage counts; new forms are stemmed by FTS5 (analyzer.ts) and
// counts added. A term's count is the sum of its forms' counts, so a passage using two forms of
// one term ("answer", "answers") counts twice for it: planning and idf tolerate that.
import type { Database, Statement } from '../store/sqlite';
import { libraryTokenizer, type Analyzer } from './analyzer';
import { allowedEdits, editDistance } from './edit-distance';
import { FuzzyIndex } from './fuzzy-index';

export interface VocabularyStats {
  /** Passages with id <= this are counted. */
  throughPassage: number;
  passages: number;
  chars: number;
}

export interface WordForm {
  word: string;
  term: string;
  /** Passages containing this word form. */
  passages: number;
  /** Passages containing any form of its term. */
  termPassages: number;
}

export interface Suggestion extends WordForm {
  distance: number;
}

export interface UpdateReport {
  passages: number;
  newWords: number;
  segments: number;
}

/** Words offered as spelling suggestions: letters only, and long enough to be a typo of something. */
const SUGGESTABLE = /^\p{L}{4,32}$/u;

export class Vocabulary {
  readonly fuzzy: FuzzyIndex;
  private readonly stateStmt: Statement<[], VocabularyStats>;
  private readonly saveStateStmt: Statement<[number, number, number]>;
  private readonly termStmt: Statement<[string], { passages: number }>;
  private readonly wordStmt: Statement<[string], WordForm>;
  private readonly formsStmt: Statement<[string, number], { word: string }>;
  private readonly prefixStmt: Statement<[string, string, number], WordForm>;
  private readonly maxPassageStmt: Statement<[], { id: number | null }>;
  private readonly termOfStmt: Statement<[string], { term: string }>;
  private readonly insertWordStmt: Statement<[string, string, number]>;
  private readonly bumpWordStmt: Statement<[number, string]>;
  private readonly upsertTermStmt: Statement<[string, number]>;
  private stats?: VocabularyStats;
  private scan?: ScanTable;

  constructor(
    private readonly db: Database,
    private readonly analyzer: Analyzer,
  ) {
    this.fuzzy = new FuzzyIndex(db);
    this.stateStmt = db.prepare(
      `SELECT through_passage AS throughPassage, passages, chars FROM vocabulary_state WHERE id = 1`,
    );
    this.saveStateStmt = db.prepare(
      `INSERT INTO vocabulary_state (id, through_passage, passages, chars) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET through_passage = excluded.through_passage, passages = excluded.passages,
         chars = excluded.chars`,
    );
    this.termStmt = db.prepare(`SELECT passages FROM vocabulary_terms WHERE term = ?`);
    this.wordStmt = db.prepare(
      `SELECT w.word, w.term, w.passages, t.passages AS termPassages
         FROM vocabulary_words w JOIN vocabulary_terms t ON t.term = w.term WHERE w.word = ?`,
    );
    this.formsStmt = db.prepare(`SELECT word FROM vocabulary_words WHERE term = ? ORDER BY passages DESC LIMIT ?`);
    this.prefixStmt = db.prepare(
      `SELECT w.word, w.term, w.passages, t.passages AS termPassages
         FROM vocabulary_words w JOIN vocabulary_terms t ON t.term = w.term
        WHERE w.word >= ? AND w.word < ?
        ORDER BY t.passages DESC, w.passages DESC LIMIT ?`,
    );
    this.maxPassageStmt = db.prepare(`SELECT max(id) AS id FROM passages`);
    this.termOfStmt = db.prepare(`SELECT term FROM vocabulary_words WHERE word = ?`);
    this.insertWordStmt = db.prepare(`INSERT INTO vocabulary_words (word, term, passages) VALUES (?, ?, ?)`);
    this.bumpWordStmt = db.prepare(`UPDATE vocabulary_words SET passages = passages + ? WHERE word = ?`);
    this.upsertTermStmt = db.prepare(
      `INSERT INTO vocabulary_terms (term, passages) VALUES (?, ?)
       ON CONFLICT (term) DO UPDATE SET passages = passages + excluded.passages`,
    );
  }

  getStats(): VocabularyStats {
    this.stats ??= this.stateStmt.get() ?? { throughPassage: 0, passages: 0, chars: 0 };
    return this.stats;
  }

  /** Passages containing the term, or undefined when the vocabulary has never seen it. */
  termPassages(term: string): number | undefined {
    return this.termStmt.get(term)?.passages;
  }

  word(folded: string): WordForm | undefined {
    return this.wordStmt.get(folded);
  }

  /** Word forms of a term, most frequent first (all of them, in practice: they mark matches in snippets). */
  formsOf(term: string, limit = 100): string[] {
    return this.formsStmt.all(term, limit).map((r) => r.word);
  }

  /**
   * Word forms starting with `prefix` (folded, unstemmed: `optimiz` finds "optimizer" although its
   * term is "optim"), most frequent terms first. One row per form; callers group by term.
   */
  withPrefix(prefix: string, limit: number): WordForm[] {
    return this.prefixStmt.all(prefix, prefix + '\u{10FFFF}', limit);
  }

  /**
   * Library words a typist may have meant by `folded`: within the edits its length allows, more
   * frequent than it, one per term, nearest and then most frequent first.
   */
  suggest(folded: string, limit: number): Suggestion[] {
    const maxEdits = allowedEdits(folded);
    const own = this.word(folded);
    const ownPassages = own?.termPassages ?? 0;
    for (let edits = 1; edits <= maxEdits; edits++) {
      const byTerm = new Map<string, Suggestion>();
      for (const candidate of this.fuzzy.lookup(folded, edits)) {
        if (candidate === folded) continue;
        const distance = editDistance(folded, candidate, edits);
        if (distance > edits) continue;
        const form = this.word(candidate);
        if (!form || form.term === own?.term || form.termPassages <= ownPassages) continue;
        const best = byTerm.get(form.term);
        if (!best || distance < best.distance || (distance === best.distance && form.passages > best.passages)) {
          byTerm.set(form.term, { ...form, distance });
        }
      }
      // A one-edit match is what was meant far more often than a two-edit one: stop at the nearest ring.
      if (byTerm.size > 0) {
        return [...byTerm.values()]
          .sort((a, b) => a.distance - b.distance || b.termPassages - a.termPassages)
          .slice(0, limit);
      }
    }
    return [];
  }

  /** The id of the newest passage in the library (0 for none). */
  newestPassage(): number {
    return this.maxPassageStmt.get()?.id ?? 0;
  }

  /** Folds every passage added since the last call into the counts and the typo index. */
  update(): UpdateReport {
    const run = this.db.transaction((): UpdateReport => {
      const before = this.stateStmt.get() ?? { throughPassage: 0, passages: 0, chars: 0 };
      const through = this.maxPassageStmt.get()?.id ?? 0;
      if (through <= before.throughPassage) return { passages: 0, newWords: 0, segments: this.fuzzy.segments().length };
      const scan = this.scanTable();
      scan.clear.run();
      scan.fill.run(before.throughPassage, through);
      const added = scan.measure.get(before.throughPassage, through)!;
      // One row per word form with the number of new passages containing it, from FTS5's own tokenizer.
      const forms = scan.read.all();
      scan.clear.run();

      const termOf = new Map<string, string>();
      const unknown: string[] = [];
      for (const [word] of forms) {
        const term = this.termOfStmt.get(word)?.term;
        if (term === undefined) unknown.push(word);
        else termOf.set(word, term);
      }
      // A folded word is a single token, which porter maps to a single term.
      this.analyzer.analyzeMany(unknown).forEach((a, i) => termOf.set(unknown[i]!, a.terms[0] ?? unknown[i]!));
      const isNew = new Set(unknown);
      const termCounts = new Map<string, number>();
      const fresh: string[] = [];
      for (const [word, n] of forms) {
        const term = termOf.get(word)!;
        if (isNew.has(word)) {
          this.insertWordStmt.run(word, term, n);
          if (SUGGESTABLE.test(word)) fresh.push(word);
        } else {
          this.bumpWordStmt.run(n, word);
        }
        termCounts.set(term, (termCounts.get(term) ?? 0) + n);
      }
      for (const [term, n] of termCounts) this.upsertTermStmt.run(term, n);
      this.fuzzy.add(fresh.sort());
      this.saveStateStmt.run(through, before.passages + added.passages, before.chars + added.chars);
      return { passages: added.passages, newWords: fresh.length, segments: this.fuzzy.segments().length };
    });
    try {
      return run();
    } finally {
      this.stats = undefined;
    }
  }

  /**
   * Takes a thread's passages out of the counts, before the thread is deleted; words it alone used
   * stay in the typo index with no passages, which suggestions skip. The next update starts after
   * the newest passage that remains, so passage ids SQLite hands out again are folded in.
   */
  forgetThread(threadId: number): void {
    this.db.transaction(() => {
      this.update();
      const before = this.stateStmt.get() ?? { throughPassage: 0, passages: 0, chars: 0 };
      const scan = this.scanTable();
      scan.clear.run();
      scan.fillThread.run(threadId);
      const removed = scan.measureThread.get(threadId)!;
      const termCounts = new Map<string, number>();
      for (const [word, n] of scan.read.all()) {
        const term = this.termOfStmt.get(word)?.term;
        if (term === undefined) continue;
        this.bumpWordStmt.run(-n, word);
        termCounts.set(term, (termCounts.get(term) ?? 0) + n);
      }
      scan.clear.run();
      for (const [term, n] of termCounts) this.upsertTermStmt.run(term, -n);
      const through = Math.min(before.throughPassage, scan.newestOutside.get(threadId)?.id ?? 0);
      this.saveStateStmt.run(through, before.passages - removed.passages, before.chars - removed.chars);
    })();
    this.stats = undefined;
  }

  /**
   * A scratch contentless FTS5 index (TEMP schema, no positions) that new passages are run
   * through once: FTS5 tokenizes at C speed (~14 µs a passage) and exactly as the library's index
   * does, and its vocabulary lists each word form with the number of passages containing it.
   */
  private scanTable(): ScanTable {
    if (!this.scan) {
      const tokenizer = libraryTokenizer(this.db).replace(/^\s*porter\s+/, '');
      this.db.exec(`
        CREATE VIRTUAL TABLE IF NOT EXISTS temp.crux_vocabulary_scan USING fts5(
          t, content = '', detail = none, columnsize = 0, tokenize = '${tokenizer.replace(/'/g, "''")}');
        CREATE VIRTUAL TABLE IF NOT EXISTS temp.crux_vocabulary_scan_v USING fts5vocab(temp, crux_vocabulary_scan, 'row');
      `);
      this.scan = {
        clear: this.db.prepare(`INSERT INTO temp.crux_vocabulary_scan(crux_vocabulary_scan) VALUES ('delete-all')`),
        fill: this.db.prepare(
          `INSERT INTO temp.crux_vocabulary_scan(rowid, t) SELECT id, text FROM passages WHERE id > ? AND id <= ?`,
        ),
        measure: this.db.prepare(
          `SELECT count(*) AS passages, coalesce(sum(length(text)), 0) AS chars FROM passages WHERE id > ? AND id <= ?`,
        ),
        fillThread: this.db.prepare(
          `INSERT INTO temp.crux_vocabulary_scan(rowid, t) SELECT id, text FROM passages WHERE thread_id = ?`,
        ),
        measureThread: this.db.prepare(
          `SELECT count(*) AS passages, coalesce(sum(length(text)), 0) AS chars FROM passages WHERE thread_id = ?`,
        ),
        newestOutside: this.db.prepare(`SELECT max(id) AS id FROM passages WHERE thread_id != ?`),
        read: this.db.prepare<[], [string, number]>(`SELECT term, doc FROM temp.crux_vocabulary_scan_v`).raw(true),
      };
    }
    return this.scan;
  }
}

interface ScanTable {
  clear: Statement<[]>;
  fill: Statement<[number, number]>;
  measure: Statement<[number, number], { passages: number; chars: number }>;
  fillThread: Statement<[number]>;
  measureThread: Statement<[number], { passages: number; chars: number }>;
  newestOutside: Statement<[number], { id: number | null }>;
  read: Statement<[], [string, number]>;
}
