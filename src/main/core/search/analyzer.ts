// How FTS5 reads a piece of text, asked of FTS5 itself. Query words must be looked up by the exact
// terms the index holds (porter stems after unicode61 folding), and a JavaScript re-implementation
// of either step would drift: porter is not even idempotent (stem("agreed") = "agre", but
// stem("agre") = "agr"). So two scratch FTS5 tables in the connection's TEMP schema, one folding
// only and one folding and stemming with the library's own tokenizer settings, tokenize for us.
import type { Database, Statement } from '../store/sqlite';

export interface Analysis {
  /** Tokens as FTS5 folds them (case, diacritics), before stemming: readable words. */
  folded: string[];
  /** The same tokens stemmed: the terms the index and passages_vocab are keyed by. */
  terms: string[];
}

const DEFAULT_TOKENIZER = 'porter unicode61 remove_diacritics 2';
const CACHE_SIZE = 20_000;

interface Scratch {
  clear: Statement<[]>;
  insert: Statement<[number, string]>;
  read: Statement<[], [number, number, string]>;
}

export class Analyzer {
  private fold?: Scratch;
  private stem?: Scratch;
  private readonly cache = new Map<string, Analysis>();

  constructor(private readonly db: Database) {}

  /** One text, cached: query words repeat. */
  analyze(text: string): Analysis {
    const hit = this.cache.get(text);
    if (hit) {
      // Refresh its place so the map's insertion order stays least-recently-used first.
      this.cache.delete(text);
      this.cache.set(text, hit);
      return hit;
    }
    const [analysis] = this.analyzeMany([text]);
    this.cache.set(text, analysis!);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return analysis!;
  }

  /** Many texts in one pass; each is tokenized on its own, as a passage would be. */
  analyzeMany(texts: readonly string[]): Analysis[] {
    this.ensureTables();
    const run = this.db.transaction((): Analysis[] => {
      const folded = tokenize(this.fold!, texts);
      const terms = tokenize(this.stem!, texts);
      return texts.map((_, i) => ({ folded: folded[i]!, terms: terms[i]! }));
    });
    return run();
  }

  private ensureTables(): void {
    if (this.fold && this.stem) return;
    const stemming = libraryTokenizer(this.db);
    const folding = stemming.replace(/^\s*porter\s+/, '');
    this.fold = scratch(this.db, 'crux_search_fold', folding);
    this.stem = scratch(this.db, 'crux_search_stem', stemming);
  }
}

function tokenize(s: Scratch, texts: readonly string[]): string[][] {
  s.clear.run();
  texts.forEach((t, i) => s.insert.run(i + 1, t));
  const out: string[][] = texts.map(() => []);
  const rows = s.read.all().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [doc, , term] of rows) out[doc - 1]!.push(term);
  return out;
}

function scratch(db: Database, name: string, tokenizer: string): Scratch {
  db.exec(`
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.${name} USING fts5(t, tokenize = '${tokenizer.replace(/'/g, "''")}');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.${name}_v USING fts5vocab(temp, ${name}, 'instance');
  `);
  return {
    clear: db.prepare(`DELETE FROM temp.${name}`),
    insert: db.prepare(`INSERT INTO temp.${name}(rowid, t) VALUES (?, ?)`),
    read: db.prepare<[], [number, number, string]>(`SELECT doc, offset, term FROM temp.${name}_v`).raw(true),
  };
}

/** The tokenizer passages_fts was created with, so the scratch tables can never disagree with it. */
export function libraryTokenizer(db: Database): string {
  const row = db
    .prepare<[], { sql: string }>(`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'passages_fts'`)
    .get();
  const m = row && /tokenize\s*=\s*'((?:[^']|'')*)'/i.exec(row.sql);
  return m ? m[1]!.replace(/''/g, "'") : DEFAULT_TOKENIZER;
}
