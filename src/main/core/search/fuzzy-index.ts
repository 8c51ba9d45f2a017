// Typo-tolerant lookup of library words: lunr indexes, one per segment of words, persisted in the
// library so that start-up only loads them (lazily, on the first query that needs one) and an
// import only indexes the words it brought. Segments merge by size tier, like a log-structured
// merge tree: every word is re-indexed O(log n) times over the life of a library, never the whole
// vocabulary on a single import.
import lunr from 'lunr';
import type { Database, Statement } from '../store/sqlite';

/** Segments of one size tier merge once there are this many. */
const MERGE_FACTOR = 4;
/** Size tiers: a segment of n words sits at tier floor(log4(n / TIER_BASE)). */
const TIER_BASE = 256;

interface SegmentRow {
  id: number;
  level: number;
  words: number;
}

export class FuzzyIndex {
  private readonly loaded = new Map<number, lunr.Index>();
  private readonly listStmt: Statement<[], SegmentRow>;
  private readonly jsonStmt: Statement<[number], { index_json: string }>;
  private readonly insertStmt: Statement<[number, number, string, string]>;
  private readonly assignStmt: Statement<[number, string]>;
  private readonly wordsOfStmt: Statement<[number], { word: string }>;
  private readonly reassignStmt: Statement<[number, number]>;
  private readonly deleteStmt: Statement<[number]>;
  /** Bumped whenever the set of segments changes; tests use it to see that nothing was rebuilt. */
  builds = 0;

  constructor(private readonly db: Database) {
    this.listStmt = db.prepare(`SELECT id, level, words FROM vocabulary_segments ORDER BY id`);
    this.jsonStmt = db.prepare(`SELECT index_json FROM vocabulary_segments WHERE id = ?`);
    this.insertStmt = db.prepare(
      `INSERT INTO vocabulary_segments (level, words, index_json, created_at) VALUES (?, ?, ?, ?)`,
    );
    this.assignStmt = db.prepare(`UPDATE vocabulary_words SET segment_id = ? WHERE word = ?`);
    this.wordsOfStmt = db.prepare(`SELECT word FROM vocabulary_words WHERE segment_id = ?`);
    this.reassignStmt = db.prepare(`UPDATE vocabulary_words SET segment_id = ? WHERE segment_id = ?`);
    this.deleteStmt = db.prepare(`DELETE FROM vocabulary_segments WHERE id = ?`);
  }

  /** Words in the library within `edits` edits of `word` (as lunr counts them). */
  lookup(word: string, edits: number): string[] {
    const found = new Set<string>();
    for (const { id } of this.listStmt.all()) {
      const index = this.segment(id);
      const results = index.query((q) => q.term(word, { editDistance: edits, usePipeline: false }));
      for (const r of results) found.add(r.ref);
    }
    return [...found];
  }

  /** Indexes words new to the library as one more segment, then merges tiers that grew full. Call inside a transaction. */
  add(words: readonly string[]): void {
    if (words.length === 0) return;
    this.write(words);
    this.mergeFullTiers();
  }

  /** Loads every persisted segment now rather than on the first query that needs one. */
  load(): void {
    for (const { id } of this.listStmt.all()) this.segment(id);
  }

  segments(): SegmentRow[] {
    return this.listStmt.all();
  }

  private write(words: readonly string[]): number {
    const index = build(words);
    const id = Number(
      this.insertStmt.run(tier(words.length), words.length, JSON.stringify(index), new Date().toISOString())
        .lastInsertRowid,
    );
    for (const w of words) this.assignStmt.run(id, w);
    this.loaded.set(id, index);
    this.builds++;
    return id;
  }

  private mergeFullTiers(): void {
    for (;;) {
      const byLevel = new Map<number, SegmentRow[]>();
      for (const s of this.listStmt.all()) byLevel.set(s.level, [...(byLevel.get(s.level) ?? []), s]);
      const full = [...byLevel.values()].find((group) => group.length >= MERGE_FACTOR);
      if (!full) return;
      const words = full.flatMap((s) => this.wordsOfStmt.all(s.id).map((r) => r.word));
      const merged = this.write(words);
      for (const s of full) {
        this.reassignStmt.run(merged, s.id);
        this.deleteStmt.run(s.id);
        this.loaded.delete(s.id);
      }
    }
  }

  private segment(id: number): lunr.Index {
    let index = this.loaded.get(id);
    if (!index) {
      const row = this.jsonStmt.get(id);
      if (!row) throw new Error(`vocabulary segment ${id} vanished`);
      index = lunr.Index.load(JSON.parse(row.index_json) as object);
      this.loaded.set(id, index);
    }
    return index;
  }
}

function tier(words: number): number {
  return Math.max(0, Math.floor(Math.log(words / TIER_BASE) / Math.log(MERGE_FACTOR)));
}

function build(words: readonly string[]): lunr.Index {
  return lunr(function () {
    // Each document is one library word, indexed as it is: no stemming, no stop words, so that
    // edit distances are measured on what people actually typed and read.
    this.pipeline.reset();
    this.searchPipeline.reset();
    this.ref('w');
    this.field('w');
    this.metadataWhitelist = [];
    for (const w of words) this.add({ w });
  });
}
