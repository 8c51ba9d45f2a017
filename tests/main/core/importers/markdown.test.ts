import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../src/main/core/importers/detect';
import { MarkdownParser } from '../../../../src/main/core/importers/markdown';
import type { Block } from '../../../../src/main/core/importers/types';

function parse(text: string, chunk = text.length): { blocks: string[]; title: string | undefined } {
  const parser = new MarkdownParser();
  const out: Block[] = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...parser.push(text.slice(i, i + chunk)));
  out.push(...parser.end());
  return {
    blocks: out.map((b) => (b.kind === 'boundary' ? '|' : `${b.kind === 'quote' ? '> ' : ''}${b.text}`)),
    title: parser.title,
  };
}

const THREAD = `# Inner optimizers and masks

## alice
I think the most key disagreement is this:
which in the case of our current systems is something like "be capable of answering".

- first point
- second point
  continues here

---

## bob
> I think the most key disagreement is this:
>
> second quoted paragraph

The model's training is not what determines the inner optimizer's cognition.

\`\`\`
code stays
  as it is
\`\`\`

Setext heading
--------------
1. numbered item
`;

describe('Markdown threads', () => {
  it('turns headings and rules into post boundaries, lists into passages, > into quotations', () => {
    const { blocks, title } = parse(THREAD);
    expect(title).toBe('Inner optimizers and masks');
    expect(blocks).toEqual([
      '|',
      'alice',
      'I think the most key disagreement is this: which in the case of our current systems is something like "be capable of answering".',
      'first point',
      'second point continues here',
      '|',
      '|',
      'bob',
      '> I think the most key disagreement is this:',
      '> second quoted paragraph',
      "The model's training is not what determines the inner optimizer's cognition.",
      'code stays\n  as it is',
      '|',
      'Setext heading',
      'numbered item',
    ]);
  });

  it('parses the same way whatever the chunk size', () => {
    const whole = parse(THREAD).blocks;
    for (const size of [1, 5, 64]) expect(parse(THREAD, size).blocks).toEqual(whole);
  });

  it('is detected from the extension, or from Markdown syntax in the content', () => {
    expect(detectFormat('notes.md', 'plain words')).toBe('markdown');
    expect(detectFormat('notes.txt', '# heading\n> quote\n- item')).toBe('text');
    expect(detectFormat('export', THREAD)).toBe('markdown');
    expect(detectFormat('export', 'Just prose.\nMore prose, one paragraph per line.\n')).toBe('text');
  });
});
