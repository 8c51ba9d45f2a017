import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalize, normalizeWithMap, originalSpan } from '../../../../src/main/core/text/normalize';
import { FIXTURES } from '../../../helpers/library';
import { seededRandom } from '../../../helpers/random';

describe('normalize', () => {
  it('ignores what a reader ignores: case, whitespace runs, curly quotes, ellipses, dashes', () => {
    expect(normalize('  The model’s  “training/optimization”…\tis — not\u00A0it ')).toBe(
      `the model's "training/optimization"... is - not it`,
    );
  });

  it('gives the same text as the mapped version on every line of a real thread', () => {
    const lines = fs.readFileSync(path.join(FIXTURES, 'seed-thread.txt'), 'utf8').split('\n');
    for (const line of [...lines, 'ΣΟΦΟΣ σοφός', 'İstanbul', 'a\u200Bb', '']) {
      expect(normalizeWithMap(line).text).toBe(normalize(line));
    }
  });

  it('gives the same text as the mapped version for every character it treats specially, anywhere', () => {
    // Every character normalising treats specially, among plain letters, at either end and doubled.
    const special = [
      ' ',
      '\t',
      '\n',
      '\r',
      '\u00A0',
      '\u2003',
      '\u3000',
      '\uFEFF',
      '\u200B',
      '\u2026',
      '`',
      '\u2018',
      '\u2019',
      '\u201C',
      '\u201D',
      '\u00AB',
      '\u00BB',
      '\u2013',
      '\u2014',
      '\u2212',
      '\u03C2',
      '\u03A3',
      '\u0001',
    ];
    const plain = ['a', 'Z', 'é', 'İ', 'Σ', '.', '"', "'", '-', '9', 'ß', '中'];
    const random = seededRandom(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    for (let n = 0; n < 5000; n++) {
      const length = Math.floor(random() * 8);
      let text = '';
      for (let i = 0; i < length; i++) text += random() < 0.3 ? pick(special) : pick(plain);
      expect(normalize(text), JSON.stringify(text)).toBe(normalizeWithMap(text).text);
    }
  });

  it('maps a span of the normalised text back to the original characters', () => {
    const original = 'Likewise,  the heuristics/”adaptations” that… coalesced';
    const n = normalizeWithMap(original);
    const start = n.text.indexOf('"adaptations"');
    const span = originalSpan(n, start, start + '"adaptations"'.length);
    expect(original.slice(span.start, span.end)).toBe('”adaptations”');
    const dots = n.text.indexOf('...');
    const dotsSpan = originalSpan(n, dots, dots + 3);
    expect(original.slice(dotsSpan.start, dotsSpan.end)).toBe('…');
  });
});
