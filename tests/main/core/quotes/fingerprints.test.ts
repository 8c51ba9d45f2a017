import { describe, expect, it } from 'vitest';
import { FingerprintTable } from '../../../../src/main/core/quotes/fingerprint-table';
import {
  GUARANTEED_WORDS,
  kgramHashes,
  TextAnalysis,
  textFingerprint,
  winnow,
  WINDOW,
} from '../../../../src/main/core/quotes/fingerprints';

function randomWords(n: number, seed: number): string[] {
  let s = seed;
  const next = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
  return Array.from({ length: n }, () => `w${next() % 5000}`);
}

describe('winnowing fingerprints', () => {
  it('any shared run of the guaranteed length shares a fingerprint, wherever it sits', () => {
    for (let trial = 0; trial < 300; trial++) {
      const source = randomWords(80, trial + 1);
      const at = trial % (source.length - GUARANTEED_WORDS);
      const run = source.slice(at, at + GUARANTEED_WORDS);
      const other = [...randomWords(trial % 7, trial + 1000), ...run, ...randomWords(trial % 5, trial + 2000)];
      const a = new Set(winnow(source));
      expect([...winnow(other)].some((f) => a.has(f))).toBe(true);
    }
  });

  it('keeps well under one fingerprint per word', () => {
    const words = randomWords(10_000, 7);
    expect(winnow(words).length / words.length).toBeLessThan(0.6);
  });
});

/** Winnowing as defined: every window's minimum, each distinct value once, in order of first selection. */
function naiveWinnow(hashes: Uint32Array): number[] {
  const picked: number[] = [];
  const windows = Math.max(1, hashes.length - WINDOW + 1);
  for (let i = 0; i < windows && hashes.length > 0; i++) {
    const min = Math.min(...hashes.subarray(i, i + WINDOW));
    if (!picked.includes(min)) picked.push(min);
  }
  return picked;
}

describe('text analysis', () => {
  it('gives what the one-question functions give, for texts with repeated phrases short and long', () => {
    const analysis = new TextAnalysis();
    for (let trial = 0; trial < 200; trial++) {
      // A small vocabulary repeats four-word runs, so a fingerprint is selected again after others.
      const words = randomWords(trial < 150 ? trial % 60 : 600 + trial * 7, trial + 1).map(
        (w) => `w${Number(w.slice(1)) % 9}`,
      );
      const text = words.join(' ');
      const a = analysis.analyze(text);
      expect(a.words).toBe(text === '' ? 1 : words.length);
      expect(a.whole).toBe(textFingerprint(text));
      expect([...a.kgrams.subarray(0, a.kgramCount)]).toEqual([...kgramHashes(words)]);
      const { values, count } = a.fingerprints();
      expect([...values.subarray(0, count)]).toEqual(naiveWinnow(kgramHashes(words)));
      expect([...winnow(words)]).toEqual(naiveWinnow(kgramHashes(words)));
    }
  });
});

describe('fingerprint table', () => {
  it('stores many values per key, grows, and stops taking values past its per-key cap', () => {
    const t = new FingerprintTable(16, 5);
    for (let i = 0; i < 1000; i++) t.add(i * 7919, i);
    for (let i = 0; i < 10; i++) t.add(42, 2000 + i);
    t.add(42, 2000);
    expect(t.get(7919 * 3)).toEqual([3]);
    expect(t.get(42)).toEqual([2000, 2001, 2002, 2003, 2004]);
    expect(t.count(42)).toBe(5);
    expect(t.isFull(42)).toBe(true);
    expect(t.count(7919)).toBe(1);
    expect(t.get(123456789)).toEqual([]);
  });

  it('answers as a map of lists would, for keys held and not, through growing and clearing', () => {
    const t = new FingerprintTable(16);
    const expected = new Map<number, number[]>();
    let seed = 12345;
    const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const check = (): void => {
      for (const [key, values] of expected) expect(t.get(key)).toEqual(values);
      for (let i = 0; i < 2000; i++) {
        const key = random();
        expect(t.count(key)).toBe(expected.get(key)?.length ?? 0);
      }
    };
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 20_000; i++) {
        const key = random() % 5000 === 0 ? 7 : random();
        t.add(key, i);
        expected.set(key, [...(expected.get(key) ?? []), i]);
      }
      check();
      t.clear();
      expected.clear();
      check();
    }
  });
});
