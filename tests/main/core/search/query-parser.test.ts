import { describe, expect, it } from 'vitest';
import {
  allOf,
  anyOf,
  excluding,
  nativePrefix,
  phrase,
  quote,
} from '../../../../src/main/core/search/match-expression';
import { MAX_TERMS, parseQuery, type Clause, type QueryAst } from '../../../../src/main/core/search/query-parser';

const words = (...ws: string[]): Clause[] => ws.map((text) => ({ anyOf: [{ kind: 'word', text, prefix: false }] }));
const noFilters = { threads: [], notThreads: [], authors: [], notAuthors: [] };

describe('parseQuery', () => {
  it('reads plain words as required terms', () => {
    expect(parseQuery('  mesa   optimizer ')).toEqual<QueryAst>({
      required: words('mesa', 'optimizer'),
      excluded: [],
      filters: noFilters,
    });
  });

  it('reads quoted phrases, prefixes and exclusions', () => {
    const q = parseQuery('"inner alignment" optim* -reward -"base objective"');
    expect(q.required).toEqual([
      { anyOf: [{ kind: 'phrase', text: 'inner alignment' }] },
      { anyOf: [{ kind: 'word', text: 'optim', prefix: true }] },
    ]);
    expect(q.excluded).toEqual([
      { kind: 'word', text: 'reward', prefix: false },
      { kind: 'phrase', text: 'base objective' },
    ]);
  });

  it('binds OR tighter than the implicit AND', () => {
    const q = parseQuery('mask OR shoggoth "simulator theory" OR simulacra model');
    expect(q.required).toEqual([
      {
        anyOf: [
          { kind: 'word', text: 'mask', prefix: false },
          { kind: 'word', text: 'shoggoth', prefix: false },
        ],
      },
      {
        anyOf: [
          { kind: 'phrase', text: 'simulator theory' },
          { kind: 'word', text: 'simulacra', prefix: false },
        ],
      },
      { anyOf: [{ kind: 'word', text: 'model', prefix: false }] },
    ]);
  });

  it('reads thread and author filters, quoted names and negated filters', () => {
    const q = parseQuery('thread:12 AUTHOR:"Jane Doe" -author:bob -thread:3 author:Łukasz goal');
    expect(q.filters).toEqual({ threads: [12], notThreads: [3], authors: ['Jane Doe', 'Łukasz'], notAuthors: ['bob'] });
    expect(q.required).toEqual(words('goal'));
  });

  it('searches malformed filters as text rather than dropping them', () => {
    expect(parseQuery('thread:abc').required).toEqual(words('thread:abc'));
    expect(parseQuery('author:').required).toEqual(words('author:'));
    expect(parseQuery('thread:0').filters.threads).toEqual([]);
  });

  it('treats NOT as exclusion, AND as nothing, and lowercase or/and/not as words', () => {
    expect(parseQuery('goal NOT reward').excluded).toEqual([{ kind: 'word', text: 'reward', prefix: false }]);
    expect(parseQuery('goal AND reward').required).toEqual(words('goal', 'reward'));
    expect(parseQuery('this or that and not').required).toEqual(words('this', 'or', 'that', 'and', 'not'));
  });

  it('drops dangling operators instead of failing', () => {
    expect(parseQuery('OR OR goal OR').required).toEqual(words('goal'));
    expect(parseQuery('-goal OR reward').required).toEqual(words('reward'));
    expect(parseQuery('* - "" () -- NOT').required).toEqual([]);
  });

  it('reads an unclosed quote as a phrase running to the end', () => {
    expect(parseQuery('"mesa optimizer').required).toEqual([{ anyOf: [{ kind: 'phrase', text: 'mesa optimizer' }] }]);
  });

  it('accepts typographic quotes around phrases', () => {
    expect(parseQuery('\u201Cmesa optimizer\u201D').required).toEqual([
      { anyOf: [{ kind: 'phrase', text: 'mesa optimizer' }] },
    ]);
  });

  it('keeps at most MAX_TERMS terms of a pasted page', () => {
    const q = parseQuery(Array.from({ length: 500 }, (_, i) => `w${i}`).join(' '));
    expect(q.required).toHaveLength(MAX_TERMS);
  });

  it('drops repeated terms', () => {
    expect(parseQuery('goal goal -x -x').required).toEqual(words('goal'));
    expect(parseQuery('goal goal -x -x').excluded).toHaveLength(1);
  });
});

// Inputs that break naive query builders. None may throw, and what comes out must be made only of
// terms that still hold text.
const NASTY = [
  '',
  ' ',
  '"',
  '""',
  '"""',
  '" "',
  'AND',
  'OR',
  'NOT',
  'OR OR',
  'a OR OR b',
  'AND AND AND',
  '*',
  '**',
  'a*b*',
  '(',
  ')',
  '())(',
  'NEAR(',
  'NEAR(a b, 2)',
  '-',
  '--',
  '- - -',
  '-"',
  '-*',
  '^',
  '^a',
  'col:value',
  'text:goal',
  '{text}: goal',
  'a + b',
  "'; DROP TABLE passages; --",
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m',
  '\uD800',
  '\uDFFF\uD800',
  '🙂',
  '👨‍👩‍👧 goal',
  '\u202E reversed',
  '\uE000marker\uE001',
  'x'.repeat(10_000),
  '"'.repeat(999),
  '-'.repeat(5000) + 'x',
  Array.from({ length: 2000 }, () => 'a OR').join(' '),
  'thread:99999999999999999999',
  'thread:-1',
  'author:"',
  'author:"" goal',
  '-author:',
];

describe('parseQuery on malformed input', () => {
  it.each(NASTY.map((q) => [q.length > 40 ? `${q.slice(0, 40)}… (${q.length} chars)` : JSON.stringify(q), q]))(
    '%s parses to well-formed terms',
    (_label, q) => {
      const ast = parseQuery(q);
      for (const c of ast.required) {
        expect(c.anyOf.length).toBeGreaterThan(0);
        for (const t of c.anyOf) expect(t.text.trim()).not.toBe('');
      }
      for (const t of ast.excluded) expect(t.text.trim()).not.toBe('');
      expect(ast.required.length + ast.excluded.length).toBeLessThanOrEqual(MAX_TERMS);
    },
  );

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
      'a',
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
      '\\',
      "'",
      'x1',
    ];
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 3000; i++) {
      const n = Math.floor(random() * 14);
      const q = Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(() => parseQuery(q), JSON.stringify(q)).not.toThrow();
    }
  });
});

describe('match expressions', () => {
  it('quotes every piece so user text never reaches FTS5 operators', () => {
    expect(quote('say "hi"')).toBe('"say ""hi"""');
    expect(phrase('NEAR(a b)')).toBe('"NEAR(a b)"');
    expect(nativePrefix('ans')).toBe('"ans"*');
  });

  it('parenthesises compound parts', () => {
    expect(allOf(['"a"', anyOf(['"b"', '"c"'])])).toBe('("a" AND ("b" OR "c"))');
    expect(excluding('"a"', ['"b"', '"c"'])).toBe('("a") NOT ("b" OR "c")');
    expect(excluding('"a"', [])).toBe('"a"');
  });
});
