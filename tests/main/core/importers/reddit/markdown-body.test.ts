import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { redditMarkdownToBlocks } from '../../../../../src/main/core/importers/reddit/markdown-body';
import { seededRandom } from '../../../../helpers/random';

const FIXTURES = path.join(__dirname, '../../../../fixtures/reddit');

/** Every comment body and self text in the Reddit fixtures. */
function fixtureBodies(): string[] {
  const bodies: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== 'object') return;
    for (const [key, field] of Object.entries(value)) {
      if ((key === 'body' || key === 'selftext') && typeof field === 'string') bodies.push(field);
      else walk(field);
    }
  };
  for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.json'))) {
    walk(JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')));
  }
  return bodies;
}

/**
 * A body of one line takes a shortcut; the same line followed by a line break takes the general
 * path, which reads it the same way.
 */
function expectShortcutLikeGeneralPath(line: string): void {
  expect(redditMarkdownToBlocks(line), JSON.stringify(line)).toEqual(redditMarkdownToBlocks(`${line}\n`));
}

const PIECES = [
  'word',
  ' ',
  '  ',
  '\t',
  '\u00a0',
  '*',
  '**',
  '_',
  '~~',
  '`',
  '\\',
  '[a](https://e.org)',
  '[b]',
  '(c)',
  '&amp;',
  '&gt;',
  '&lt;',
  '>',
  '#',
  '-',
  '+',
  '1.',
  '2)',
  '|',
  '=',
  '---',
  'é😀',
  'https://e.org',
  '^',
  '!',
];

describe('Reddit bodies of one line', () => {
  it('read as the general path reads them, for every body of the fixtures', () => {
    const bodies = fixtureBodies();
    expect(bodies.length).toBeGreaterThan(400);
    for (const body of bodies) if (!/[\r\n]/.test(body)) expectShortcutLikeGeneralPath(body);
  });

  it('read as the general path reads them, whatever the line holds', () => {
    const next = seededRandom(27_11);
    for (let i = 0; i < 5000; i++) {
      const line = Array.from(
        { length: 1 + Math.floor(next() * 8) },
        () => PIECES[Math.floor(next() * PIECES.length)],
      ).join('');
      expectShortcutLikeGeneralPath(line);
    }
  });
});
