import { describe, expect, it } from 'vitest';
import { isCruxError } from '../../../../src/main/core/errors';
import { markdownToNote, noteToMarkdown, parseNoteState } from '../../../../src/main/core/notes';
import { cited, PASSAGES, permalinkOf, refs, THREAD_TITLE } from './debate';
import { blocks, render, visibleText } from './render';

/** A note on the seed thread, written the way noteToMarkdown writes it. */
const NOTE = [
  '# Does training shape the inner optimizer?',
  '',
  'Bob says the *outer loss* does **not** determine what the inner optimizer wants; see [[trail:3]] and the `goal slot` idea.',
  '',
  '[[passage:12]]',
  '',
  '## What would settle it',
  '',
  '1. Whether a goal slot is more parsimonious',
  '2. The evolutionary analogy:',
  '    - evolution is to training',
  '    - as human goals are to *the mask*',
  '3. Whether heuristics are oriented towards answering',
  '',
  '- reread the [original post](https://www.lesswrong.com/posts/seed/mask-goals)',
  '- ask for a concrete example',
  '',
  '> power seeking would come as a mask goal',
  '> and not as a hidden goal',
  '',
  '```python',
  'def loss(model):',
  "    return model.answer != truth  # not the optimizer's goal",
  '```',
  '',
  '[[passage:9:0-59]]',
].join('\n');

interface Node {
  type: string;
  children?: Node[];
  [field: string]: unknown;
}

function rootOf(state: string): Node {
  return (JSON.parse(state) as { root: Node }).root;
}

