import { afterEach, describe, expect, it } from 'vitest';
import { SearchEngine } from '../../../../src/main/core/search';
import { editDistance } from '../../../../src/main/core/search/edit-distance';
import { createStores } from '../../../../src/main/core/store';
import { openLibraryFile } from '../../../../src/main/core/store/db';
import type { Database } from '../../../../src/main/core/store/sqlite';
import { buildLibrary, search, tempFile, thread } from './build';

const open: Array<{ close(): void }> = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});
const keep = <T extends { close(): void }>(x: T): T => (open.push(x), x);

interface SegmentRow {
  id: number;
  level: number;
  words: number;
  created_at: string;
}
const segments = (db: Database): SegmentRow[] =>
  db.prepare<[], SegmentRow>('SELECT id, level, words, created_at FROM vocabulary_segments ORDER BY id').all();

const TEXTS = [
  'The optimizer inside the network pursues a proxy objective.',
  'A mesa-optimizer is an optimizer that was itself found by optimization.',
  'Café owners and naïve users alike answered the survey.',
  'The answers were collected, answering every question twice.',
];

describe('vocabulary', () => {
  it('counts word forms and terms as FTS5 reads them', () => {
    const lib = keep(buildLibrary([thread('t', TEXTS)]));
    const v = lib.engine.vocabulary;
    expect(v.word('optimizer')).toMatchObject({ term: 'optim', passages: 2 });
    // Diacritics folded as the index folds them, and the stem recorded for each form.
    expect(v.word('cafe')).toMatchObject({ term: 'cafe', passages: 1 });
    expect(v.word('naive')).toMatchObject({ term: 'naiv' });
    expect(v.word('café')).toBeUndefined();
    expect(v.formsOf('answer').sort()).toEqual(['answered', 'answering', 'answers']);
    expect(v.getStats()).toMatchObject({ passages: 4, throughPassage: lib.id(TEXTS[3]!) });
  });

  it('agrees with passages_vocab on every term (exactly where a passage uses one form of it)', () => {
    const lib = keep(buildLibrary([thread('t', TEXTS)]));
    const fts = lib.stores.db.prepare<[], { term: string; doc: number }>('SELECT term, doc FROM passages_vocab').all();
    const ours = new Map(
      lib.stores.db
        .prepare<[], { term: string; passages: number }>('SELECT term, passages FROM vocabulary_terms')
        .all()
        .map((r) => [r.term, r.passages]),
    );
    expect([...ours.keys()].sort()).toEqual(fts.map((r) => r.term).sort());
    for (const { term, doc } of fts) {
      // "optimizer" and "optimization" in one passage count twice for "optim": the documented over-count.
      if (term === 'optim' || term === 'answer') expect(ours.get(term)!).toBeGreaterThanOrEqual(doc);
      else expect(ours.get(term), term).toBe(doc);
    }
  });

  it('is kept in the library and reused on reopening, not rebuilt', () => {
    const file = tempFile();
    const first = buildLibrary([thread('t', TEXTS)], { file });
    const before = segments(first.stores.db);
    expect(before).toHaveLength(1);
    first.close();

    const db = keep(openLibraryFile(file));
    const engine = new SearchEngine(db);
    engine.warmUp();
    const r = engine.search({ query: 'optimiser', limit: 20, offset: 0, expand: true });
    expect(r.suggestions).toContain('optimizer');
    expect(engine.vocabulary.fuzzy.builds).toBe(0);
    expect(segments(db)).toEqual(before);
    // Nothing new was imported: catching up changes nothing.
    expect(engine.afterImport().passages).toBe(0);
    expect(segments(db)).toEqual(before);
  });

  it('takes in an import with a segment of only the new words', () => {
    const lib = keep(buildLibrary([thread('t', TEXTS)]));
    const before = segments(lib.stores.db);
    lib.add(thread('u', ['The shoggoth wears a smiley mask.', 'The optimizer answered.']));

    // FTS5 sees the new passages at once; the vocabulary, until afterImport, does not.
    expect(search(lib, 'shoggoth').total).toBe(1);
    expect(search(lib, 'shoggoht').suggestions).toEqual([]);
    // A prefix still finds new words while the vocabulary is behind, through FTS5's own prefix query.
    expect(search(lib, 'shogg*').total).toBe(1);

    const report = lib.engine.afterImport();
    // shoggoth, wears, smiley, mask: "the", "optimizer" and "answered" were known.
    expect(report).toMatchObject({ passages: 2, newWords: 4 });
    const after = segments(lib.stores.db);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    expect(after[after.length - 1]!.words).toBe(4);
    expect(search(lib, 'shoggoht').suggestions).toEqual(['shoggoth']);
    expect(search(lib, 'smiley').total).toBe(1);
    expect(lib.engine.vocabulary.word('optimizer')!.passages).toBe(3);
  });

  it('merges small segments by size tier, keeping every word findable', () => {
    const lib = keep(buildLibrary([thread('t0', ['Bootstrapping words.'])]));
    const invented = Array.from({ length: 12 }, (_, i) => `zorbaflux${String.fromCharCode(97 + i)}quine`);
    for (const [i, w] of invented.entries()) {
      lib.add(thread(`t${i + 1}`, [`Today we discuss ${w} at length.`]));
      lib.engine.afterImport();
    }
    const rows = segments(lib.stores.db);
    // 13 imports, merged four at a time: far fewer segments than imports.
    expect(rows.length).toBeLessThanOrEqual(5);
    expect(rows.reduce((n, s) => n + s.words, 0)).toBe(
      lib.stores.db
        .prepare<[], { n: number }>('SELECT count(*) AS n FROM vocabulary_words WHERE segment_id IS NOT NULL')
        .get()!.n,
    );
    for (const w of invented) {
      const typo = w.slice(0, 3) + w[4] + w[3] + w.slice(5);
      expect(lib.engine.vocabulary.fuzzy.lookup(typo, 1)).toContain(w);
    }
  });

  it('catches up on passages imported before it ever ran', () => {
    const file = tempFile();
    const lib = buildLibrary([thread('t', TEXTS)], { file, afterImport: false });
    expect(segments(lib.stores.db)).toEqual([]);
    // Without a vocabulary, words and prefixes are still found through FTS5 alone.
    expect(search(lib, 'optimizer').total).toBe(2);
    expect(search(lib, 'optim*').total).toBe(2);
    lib.close();
    const stores = createStores(keep(openLibraryFile(file)));
    const engine = new SearchEngine(stores.db);
    expect(engine.afterImport().passages).toBe(4);
    expect(engine.search({ query: 'optimiser', limit: 5, offset: 0, expand: true }).expandedWith).toEqual([
      'optimizer',
    ]);
  });
});

describe('editDistance', () => {
  it.each([
    ['optimiser', 'optimizer', 1],
    ['recieve', 'receive', 1],
    ['alignment', 'alignmnet', 1],
    ['goal', 'goals', 1],
    ['mask', 'task', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['same', 'same', 0],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('stops early past the maximum', () => {
    expect(editDistance('internationalisation', 'x', 2)).toBe(3);
  });
});
