import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hnMarkupBlocks, hnTextToBlocks } from '../../../../../src/main/core/importers/hackernews/hn-text';
import { htmlToBlocks } from '../../../../../src/main/core/importers/html-text';
import { seededRandom } from '../../../../helpers/random';

const FIXTURES = path.join(__dirname, '../../../../fixtures/hackernews');

/** Every comment text of the HNPWA and Algolia fixtures. */
function fixtureTexts(): string[] {
  const texts: string[] = [];
  const walk = (item: Record<string, unknown>): void => {
    for (const key of ['content', 'text']) if (typeof item[key] === 'string') texts.push(item[key]);
    for (const key of ['comments', 'children']) {
      const replies = item[key];
      if (Array.isArray(replies)) for (const reply of replies) walk(reply as Record<string, unknown>);
    }
  };
  for (const name of ['hn-25015967-biden-wins-hnpwa.json', 'hn-algolia-items-17.json']) {
    walk(JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as Record<string, unknown>);
  }
  return texts;
}

/** The markup HN writes reads as the HTML parser reads it, or is left to the parser. */
function expectLikeHtmlParser(html: string): boolean {
  const fast = hnMarkupBlocks(html);
  if (fast !== undefined) expect(fast, html).toEqual(htmlToBlocks(html));
  return fast !== undefined;
}

const PIECES = [
  'word',
  ' ',
  '  ',
  '\n',
  '\r\n',
  '\t',
  '\f',
  '\v',
  '\u00a0',
  '&nbsp;',
  '&#x27;',
  '&#x2F;',
  '&#10;',
  '&#0;',
  '&#x110000;',
  '&#128;',
  '&amp;',
  '&amp',
  '&lt;',
  '&gt;',
  '&quot;',
  '&apos;',
  '&notit;',
  '&copy;',
  '&',
  '>',
  '> ',
  '<',
  '<p>',
  '<p>',
  '</p>',
  '<i>',
  '</i>',
  '<b>',
  '<pre><code>',
  '</code></pre>',
  '<a href="https:&#x2F;&#x2F;e.org&#x2F;x" rel="nofollow">',
  '<a href="https://e.org/x" rel="nofollow">',
  '<a href="item?id=1" rel="nofollow">',
  '<a href="" rel="nofollow">',
  '<a href="https://e.org/&amp;x" rel="nofollow">',
  '<a href="mailto:a@b.c" rel="nofollow">',
  '</a>',
  'https://e.org/x',
  'https:&#x2F;&#x2F;e.org&#x2F;x',
  'https://e.org/x...',
  'é😀',
  '\u0000',
];

describe('Hacker News markup without an HTML parser', () => {
  it('reads every comment of the fixtures as the HTML parser does', () => {
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(2000);
    const fast = texts.filter(expectLikeHtmlParser).length;
    // Only the few comments with code (<pre>) are left to the parser.
    expect(fast).toBeGreaterThan(texts.length - 10);
  });

  it('reads links, italics, entities and whitespace as the HTML parser does', () => {
    for (const html of [
      '',
      'plain',
      'a<p>b<p><p>c',
      '<p>starts with a paragraph tag',
      '&gt; quoted line<p>answer',
      'see <a href="https:&#x2F;&#x2F;e.org&#x2F;a" rel="nofollow">https:&#x2F;&#x2F;e.org&#x2F;a</a>.',
      'see <a href="https:&#x2F;&#x2F;e.org&#x2F;a&#x2F;long" rel="nofollow">https:&#x2F;&#x2F;e.org&#x2F;a...</a>',
      'named <a href="https://e.org" rel="nofollow"> the site </a> here',
      'empty <a href="https://e.org" rel="nofollow"></a> link',
      'relative <a href="item?id=1" rel="nofollow">item</a>',
      '<i>emphasis</i> and <i>more  spaced\n text</i>',
      'line\nbreaks\r\n and\ttabs &#10; and&nbsp;&nbsp;nbsp',
      '&#0; &#x110000; &#128; &#xD800;',
    ]) {
      expect(expectLikeHtmlParser(html), html).toBe(true);
    }
    for (const html of [
      'code:<p><pre><code>  x = 1\n</code></pre>',
      'a < b',
      '<b>bold</b>',
      '<i>unclosed<p>paragraph',
      '<i>a<p>b</i>c', // the parser ends the paragraph with the italics: "a", "b", "c"
      'stray</i>',
      '<a href="https://e.org" rel="nofollow">no end',
      '<a href="https://e.org" rel="nofollow"><i>x</i></a>',
      'legacy &amp entity',
      '&notit; entity',
    ]) {
      expect(expectLikeHtmlParser(html), html).toBe(false);
    }
  });

  it('agrees with the HTML parser on random markup', () => {
    const next = seededRandom(11_2026);
    let fast = 0;
    for (let i = 0; i < 5000; i++) {
      const html = Array.from(
        { length: 1 + Math.floor(next() * 12) },
        () => PIECES[Math.floor(next() * PIECES.length)],
      ).join('');
      if (expectLikeHtmlParser(html)) fast++;
    }
    expect(fast).toBeGreaterThan(500);
  });

  it('still turns paragraphs opening with ">" into quotations (a line break in the source is a space)', () => {
    expect(hnTextToBlocks('&gt; what was said<p>&gt;&gt; nested\n&gt; lines<p>the answer')).toEqual([
      { kind: 'quote', text: 'what was said' },
      { kind: 'quote', text: 'nested > lines' },
      { kind: 'paragraph', text: 'the answer' },
    ]);
  });
});
