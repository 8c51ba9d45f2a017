import { describe, expect, it } from 'vitest';
import { quotedTextOf } from '../../../../src/main/core/export/escape';
import { stepHeading, trailToMarkdown } from '../../../../src/main/core/export/markdown';
import {
  allTokens,
  blockquoteText,
  commonmark,
  gfmish,
  headings,
  inlineText,
  inside,
  linkHrefs,
  readMarkdown,
} from './read-markdown';
import { HOSTILE, THREAD_URL, everyRelationTrail, step, trail } from './trails';

const EVIL_PERMALINK = 'https://evil.example/p/1%20with%20space%29%3Cx%3E%22?q=%281%29&lt;%5C';

describe('trailToMarkdown', () => {
  const t = everyRelationTrail();
  const markdown = trailToMarkdown(t);

  it('writes frontmatter that parses back to the same values', () => {
    const { frontmatter } = readMarkdown(markdown);
    expect(frontmatter).toEqual({
      title: t.title,
      created: t.createdAt,
      updated: t.updatedAt,
      tags: t.tags,
      sources: [
        { title: 'Simulators, constraints, and goal agnosticism', url: THREAD_URL },
        // A javascript: source is neither a link nor a file; a file keeps its name, not its folders.
        { title: 'Evil ]( thread [title] <b>bold</b> `tick` # | ---' },
        { title: 'A thread that was deleted', file: 'deleted thread.txt' },
      ],
    });
    expect(markdown).not.toContain('/home/someone');
  });

  for (const [name, md] of [
    ['CommonMark', commonmark],
    ['markdown-it default (tables, strikethrough)', gfmish],
  ] as const) {
    it(`has one h1, one heading per step in order and each passage as one literal blockquote (${name})`, () => {
      const { tokens } = readMarkdown(markdown, md);
      const hs = headings(tokens);
      expect(hs.filter(([tag]) => tag === 'h1')).toEqual([['h1', 'Goal slots: "masks" vs. #optimizers --- and more']]);
      expect(hs.filter(([tag]) => tag === 'h2').map(([, text]) => text)).toEqual([
        '1.',
        '2. Rebuts step 1',
        '3. Supports step 2',
        '4. Clarifies step 2',
        '5. Concedes step 3',
        '6. Asks about step 5',
        '7. Answers step 6',
        '8. Quotes step 7',
        '9. Rebuts step 8',
      ]);
      // The description's and the notes' own headings sit below the steps.
      expect(hs.filter(([tag]) => tag !== 'h1' && tag !== 'h2')).toEqual([
        ['h3', 'Overview'],
        ['h3', 'My own heading'],
        ['h4', 'Why'],
        ['h4', 'Not a heading, inside the fence'],
      ]);

      const stepStarts = tokens.flatMap((tok, i) => (tok.type === 'heading_open' && tok.tag === 'h2' ? [i] : []));
      stepStarts.forEach((start, n) => {
        const s = t.steps[n]!;
        const end = stepStarts[n + 1] ?? tokens.length;
        const section = tokens.slice(start + 3, end);
        expect(section[0]!.type, `step ${s.position}`).toBe('blockquote_open');
        expect(section.filter((tok) => tok.type === 'blockquote_open' && tok.level === 0)).toHaveLength(1);
        const quote = inside(section, 0);
        expect(new Set(quote.map((tok) => tok.type))).toEqual(new Set(['paragraph_open', 'inline', 'paragraph_close']));
        for (const tok of quote.filter((q) => q.type === 'inline')) {
          expect(new Set(tok.children!.map((c) => c.type))).toEqual(
            new Set(
              tok.children!.map((c) => c.type).filter((type) => ['text', 'softbreak', 'hardbreak'].includes(type)),
            ),
          );
        }
        expect(blockquoteText(quote)).toBe(quotedTextOf(s.cited.text));
      });

      expect(allTokens(tokens).filter((tok) => tok.type === 'html_block' || tok.type === 'html_inline')).toEqual([]);
      expect(allTokens(tokens).filter((tok) => tok.type === 'table_open' || tok.type === 's_open')).toEqual([]);
    });
  }

  it('keeps the hostile passage literal: every line, blank lines as one paragraph break', () => {
    const hostile = t.steps[7]!;
    expect(hostile.cited.text).toBe(HOSTILE);
    const { tokens } = readMarkdown(markdown);
    const quotes = tokens.flatMap((tok, i) => (tok.type === 'blockquote_open' && tok.level === 0 ? [i] : []));
    const text = blockquoteText(inside(tokens, quotes[7]!));
    expect(text.split('\n')).toContain('<script>alert(1)</script>');
    expect(text.split('\n')).toContain('&lt;not a tag&gt; &amp; &#60; &#x3C; &copy;');
    expect(text.split('\n')).toContain(
      '[link](javascript:alert(1)) ![img](http://evil.example/x.png) [ref][r] [[wiki]] ![[embed]]',
    );
    expect(text).toContain('\n\nA second paragraph after blank lines');
    const html = commonmark.render(readMarkdown(markdown).body);
    expect(html).not.toMatch(/<(script|img|b)[\s>]/);
    expect(html).not.toMatch(/href="(?!https?:)/);
  });

  it('links only the thread addresses and permalinks, never another scheme', () => {
    const { tokens } = readMarkdown(markdown);
    expect(linkHrefs(tokens)).toEqual([
      THREAD_URL,
      `${THREAD_URL}?commentId=c11`,
      THREAD_URL,
      THREAD_URL,
      `${THREAD_URL}?commentId=c16`,
      THREAD_URL,
      THREAD_URL,
      THREAD_URL,
      THREAD_URL,
      EVIL_PERMALINK,
    ]);
  });

  it('attributes each passage, with the source’s deletion shown', () => {
    const { tokens } = readMarkdown(markdown);
    const paragraphsAfterQuotes = tokens
      .flatMap((tok, i) => (tok.type === 'blockquote_close' && tok.level === 0 ? [tokens[i + 2]!] : []))
      .map(inlineText);
    expect(paragraphsAfterQuotes[0]).toBe(
      '— Max H · Simulators, constraints, and goal agnosticism · 2023-03-14 · permalink',
    );
    expect(paragraphsAfterQuotes[7]).toBe(
      '— Mallory <img src=x onerror=alert(1)> [x](javascript:alert(1)) * · ' +
        'Evil ]( thread [title] <b>bold</b> `tick` # | --- · 2024-01-01 · permalink',
    );
    expect(paragraphsAfterQuotes[8]).toBe('— A thread that was deleted · ⚠ source deleted (the text is kept as cited)');
  });

  it('shows the stance with its marker and confidence', () => {
    const { tokens } = readMarkdown(markdown);
    const stances = tokens
      .filter((tok) => tok.type === 'inline' && tok.content.startsWith('**Stance:**'))
      .map(inlineText);
    expect(stances).toEqual([
      'Stance: ◐ partly (55 %)',
      'Stance: ✓ agree (80 %)',
      'Stance: ✓ agree',
      'Stance: ✗ disagree (20 %)',
      'Stance: ? unsure',
      'Stance: ✗ disagree (100 %)',
    ]);
  });

  it('keeps a note’s Markdown but not its unclosed fence, which would eat the next steps', () => {
    expect(markdown).toContain('The **claim** I want to test.\n\n### My own heading\n\nA paragraph.');
    expect(markdown).toContain('#### Why\n\n\\```ts\nconst unclosed = true;');
    const { tokens } = readMarkdown(markdown);
    expect(tokens.filter((tok) => tok.type === 'fence' || tok.type === 'code_block')).toEqual([]);
  });

  it('writes an empty trail and an empty passage', () => {
    const empty = trailToMarkdown(trail([], { title: '', tags: [] }));
    expect(empty).toBe(
      '---\ntitle: ""\ncreated: "2024-05-01T10:00:00.000Z"\nupdated: "2024-05-02T18:30:00.000Z"\n' +
        'tags: []\nsources: []\n---\n\n# Untitled trail\n',
    );
    const blank = trailToMarkdown(trail([step(1, null, null, { text: '  \n\n ', author: null, postedAt: null })]));
    const { tokens } = readMarkdown(blank);
    const open = tokens.findIndex((tok) => tok.type === 'blockquote_open');
    expect(inside(tokens, open)).toEqual([]);
  });

  it('labels a relation with no target and a later step with no relation', () => {
    expect(stepHeading(step(3, 'asks', null, {}))).toBe('3. Asks about');
    expect(stepHeading(step(4, null, null, {}))).toBe('4.');
  });
});
