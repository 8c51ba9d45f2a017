import { describe, expect, it } from 'vitest';
import { inlineText, redditMarkdownToBlocks } from '../../../../src/main/core/importers/reddit/markdown-body';

describe('Reddit Markdown bodies', () => {
  it('splits paragraphs on blank lines and joins wrapped lines, decoding the API’s entities', () => {
    expect(redditMarkdownToBlocks('One &amp; two\nstill one\n\nQ&amp;A &lt;3 it&#x27;s')).toEqual([
      { kind: 'paragraph', text: 'One & two still one' },
      { kind: 'paragraph', text: "Q&A <3 it's" },
    ]);
    expect(redditMarkdownToBlocks('line one  \nline two')).toEqual([{ kind: 'paragraph', text: 'line one\nline two' }]);
  });

  it('reads `>` lines (escaped as &gt;) as quotations, even when they interrupt a paragraph', () => {
    expect(redditMarkdownToBlocks('&gt; quoted line\n&gt; continues\n&gt;\n&gt; second quoted\n\nMy answer')).toEqual([
      { kind: 'quote', text: 'quoted line continues' },
      { kind: 'quote', text: 'second quoted' },
      { kind: 'paragraph', text: 'My answer' },
    ]);
    expect(redditMarkdownToBlocks('As they said\n&gt;&gt; nested quote')).toEqual([
      { kind: 'paragraph', text: 'As they said' },
      { kind: 'quote', text: 'nested quote' },
    ]);
    // Reddit renders a line right under a quotation as part of it (lazy continuation).
    expect(redditMarkdownToBlocks('&gt; quoted\nstill quoted\n\nanswer')).toEqual([
      { kind: 'quote', text: 'quoted still quoted' },
      { kind: 'paragraph', text: 'answer' },
    ]);
  });

  it('makes list items, headings and table rows passages of their own; rules are not text', () => {
    expect(
      redditMarkdownToBlocks(
        'Points:\n\n* first\n* second\n  wrapped\n1. third\n\n## Heading ##\n\n---\n\n|a|b|\n|:-|-:|\n|1|2|',
      ),
    ).toEqual([
      { kind: 'paragraph', text: 'Points:' },
      { kind: 'paragraph', text: 'first' },
      { kind: 'paragraph', text: 'second wrapped' },
      { kind: 'paragraph', text: 'third' },
      { kind: 'paragraph', text: 'Heading' },
      { kind: 'paragraph', text: 'a | b' },
      { kind: 'paragraph', text: '1 | 2' },
    ]);
  });

  it('keeps fenced and indented code whole, markup inside it untouched', () => {
    expect(
      redditMarkdownToBlocks('Code:\n\n```\nx = *a*\n  y\n```\n\n    def f():\n        return 1\n\nafter'),
    ).toEqual([
      { kind: 'paragraph', text: 'Code:' },
      { kind: 'paragraph', text: 'x = *a*\n  y' },
      { kind: 'paragraph', text: 'def f():\n    return 1' },
      { kind: 'paragraph', text: 'after' },
    ]);
  });

  it('drops inline markup as the rendered page does, writing links as text (url)', () => {
    expect(inlineText('**bold** and *it* and _em_ and ~~gone~~ and `co*de*`')).toBe(
      'bold and it and em and gone and co*de*',
    );
    expect(
      inlineText('[the docs](https://example.org/a_(b)) and [https://x.org](https://x.org) and [sub](/r/python)'),
    ).toBe('the docs (https://example.org/a_(b)) and https://x.org and sub');
    expect(inlineText('2 * 3 * 4 and snake_case_name and \\*not italic\\*')).toBe(
      '2 * 3 * 4 and snake_case_name and *not italic*',
    );
  });

  it('gives nothing for an empty body', () => {
    expect(redditMarkdownToBlocks('')).toEqual([]);
    expect(redditMarkdownToBlocks('\n\n  \n')).toEqual([]);
  });
});
