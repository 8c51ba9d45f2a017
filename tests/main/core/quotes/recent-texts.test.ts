import { describe, expect, it } from 'vitest';
import { RecentTexts } from '../../../../src/main/core/quotes/recent-texts';

describe('RecentTexts (a window of texts kept outside the heap)', () => {
  it('gives back each text as it was added, ASCII or not, lone surrogates included', () => {
    const texts = new RecentTexts();
    const samples = ['plain words', '', 'naïve café — “quoted”', '🙂 and \ud800 alone', 'x'.repeat(100_000)];
    samples.forEach((t, i) => texts.add(i, t));
    samples.forEach((t, i) => expect(texts.get(i)).toBe(t));
    expect(texts.get(samples.length)).toBeUndefined();
  });

  it('forgets whole segments before a passage, and only those', () => {
    const texts = new RecentTexts();
    for (let i = 0; i < 10_000; i++) texts.add(i, `passage ${i}`);
    texts.forgetBefore(9_000);
    // Segments of 4,096 passages: the first two end before 9,000; the third holds it.
    expect(texts.get(0)).toBeUndefined();
    expect(texts.get(8_191)).toBeUndefined();
    expect(texts.get(8_192)).toBe('passage 8192');
    expect(texts.get(9_999)).toBe('passage 9999');
    // A segment's room is used again.
    for (let i = 10_000; i < 20_000; i++) texts.add(i, `passage ${i} again`);
    expect(texts.get(19_999)).toBe('passage 19999 again');
    expect(texts.get(12_345)).toBe('passage 12345 again');
  });
});
