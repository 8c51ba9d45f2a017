import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalize, normalizeWithMap, originalSpan } from '../../../../src/main/core/text/normalize';
import { FIXTURES } from '../../../helpers/library';

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