/** A note's state made of paragraphs holding `texts`, as the desktop editor would store them. */
function paragraphs(...texts: string[]): string {
  const children = texts.map((text) => ({
    type: 'paragraph',
    version: 1,
    children: [{ type: 'text', version: 1, text, format: 0 }],
  }));
  return parseNoteState(JSON.stringify({ root: { type: 'root', version: 1, children } }));
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('markdownToNote and back', () => {
  it('reads every kind of block and writes the note back byte for byte', () => {
    const { state } = markdownToNote(NOTE, refs);
    const root = rootOf(state);
    expect(root.children!.map((node) => node.type)).toEqual([
      'heading',
      'paragraph',
      'passage-reference',
      'heading',
      'list',
      'list',
      'quote',
      'code',
      'passage-reference',
    ]);
    const [h1, paragraph, , , ordered, bullets, , code] = root.children!;
    expect([h1!.tag, root.children![3]!.tag]).toEqual(['h1', 'h2']);
    expect(paragraph!.children!.map((n) => [n.type, n.text ?? n.title, n.format ?? 0])).toEqual([
      ['text', 'Bob says the ', 0],
      ['text', 'outer loss', 2],
      ['text', ' does ', 0],
      ['text', 'not', 1],
      ['text', ' determine what the inner optimizer wants; see ', 0],
      ['trail-reference', 'Mask goals', 0],
      ['text', ' and the ', 0],
      ['text', 'goal slot', 16],
      ['text', ' idea.', 0],
    ]);
    expect([ordered!.listType, bullets!.listType]).toEqual(['number', 'bullet']);
    const nested = ordered!.children![2]!.children![0]!;
    expect([nested.type, nested.listType, nested.children!.length]).toEqual(['list', 'bullet', 2]);
    expect(bullets!.children![0]!.children![1]).toMatchObject({
      type: 'link',
      url: 'https://www.lesswrong.com/posts/seed/mask-goals',
    });
    expect(code).toMatchObject({ type: 'code', language: 'python' });

    const markdown = noteToMarkdown(state);
    expect(markdown).toBe(NOTE);
    expect(noteToMarkdown(markdownToNote(markdown, refs).state)).toBe(NOTE);
  });

  it('writes loosely written Markdown in one form, which then stays as it is', () => {
    const loose = [
      'Setext titles are not read as headings',
      '===',
      '',
      '* starred item',
      '+ plus item',
      '',
      '__strong__ and _emphasised_ words,   spaced out',
      '  two leading spaces stay',
      '',
      '',
      '',
      '> quoted\r\n> on two lines',
    ].join('\n');
    const once = noteToMarkdown(markdownToNote(loose, refs).state);
    expect(once).toBe(
      [
        'Setext titles are not read as headings',
        '\\===',
        '',
        '- starred item',
        '- plus item',
        '',
        '**strong** and *emphasised* words,   spaced out',
        '&#32;&#32;two leading spaces stay',
        '',
        '> quoted',
        '> on two lines',
      ].join('\n'),
    );
    expect(noteToMarkdown(markdownToNote(once, refs).state)).toBe(once);
  });

  it('keeps a snapshot of what a passage reference showed, and the title of a referenced trail', () => {
    const start = PASSAGES[8]!.indexOf('this power seeking');
    const end = PASSAGES[8]!.indexOf(' and not as a hidden goal');
    const { state } = markdownToNote(`[[passage:9:${start}-${end}]]\n\nas in [[trail:5]]`, refs);
    const [reference, paragraph] = rootOf(state).children!;
    expect(reference).toMatchObject({
      type: 'passage-reference',
      passageId: 9,
      span: { start, end },
      text: 'this power seeking would come as a mask goal',
      author: 'alice',
      threadTitle: THREAD_TITLE,
      permalink: permalinkOf(9),
    });
    expect(paragraph!.children![1]).toMatchObject({
      type: 'trail-reference',
      trailId: 5,
      title: 'Does the outer loss shape cognition?',
    });
  });

  it('gives the plain text with the quoted words of each passage reference', () => {
    const { text } = markdownToNote(NOTE, refs);
    expect(text.split('\n\n').slice(0, 3)).toEqual([
      'Does training shape the inner optimizer?',
      'Bob says the outer loss does not determine what the inner optimizer wants; see Mask goals and the goal slot idea.',
      PASSAGES[11],
    ]);
    expect(text).toContain('evolution is to training\nas human goals are to the mask');
    expect(text.endsWith('Note, it’s entirely possible for a mask to be power seeking')).toBe(true);
  });
});

describe('the document form', () => {
  const citeLive = (ref: { passageId: number; span: { start: number; end: number } | null }) =>
    cited(ref.passageId, ref.span);

  it('quotes a passage reference and says whose words they are, linking to where they were written', () => {
    const { state } = markdownToNote('[[passage:12]]\n\nsee [[trail:3]]', refs);
    const markdown = noteToMarkdown(state, { cite: citeLive });
    expect(markdown).toBe(
      [`> ${PASSAGES[11]}`, '>', `> — bob, [${THREAD_TITLE}](${permalinkOf(12)})`, '', 'see *trail: Mask goals*'].join(
        '\n',
      ),
    );
    expect(blocks(markdown)).toMatchObject({ blockquote: 1, paragraph: 3 });
    expect(render(markdown)).toContain(`<a href="${permalinkOf(12)}">${THREAD_TITLE}</a>`);
    expect(render(markdown)).toContain('<em>trail: Mask goals</em>');
  });

  it('quotes what a passage says now, and only its span', () => {
    const { state } = markdownToNote('[[passage:9:0-59]]', refs);
    const now = {
      ...cited(9, { start: 0, end: 59 }),
      text: 'Note, it is entirely possible (edited)',
      author: 'alice2',
    };
    expect(noteToMarkdown(state, { cite: () => now })).toBe(
      `> Note, it is entirely possible (edited)\n>\n> — alice2, [${THREAD_TITLE}](${permalinkOf(9)})`,
    );
  });

  it('uses the snapshot and says so when the source was deleted', () => {
    const { state } = markdownToNote('[[passage:9:0-59]]', refs);
    const deleted = `> Note, it’s entirely possible for a mask to be power seeking\n>\n> — alice, [${THREAD_TITLE}](${permalinkOf(9)}) (source deleted)`;
    expect(noteToMarkdown(state, { cite: () => null })).toBe(deleted);
    expect(noteToMarkdown(state, { cite: (ref) => ({ ...cited(ref.passageId, ref.span), gone: true }) })).toBe(deleted);
  });

  it('names the thread without a link when there is no permalink or it is a script', () => {
    const { state } = markdownToNote('[[passage:1]]', refs);
    for (const permalink of [null, 'javascript:alert(1)', ' JaVa\tScRiPt:alert(1)']) {
      const markdown = noteToMarkdown(state, { cite: () => ({ ...cited(1), permalink }) });
      expect(markdown.split('\n').at(-1)).toBe(`> — alice, ${THREAD_TITLE}`);
      expect(render(markdown)).not.toContain('<a');
    }
  });

  it('escapes what a forum post and its thread title hold, so that only the quotation is a block', () => {
    const { state } = markdownToNote('[[passage:1]]\n\nafter', refs);
    const hostile = {
      ...cited(1),
      text: '# not a title\n\n- not a list\n<script>alert("x")</script>\n```\ncode?\n> deeper',
      author: '**bold** <b>me</b>',
      threadTitle: 'Masks](javascript:alert(1)) [and] `goals`',
      permalink: 'https://example.org/a (b)',
    };
    const markdown = noteToMarkdown(state, { cite: () => hostile });
    const html = render(markdown);
    expect(html).not.toMatch(/<script|<b>|href="javascript/);
    expect(blocks(markdown)).toEqual({ blockquote: 1, paragraph: 4 });
    expect(html).toContain('<a href="https://example.org/a%20(b)">Masks](javascript:alert(1)) [and] `goals`</a>');
    expect(visibleText(markdown)).toBe(
      [
        '# not a title',
        '- not a list\n<script>alert("x")</script>\n```\ncode?\n> deeper',
        '— **bold** <b>me</b>, Masks](javascript:alert(1)) [and] `goals`',
        'after',
      ].join('\n'),
    );
  });
});

describe('escaping', () => {
  const LITERAL = [
    '# not a heading',
    '---',
    '* not a list',
    '1. not a list either',
    '> not a quotation',
    '[x] not a task',
    '| not | a table |',
    '<script>alert("pwned")</script>',
    'a `backtick`, *stars*, _underscores_ and snake_case',
    'typed as text: [[passage:1]] and [[trail:3]]',
    '    indented four',
    'AT&T &amp; &#60;b&#62; [link](https://example.org) ![image](x.png)',
    'ends with a backslash \\',
  ];

  it('writes text that looks like Markdown or HTML so that it renders as that text', () => {
    const markdown = noteToMarkdown(paragraphs(...LITERAL));
    expect(render(markdown)).not.toContain('<script');
    expect(blocks(markdown)).toEqual({ paragraph: LITERAL.length });
    expect(visibleText(markdown)).toBe(LITERAL.join('\n'));
  });

  it('reads the escaped text back into the same note, and writes it the same way again', () => {
    const state = paragraphs(...LITERAL);
    const markdown = noteToMarkdown(state);
    const again = markdownToNote(markdown, refs).state;
    expect(rootOf(again).children!.map((p) => p.children!.map((t) => t.text).join(''))).toEqual(LITERAL);
    expect(noteToMarkdown(again)).toBe(markdown);
  });

  it('keeps escaped syntax in Markdown input as text', () => {
    const input = '\\# not a heading\n\n\\[[passage:12]] is how a reference is written\n\n\\<b>not bold\\</b> \\*x\\*';
    const { state, text } = markdownToNote(input, refs);
    expect(text).toBe('# not a heading\n\n[[passage:12]] is how a reference is written\n\n<b>not bold</b> *x*');
    expect(rootOf(state).children!.map((node) => node.type)).toEqual(['paragraph', 'paragraph', 'paragraph']);
    expect(noteToMarkdown(state)).toBe(
      '\\# not a heading\n\n\\[\\[passage:12\\]\\] is how a reference is written\n\n\\<b>not bold\\</b> \\*x\\*',
    );
  });

  it('reads character references as CommonMark does, and leaves code alone', () => {
    const { text } = markdownToNote('&amp; &#42;not emphasis&#42; &#x41; `&amp; \\*` \\\\', refs);
    expect(text).toBe('& *not emphasis* A &amp; \\* \\');
  });

  it('reads formats, escapes and code as CommonMark does where Lexical alone would not', () => {
    const formats = (markdown: string): [string, number][] =>
      rootOf(markdownToNote(markdown, refs).state).children![0]!.children!.map((n) => [
        n.text as string,
        n.format as number,
      ]);
    expect(formats(String.raw`**a\\\*b** c`)).toEqual([
      ['a\\*b', 1],
      [' c', 0],
    ]);
    expect(formats('`a\\*b` c')).toEqual([
      ['a\\*b', 16],
      [' c', 0],
    ]);
    expect(formats('*a* **`b`**')).toEqual([
      ['a', 2],
      [' ', 0],
      ['b', 17],
    ]);
    expect(formats('**a\tb** ```a``b```')).toEqual([
      ['a\tb', 1],
      [' ', 0],
      ['a``b', 16],
    ]);
  });

  it('writes a link to a script as its words only', () => {
    const state = parseNoteState(
      JSON.stringify({
        root: {
          type: 'root',
          children: [
            {
              type: 'paragraph',
              children: [
                { type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'click' }] },
                { type: 'text', text: ' or ' },
                { type: 'link', url: 'https://example.org/a_(b)', children: [{ type: 'text', text: 'read' }] },
              ],
            },
          ],
        },
      }),
    );
    expect(noteToMarkdown(state)).toBe('click or [read](https://example.org/a_\\(b\\))');
  });
});

describe('references that cannot be read', () => {
  it('passes on the error of the store for an unknown passage or trail, or a span outside the passage', () => {
    for (const [markdown, message] of [
      ['[[passage:999]]', 'passage 999 does not exist'],
      ['[[passage:12:100-10]]', 'span 100-10 is not inside passage 12'],
      ['mention of [[trail:42]]', 'trail 42 does not exist'],
    ]) {
      const error = thrown(() => markdownToNote(markdown!, refs));
      expect(isCruxError(error) && error.code).toBe('bad-input');
      expect(error.message).toBe(message);
    }
    // The shared editor is still usable after a failed conversion.
    expect(markdownToNote('fine', refs).text).toBe('fine');
  });

  it('refuses a passage reference inside a sentence, list or quotation, saying how to keep it as text', () => {
    for (const markdown of ['as shown in [[passage:12]] above', '- [[passage:12]]', '> [[passage:12]]']) {
      const error = thrown(() => markdownToNote(markdown, refs));
      expect(isCruxError(error) && error.code).toBe('bad-input');
      expect(error.message).toBe(
        '[[passage:12]] must stand on a line of its own, outside lists and quotes (it becomes a quotation of the passage); write \\[[passage:12]] to keep it as text',
      );
    }
  });
});
