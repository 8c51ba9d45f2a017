import { describe, expect, it } from 'vitest';
import { createScorer, idf } from '../../../../src/main/core/search/scorer';
import { makeSnippet } from '../../../../src/main/core/search/snippet';
import { marked } from './build';

const word = (...forms: string[]) => ({ kind: 'sequence' as const, slots: [forms] });

describe('makeSnippet', () => {
  it('marks every written form of a term, whole words only', () => {
    const s = makeSnippet('Optimizers optimize; an optimizer is optimal. Reoptimize later.', [
      word('optimizer', 'optimizers', 'optimize'),
    ]);
    expect(marked(s)).toEqual(['optimizers', 'optimize', 'optimizer']);
  });

  it('marks a phrase as one span across punctuation, as FTS5 reads it', () => {
    const s = makeSnippet('The report was plain, and the model was not.', [
      { kind: 'sequence', slots: [['plain'], ['and']] },
    ]);
    expect(marked(s)).toEqual(['plain, and']);
  });

  it('marks prefixes', () => {
    expect(
      marked(makeSnippet('Simulacra, simulators and a simulation.', [{ kind: 'prefix', prefix: 'simul' }])),
    ).toEqual(['simulacra', 'simulators', 'simulation']);
  });

  it('folds case and diacritics like the index, keeping the original text', () => {
    const s = makeSnippet('Le CAFÉ était naïf. Ελληνικά ΣΟΦΊΑ.', [word('cafe'), word('naif'), word('σοφια')]);
    expect(s).toBe('Le \uE000CAFÉ\uE001 était \uE000naïf\uE001. Ελληνικά \uE000ΣΟΦΊΑ\uE001.');
  });

  it('cuts a long passage to a window around the matches, on word boundaries', () => {
    const filler = 'Nothing of interest is said in this sentence at all. ';
    const text = filler.repeat(12) + 'Here the mesa optimizer appears. ' + filler.repeat(12);
    const s = makeSnippet(text, [word('optimizer')]);
    expect(s.length).toBeLessThanOrEqual(300);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(marked(s)).toEqual(['optimizer']);
    expect(s).toMatch(/… ?\w/);
  });

  it('drops marker characters found in the text itself', () => {
    expect(makeSnippet('A \uE000fake\uE001 goal.', [word('goal')])).toBe('A fake \uE000goal\uE001.');
  });
});

describe('JavaScript BM25', () => {
  const corpus = { passages: 1000, meanChars: 60 };

  it('prefers more occurrences, shorter passages and rarer terms', () => {
    const score = createScorer([{ pattern: word('goal'), passages: 10 }], corpus);
    expect(score('goal goal goal in a short one')).toBeGreaterThan(score('one goal in a short one'));
    expect(score('a goal here')).toBeGreaterThan(score(`a goal here ${'and much more text '.repeat(10)}`));
    const rare = createScorer([{ pattern: word('mesa'), passages: 3 }], corpus);
    expect(rare('mesa')).toBeGreaterThan(score('goal'));
    expect(score('nothing relevant')).toBe(0);
  });

  it('gives terms in over half the passages a token weight, as FTS5 does', () => {
    expect(idf(1000, 900)).toBe(1e-6);
    expect(idf(1000, 10)).toBeCloseTo(Math.log(990.5 / 10.5));
  });
});
