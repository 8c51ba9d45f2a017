import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Planner } from '../../../../src/main/core/search/planner';
import { parseQuery } from '../../../../src/main/core/search/query-parser';
import { contract } from '../../../../src/shared/api/contract';
import { MATCH_END, MATCH_START } from '../../../../src/shared/model/library';
import { buildLibrary, marked, search, thread, type TestLibrary } from './build';

// The LessWrong sample thread; its export holds most paragraphs twice, and a thread stores each text once.
const SEED = [
  ...new Set(
    fs
      .readFileSync(path.join(__dirname, '..', '..', '..', 'fixtures', 'seed-thread.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0),
  ),
];

const ADJACENT = 'Every language model we tested repeated the question before it answered.';
const SCATTERED = 'The language of the report was plain, and the model behind it was never tested.';
const OPTIMIZER = 'A learned optimizer inside the network would pursue its own objective.';
const OPTIMIZATION = 'Gradient descent is an optimization process, not an agent with goals.';
const SHOGGOTH = 'The shoggoth wears a smiley mask for the users.';
const SIMULACRA = 'Simulacra are the characters a simulator can play.';
const MASK_ONLY = 'A mask can slip when the prompt is strange enough.';
const REWARD = 'Reward is not the optimization target of the trained policy.';
const LUKASZ = 'Mesa objectives need not match the base objective.';

describe('search over a small library', () => {
  let lib: TestLibrary;
  beforeAll(() => {
    lib = buildLibrary([
      {
        title: 'Inner alignment',
        posts: [
          { author: 'Ann Smith', passages: [ADJACENT, SCATTERED] },
          { author: 'bob', passages: [OPTIMIZER, OPTIMIZATION] },
          { author: 'Łukasz', passages: [LUKASZ] },
        ],
      },
      {
        title: 'Masks and simulators',
        posts: [
          { author: 'ann smith', passages: [SHOGGOTH, SIMULACRA] },
          { author: null, passages: [MASK_ONLY, REWARD] },
        ],
      },
    ]);
  });
  afterAll(() => lib.close());

  it('returns each hit with its thread, post, author, title and a marked snippet', () => {
    const r = search(lib, 'shoggoth');
    expect(r.total).toBe(1);
    expect(r.hits).toHaveLength(1);
    const hit = r.hits[0]!;
    expect(hit.passageId).toBe(lib.id(SHOGGOTH));
    expect(hit.threadId).toBe(lib.threadIds[1]);
    expect(hit.threadTitle).toBe('Masks and simulators');
    expect(hit.author).toBe('ann smith');
    expect(lib.stores.posts.ofThread(hit.threadId).map((p) => p.id)).toContain(hit.postId);
    expect(hit.snippet).toBe(`The ${MATCH_START}shoggoth${MATCH_END} wears a smiley mask for the users.`);
    expect(contract['search.query'].output.parse(r)).toEqual(r);
  });

  it('requires every word', () => {
    const ids = search(lib, 'language model').hits.map((h) => h.passageId);
    expect(ids.sort()).toEqual([lib.id(ADJACENT), lib.id(SCATTERED)].sort());
    expect(search(lib, 'language shoggoth').hits).toEqual([]);
  });

  it('ranks passages using the words together above passages that scatter them', () => {
    const r = search(lib, 'language model');
    expect(r.hits.map((h) => h.passageId)).toEqual([lib.id(ADJACENT), lib.id(SCATTERED)]);
    expect(r.hits[0]!.score).toBeGreaterThan(r.hits[1]!.score);
  });

  it('matches a quoted phrase only where the words stand in that order', () => {
    const r = search(lib, '"language model"');
    expect(r.hits.map((h) => h.passageId)).toEqual([lib.id(ADJACENT)]);
    expect(marked(r.hits[0]!.snippet)).toEqual(['language model']);
  });

  it('finds inflected forms, as the porter stemmer folds them', () => {
    expect(search(lib, 'answers').hits.map((h) => h.passageId)).toEqual([lib.id(ADJACENT)]);
  });

  it('excludes passages with an excluded word or phrase', () => {
    expect(search(lib, 'model -report').hits.map((h) => h.passageId)).toEqual([lib.id(ADJACENT)]);
    // Both words occur in SCATTERED, but not as that phrase.
    expect(
      search(lib, 'model -"report plain"')
        .hits.map((h) => h.passageId)
        .sort(),
    ).toEqual([lib.id(ADJACENT), lib.id(SCATTERED)].sort());
    expect(search(lib, 'model -"report was plain"').hits.map((h) => h.passageId)).toEqual([lib.id(ADJACENT)]);
    expect(search(lib, 'mask -shoggoth').hits.map((h) => h.passageId)).toEqual([lib.id(MASK_ONLY)]);
  });

  it('returns nothing, and does not fail, for a query of excluded words only', () => {
    expect(search(lib, '-mask -model')).toEqual({ total: 0, hits: [], suggestions: [], expandedWith: [] });
  });

  it('accepts either side of OR, and lists a passage matching both once', () => {
    const r = search(lib, 'shoggoth OR simulacra OR smiley');
    expect(r.total).toBe(2);
    expect(r.hits.map((h) => h.passageId).sort()).toEqual([lib.id(SHOGGOTH), lib.id(SIMULACRA)].sort());
  });

  it('expands a prefix through the words of the library, not through porter stems', () => {
    // FTS5's own `optimiz*` finds nothing here: it looks for terms starting "optimiz", and the
    // index holds "optim" for both words.
    expect(
      lib.engine
        .search({ query: 'optimiz*', limit: 20, offset: 0, expand: false })
        .hits.map((h) => h.passageId)
        .sort(),
    ).toEqual([lib.id(OPTIMIZER), lib.id(OPTIMIZATION), lib.id(REWARD)].sort());
    expect(search(lib, 'simul*').hits.map((h) => h.passageId)).toEqual([lib.id(SIMULACRA)]);
    expect(search(lib, 'zzq*').hits).toEqual([]);
  });

  it('highlights each matched form in snippets', () => {
    const r = search(lib, 'optimiz* objective');
    expect(r.hits.map((h) => h.passageId)).toEqual([lib.id(OPTIMIZER)]);
    expect(marked(r.hits[0]!.snippet)).toEqual(['optimizer', 'objective']);
  });

  it('filters by thread', () => {
    const [first, second] = lib.threadIds;
    expect(
      search(lib, `mask thread:${second}`)
        .hits.map((h) => h.passageId)
        .sort(),
    ).toEqual([lib.id(SHOGGOTH), lib.id(MASK_ONLY)].sort());
    expect(search(lib, `mask thread:${first}`).hits).toEqual([]);
    expect(
      search(lib, `objective -thread:${second}`)
        .hits.map((h) => h.passageId)
        .sort(),
    ).toEqual([lib.id(OPTIMIZER), lib.id(LUKASZ)].sort());
    expect(search(lib, 'mask thread:999').hits).toEqual([]);
  });

  it('filters by author, ignoring case, also beyond ASCII', () => {
    // "Ann Smith" and "ann smith" are the same person written two ways.
    expect(
      search(lib, 'author:"ANN SMITH" the')
        .hits.map((h) => h.passageId)
        .sort(),
    ).toEqual([lib.id(ADJACENT), lib.id(SCATTERED), lib.id(SHOGGOTH), lib.id(SIMULACRA)].sort());
    expect(search(lib, 'author:łUKASZ objective').hits.map((h) => h.passageId)).toEqual([lib.id(LUKASZ)]);
    expect(search(lib, 'author:nobody mask').hits).toEqual([]);
    expect(search(lib, 'objective -author:bob').hits.map((h) => h.passageId)).toEqual([lib.id(LUKASZ)]);
  });

  it('lists the passages of a filter-only query in reading order', () => {
    const r = search(lib, `thread:${lib.threadIds[1]}`);
    expect(r.total).toBe(4);
    expect(r.hits.map((h) => h.passageId)).toEqual([SHOGGOTH, SIMULACRA, MASK_ONLY, REWARD].map(lib.id));
    expect(search(lib, 'author:bob -gradient').hits.map((h) => h.passageId)).toEqual([lib.id(OPTIMIZER)]);
  });

  it('pages through results without repeating or skipping a passage', () => {
    const all = search(lib, 'the', { limit: 50 });
    expect(all.total).toBe(all.hits.length);
    const paged = [0, 2, 4, 6, 8, 10].flatMap((offset) => search(lib, 'the', { limit: 2, offset }).hits);
    expect(paged.map((h) => h.passageId)).toEqual(all.hits.map((h) => h.passageId));
    expect(new Set(paged.map((h) => h.passageId)).size).toBe(paged.length);
  });

  it('orders hits best first', () => {
    const scores = search(lib, 'the mask objective OR shoggoth').hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('suggests a close library word for a misspelt word, and searches with it', () => {
    const r = search(lib, 'optimiser');
    expect(r.suggestions).toContain('optimizer');
    expect(r.expandedWith).toEqual(['optimizer']);
    // The index stems "optimizer" and "optimization" alike, so both are found.
    expect(r.hits.map((h) => h.passageId).sort()).toEqual(
      [lib.id(OPTIMIZER), lib.id(OPTIMIZATION), lib.id(REWARD)].sort(),
    );
    expect(r.hits.flatMap((h) => marked(h.snippet)).sort()).toEqual(['optimization', 'optimization', 'optimizer']);

    const plain = search(lib, 'optimiser', { expand: false });
    expect(plain.hits).toEqual([]);
    expect(plain.suggestions).toContain('optimizer');
    expect(plain.expandedWith).toEqual([]);
  });

  it('expands only the misspelt word of a longer query', () => {
    const r = search(lib, 'learned optimiser');
    expect(r.expandedWith).toEqual(['optimizer']);
    expect(r.hits.map((h) => h.passageId)).toEqual([lib.id(OPTIMIZER)]);
  });

  it('offers no suggestions for words the library has plenty of', () => {
    expect(search(lib, 'mask').suggestions).toEqual([]);
  });
});

describe('prefixes that porter would change', () => {
  it('searches words starting with the letters typed', () => {
    // FTS5 stems the prefix of "ans"* to "an", which would match "an", "and", "any".
    const texts = ['An answer, at last.', 'Ansible and any other tool.', 'And then an ant came.'];
    const lib = buildLibrary([thread('t', texts)]);
    const r = search(lib, 'ans*');
    expect(r.hits.map((h) => h.passageId).sort()).toEqual([lib.id(texts[0]!), lib.id(texts[1]!)].sort());
    expect(r.hits.flatMap((h) => marked(h.snippet)).sort()).toEqual(['ansible', 'answer']);
    lib.close();
  });
});

describe('snippets', () => {
  it('cannot be forged by marker characters inside passage text', () => {
    const forged = `Plain \uE000not a match\uE001 text about goals.`;
    const lib = buildLibrary([thread('forged', [forged])]);
    const [hit] = search(lib, 'goals').hits;
    expect(marked(hit!.snippet)).toEqual(['goals']);
    expect(hit!.snippet.split(MATCH_START)).toHaveLength(2);
    lib.close();
  });
});

describe('ranking on real text', () => {
  let lib: TestLibrary;
  beforeAll(() => {
    lib = buildLibrary([{ title: 'seed', posts: SEED.map((p, i) => ({ author: i % 2 ? 'A' : 'B', passages: [p] })) }]);
  });
  afterAll(() => lib.close());

  it('puts the passages that dwell on the words first', () => {
    const hits = search(lib, 'mask goal', { limit: 50 }).hits;
    expect(hits.length).toBeGreaterThan(5);
    // The best hit uses the words more often than the median hit does.
    const uses = hits.map((h) => marked(h.snippet).length);
    expect(uses[0]!).toBeGreaterThan([...uses].sort((a, b) => a - b)[Math.floor(uses.length / 2)]!);
  });

  it('ranks with the JavaScript scorer much as FTS5 bm25 does', () => {
    const scan = buildLibrary([{ title: 'seed', posts: SEED.map((p) => ({ passages: [p] })) }], {
      engine: { bm25Budget: 0 },
    });
    for (const q of ['optimizer goal', 'mask', 'reinforced training', 'answer questions']) {
      const a = search(lib, q, { limit: 5 }).hits.map((h) => h.snippet);
      const b = search(scan, q, { limit: 5 }).hits.map((h) => h.snippet);
      expect(b.length).toBe(a.length);
      // Same top hit, and most of the first five in common.
      expect(b[0]).toBe(a[0]);
      expect(b.filter((s) => a.includes(s)).length).toBeGreaterThanOrEqual(Math.min(4, a.length));
    }
    scan.close();
  });

  it('finds exactly what FTS5 finds for phrases of very common words, checked in the text', () => {
    const planner = (lib.engine as unknown as { planner: Planner }).planner;
    // "outer", "loss", "heuristics", "underlying", "pile" are rare in the thread; the other words are everywhere.
    const phrases = [
      '"by the outer loss"',
      '"the heuristics"',
      '"in the underlying model"',
      '"the outer"',
      '"in the pile of"',
      '"the model"',
      '"is not the"',
    ];
    expect(phrases.filter((q) => planner.plan(parseQuery(q)).verify.length > 0).length).toBeGreaterThanOrEqual(3);
    for (const q of phrases) {
      const fts = lib.stores.db
        .prepare<[string], { id: number }>('SELECT rowid AS id FROM passages_fts WHERE passages_fts MATCH ?')
        .all(q)
        .map((r) => r.id);
      const ours = search(lib, q, { limit: 200 }).hits.map((h) => h.passageId);
      expect(ours.sort(), q).toEqual(fts.sort());
    }
  });

  it('finds the acceptance example: optimiser finds the passages about optimizers', () => {
    const r = search(lib, 'optimiser');
    expect(r.expandedWith).toContain('optimizer');
    expect(r.hits.length).toBeGreaterThan(3);
    // Porter gives "optimizer", "optimization" and "optimal" one stem: all of them are found.
    for (const h of r.hits) expect(marked(h.snippet).some((w) => w.startsWith('optim'))).toBe(true);
    expect(marked(r.hits[0]!.snippet)).toContain('optimizers');
  });
});

describe('ranking in tranches (more matches than one tranche)', () => {
  const T = 6;
  const texts = Array.from({ length: 23 }, (_, i) => `Goal number ${i} ${'goal '.repeat(i % 4)}is stated here.`);
  let lib: TestLibrary;
  beforeAll(() => {
    lib = buildLibrary([thread('many', texts)], { engine: { tranche: T } });
  });
  afterAll(() => lib.close());

  it('returns every match exactly once across pages, in a fixed order', () => {
    const pages = Array.from({ length: 9 }, (_, k) => search(lib, 'goal', { limit: 3, offset: 3 * k }));
    const ids = pages.flatMap((p) => p.hits.map((h) => h.passageId));
    expect(ids).toHaveLength(23);
    expect(new Set(ids).size).toBe(23);
    // Four tranches' worth (24) would be counted: all 23 are.
    expect(pages.every((p) => p.total === 23)).toBe(true);
    // A page straddling two tranches reads the same as the pages around it.
    const straddle = search(lib, 'goal', { limit: 4, offset: 4 }).hits.map((h) => h.passageId);
    expect(straddle).toEqual(ids.slice(4, 8));
  });

  it('ranks within a tranche of the newest matches', () => {
    const first = search(lib, 'goal', { limit: T }).hits;
    const newest = texts.slice(-T).map(lib.id);
    expect(first.map((h) => h.passageId).sort()).toEqual(newest.sort());
    const scores = first.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(first[0]!.snippet.match(/goal/gi)!.length).toBe(4);
  });

  it('counts a multi-word query only within its first tranche, reporting more as one more', () => {
    // Counting past the first tranche costs as much as finding; a total of T + 1 reads "more than T".
    expect(search(lib, 'goal stated').total).toBe(T + 1);
    expect(search(lib, 'goal stated', { limit: 50 }).hits).toHaveLength(23);
  });

  it('reports a total capped at the configured count', () => {
    const capped = buildLibrary([thread('many', texts)], { engine: { tranche: T, totalCap: 10 } });
    expect(search(capped, 'goal').total).toBe(10);
    capped.close();
  });
});

// Inputs that break naive FTS5 query builders; each must give results or an empty list.
const NASTY = [
  '"',
  '""',
  '"unterminated phrase',
  'AND',
  'OR',
  'NOT',
  'OR OR',
  'mask OR OR',
  '*',
  'mask*',
  '*mask',
  '(',
  ')',
  'NEAR(',
  'NEAR(mask shoggoth)',
  'NEAR(mask shoggoth, 2)',
  '-',
  '-mask',
  '--mask',
  'mask -',
  '^mask',
  'text:mask',
  '{text}: mask',
  'mask + shoggoth',
  'mask:',
  "'; DROP TABLE passages; --",
  '🙂',
  '🙂 mask',
  'mask\u0000shoggoth',
  '\u0007\u001b[31m',
  '\uD800',
  '\uE000mask\uE001',
  'thread:',
  'thread:abc mask',
  'thread:99999999999999999999',
  'author:',
  'author:"',
  'author:"" mask',
  'x'.repeat(10_000),
  'mask '.repeat(2000),
  '"mask '.repeat(1000),
  Array.from({ length: 300 }, (_, i) => `w${i}*`).join(' '),
  '- - - -a -b -c',
  'a*b*c',
  '..., ;; !!',
];

describe('any query text', () => {
  let lib: TestLibrary;
  beforeAll(() => {
    lib = buildLibrary([thread('t', [SHOGGOTH, MASK_ONLY, SIMULACRA])]);
  });
  afterAll(() => lib.close());

  it.each(NASTY.map((q) => [q.length > 40 ? `${q.slice(0, 40)}… (${q.length} chars)` : JSON.stringify(q), q]))(
    '%s gives a result, never an error',
    (_label, q) => {
      const r = search(lib, q);
      expect(contract['search.query'].output.parse(r)).toEqual(r);
    },
  );

  it('finds what the text of a malformed query still says', () => {
    expect(search(lib, 'NEAR(mask shoggoth)').hits.map((h) => h.passageId)).toEqual([lib.id(SHOGGOTH)]);
    expect(search(lib, '"unterminated shoggoth').hits.map((h) => h.passageId)).toEqual([]);
    expect(search(lib, 'mask -').hits).toHaveLength(2);
  });

  it('never throws on random strings of operators, quotes and odd characters', () => {
    const alphabet = [
      '"',
      '*',
      '-',
      '(',
      ')',
      ' ',
      'OR',
      'AND',
      'NOT',
      'NEAR',
      ':',
      'thread:',
      'author:',
      'mask',
      'sho',
      'é',
      '\u0000',
      '\uD83D',
      '🙂',
      '\u201C',
      '^',
      '{',
      '}',
      '+',
      ',',
      "'",
      '1',
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 400; i++) {
      const n = 1 + Math.floor(random() * 10);
      const q = Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(() => search(lib, q), JSON.stringify(q)).not.toThrow();
    }
  });
});

describe('typo expansion', () => {
  it('searches with the likely word, and only suggests the unlikely one', () => {
    const receive = Array.from({ length: 12 }, (_, i) => `Did you receive message ${i} yesterday?`);
    const lib = buildLibrary([
      thread('mail', [...receive, 'What a relief: I feel relieved.', 'We relieve the guard.']),
    ]);
    const r = search(lib, 'recieve');
    expect(r.suggestions).toEqual(['receive', 'relieve']);
    expect(r.expandedWith).toEqual(['receive']);
    expect(r.hits.map((h) => h.passageId).sort()).toEqual(receive.map(lib.id).sort());
    lib.close();
  });
});

describe('phrases checked in the text, across tranches', () => {
  it('pages through the phrase matches only, each once', () => {
    // "the" is everywhere, "zebra crossing" in a few passages, after "the" in half of those.
    const texts = Array.from({ length: 120 }, (_, i) => {
      if (i % 24 === 0) return `Passage ${i}: look left at the zebra crossing, then right.`;
      if (i % 24 === 12) return `Passage ${i}: a zebra crossing the road is not the same.`;
      return `Passage ${i} says the thing plainly.`;
    });
    const lib = buildLibrary([thread('zebra', texts)], { engine: { tranche: 20 } });
    const planner = (lib.engine as unknown as { planner: Planner }).planner;
    expect(planner.plan(parseQuery('"the zebra crossing"')).verify).toHaveLength(1);
    const expected = texts.filter((t) => t.includes('the zebra crossing')).map(lib.id);
    const pages = [0, 2, 4, 6].map((offset) => search(lib, '"the zebra crossing"', { limit: 2, offset }));
    const ids = pages.flatMap((p) => p.hits.map((h) => h.passageId));
    expect(ids.sort()).toEqual(expected.sort());
    expect(pages[0]!.total).toBe(3);
    lib.close();
  });
});
