import { describe, expect, it } from 'vitest';
import { FingerprintWindow } from '../../../../src/main/core/quotes/fingerprint-window';
import { PassageIndex } from '../../../../src/main/core/quotes/passage-index';
import { normalize } from '../../../../src/main/core/text/normalize';

describe('fingerprint window', () => {
  it('keeps the last one to two generations of passages, in ascending order', () => {
    const w = new FingerprintWindow(4, 16);
    for (let passage = 0; passage < 10; passage++) w.add(7, passage);
    // Generations began at 0, 4 and 8: the one from 0 is gone.
    expect(w.get(7)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(w.count(7)).toBe(6);
    expect(w.get(8)).toEqual([]);
    expect(w.count(8)).toBe(0);
  });

  it('says a key is full when either generation stopped taking values for it', () => {
    const w = new FingerprintWindow(4, 16, 2);
    for (let passage = 0; passage < 3; passage++) w.add(1, passage);
    expect(w.isFull(1)).toBe(true);
    expect(w.get(1)).toEqual([0, 1]);
    w.add(2, 4);
    expect(w.isFull(1)).toBe(true);
    w.add(2, 8);
    expect(w.isFull(1)).toBe(false);
  });
});

// Sentences from the LessWrong debate in tests/fixtures/seed-thread.txt, each passage one of them with its number.
const SENTENCES = [
  'The trained model likely contains one or more optimizers optimized by that training',
  'All this points to mask-level goals and does not provide a reason to believe in non-mask goals',
  'The model’s training, as characterized by the outer loss, is not what determines the inner optimizer’s cognition',
];
const passage = (i: number): string =>
  normalize(`Passage ${i}: ${SENTENCES[i % SENTENCES.length]}, said the ${i}th commenter.`);

describe('passage index over a long thread', () => {
  const texts = Array.from({ length: 40 }, (_, i) => passage(i));
  const index = new PassageIndex((i) => texts[i]!, 8);
  for (const text of texts) index.add(text);

  it('finds quotations of recent passages only', () => {
    const quoted = (i: number): string => texts[i]!.slice(0, texts[i]!.lastIndexOf(', said'));
    const recent = quoted(35);
    expect(index.findContaining(recent)?.target).toBe(35);
    const old = quoted(2);
    expect(index.findContaining(old)).toBeUndefined();
    expect(index.findContained(`${texts[36]} And more.`).map((c) => c.target)).toEqual([36]);
    expect(index.findContained(`${texts[3]} And more.`)).toEqual([]);
  });

  it('still knows every passage’s whole text, so that none is stored twice', () => {
    expect(index.findExact(texts[0]!)).toBe(0);
    expect(index.findExact(texts[39]!)).toBe(39);
  });
});
