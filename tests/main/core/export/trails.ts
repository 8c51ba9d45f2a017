// Trails for the exporter tests: real passages from the seed thread (a LessWrong debate) and one
// hostile passage with every Markdown, HTML and Argdown construct an imported post could carry.
import fs from 'node:fs';
import path from 'node:path';
import type { ExportedStep, ExportedTrail } from '../../../../src/main/core/export/document';
import type { CitedPassage, Relation, Stance } from '../../../../src/shared/model/notebook';
import { FIXTURES } from '../../../helpers/library';

export const SEED_LINES = fs.readFileSync(path.join(FIXTURES, 'seed-thread.txt'), 'utf8').split('\n');

/** A line of the seed thread, 1-based like an editor shows it. */
export const seedLine = (n: number): string => SEED_LINES[n - 1]!;

export const THREAD_URL = 'https://www.lesswrong.com/posts/abc123/the-goal-slot';

export const HOSTILE = [
  '# Heading?',
  '---',
  '===',
  'Setext below',
  '---',
  '*bold* _it_ **x** __y__ ***z***',
  '> not a quote',
  '- [x] task | a | b |',
  '|---|---|',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '`code` ``` fence',
  '```',
  '~~~ tilde fence',
  '[link](javascript:alert(1)) ![img](http://evil.example/x.png) [ref][r] [[wiki]] ![[embed]]',
  'back\\slash \\* and a trailing backslash\\',
  '1. one',
  '2) two',
  'a. fancy',
  '(1) example',
  '+ plus',
  '* star',
  '  indented with trailing double spaces  ',
  '&lt;not a tag&gt; &amp; &#60; &#x3C; &copy;',
  '    four-space indent',
  '\tand a tab',
  '<!-- unclosed comment',
  '[^1]: footnote',
  '[r]: http://evil.example/ref',
  '<http://evil.example/autolink> <mail@evil.example>',
  '==highlight== %%comment%% key:: value #tag ^block-id @citation $x$ ~~strike~~ ~sub~ ^sup^ {{macro}}',
  '',
  '',
  'A second paragraph after blank lines: [S2]: fake statement {stance: agree} <Arg>: fake argument',
  '  + [S1]',
  '  - <Arg>',
  '// argdown comment /* block */ .A. :->: e.g. 3.14 a.b.c https://x.example:8080/a.b',
  '===',
  'title: injected',
  '===',
  '@[S1] @<Arg> _under_ \\',
].join('\n');

export function cited(overrides: Partial<CitedPassage> = {}): CitedPassage {
  return {
    passageId: 1,
    text: 'text',
    author: 'alice',
    postedAt: '2023-03-14T09:26:53.000Z',
    permalink: null,
    threadId: 1,
    threadTitle: 'Simulators, constraints, and goal agnosticism',
    threadSource: THREAD_URL,
    gone: false,
    ...overrides,
  };
}

export function step(
  position: number,
  relation: Relation | null,
  toPosition: number | null,
  c: Partial<CitedPassage>,
  rest: Partial<ExportedStep> = {},
): ExportedStep {
  return {
    id: 100 + position,
    position,
    relation,
    toPosition,
    stance: null,
    confidence: null,
    span: null,
    cited: cited(c),
    noteMarkdown: null,
    ...rest,
  };
}

export function trail(steps: ExportedStep[], overrides: Partial<ExportedTrail> = {}): ExportedTrail {
  return {
    id: 7,
    title: 'Is the goal slot a red herring?',
    descriptionMarkdown: null,
    tags: [],
    createdAt: '2024-05-01T10:00:00.000Z',
    updatedAt: '2024-05-02T18:30:00.000Z',
    steps,
    ...overrides,
  };
}

const stance = (s: Stance, confidence: number | null = null) => ({ stance: s, confidence });

/** One step of every relation kind, over seed passages, the hostile one and a deleted thread. */
export function everyRelationTrail(): ExportedTrail {
  return trail(
    [
      step(
        1,
        null,
        null,
        { passageId: 11, text: seedLine(11), author: 'Max H', permalink: `${THREAD_URL}?commentId=c11` },
        {
          ...stance('partly', 55),
          noteMarkdown: 'The **claim** I want to test.\n\n# My own heading\n\nA paragraph.',
        },
      ),
      step(
        2,
        'rebuts',
        1,
        { passageId: 12, text: seedLine(12), author: 'Thane Ruthenis' },
        {
          ...stance('agree', 80),
          noteMarkdown: '## Why\n\n```ts\nconst unclosed = true;\n\n## Not a heading, inside the fence',
        },
      ),
      step(
        3,
        'supports',
        2,
        { passageId: 16, text: seedLine(16), author: 'Thane Ruthenis', permalink: `${THREAD_URL}?commentId=c16` },
        stance('agree'),
      ),
      step(
        4,
        'clarifies',
        2,
        { passageId: 15, text: seedLine(15), author: 'Max H' },
        {
          span: { start: 0, end: seedLine(15).length },
        },
      ),
      step(5, 'concedes', 3, { passageId: 17, text: seedLine(17), author: 'Max H' }, stance('disagree', 20)),
      step(6, 'asks', 5, { passageId: 18, text: seedLine(18), author: 'Thane Ruthenis' }, stance('unsure')),
      step(7, 'answers', 6, { passageId: 20, text: seedLine(20), author: 'Max H' }),
      step(
        8,
        'quotes',
        7,
        {
          passageId: 999,
          text: HOSTILE,
          author: 'Mallory <img src=x onerror=alert(1)> [x](javascript:alert(1)) *',
          threadId: 2,
          threadTitle: 'Evil ]( thread [title] <b>bold</b> `tick` # | ---',
          threadSource: 'javascript:alert(1)',
          permalink: 'https://evil.example/p/1 with space)<x>"?q=(1)&lt;\\',
          postedAt: '2024-01-01T00:00:00Z',
        },
        stance('disagree', 100),
      ),
      step(9, 'rebuts', 8, {
        passageId: 31,
        text: seedLine(31),
        author: null,
        threadId: 3,
        threadTitle: 'A thread that was deleted',
        threadSource: '/home/someone/Downloads/deleted thread.txt',
        postedAt: null,
        gone: true,
      }),
    ],
    {
      title: 'Goal slots: "masks" vs. #optimizers\n---\nand more',
      tags: ['alignment', 'needs: review', '#hash', '---'],
      descriptionMarkdown: '# Overview\n\nWhere Max and Thane talk past each other.',
    },
  );
}

/** A trail of `n` steps alternating relation kinds over the seed thread's lines. */
export function longTrail(n: number): ExportedTrail {
  const relations: Relation[] = ['supports', 'rebuts', 'clarifies', 'concedes', 'asks', 'answers', 'quotes'];
  const passages = SEED_LINES.filter((l) => l.trim() !== '');
  const steps: ExportedStep[] = [];
  for (let i = 1; i <= n; i++) {
    steps.push(
      step(
        i,
        i === 1 ? null : relations[i % relations.length]!,
        i === 1 ? null : i - 1,
        {
          passageId: i,
          text: passages[i % passages.length]!,
          author: i % 2 ? 'Max H' : 'Thane Ruthenis',
          permalink: `${THREAD_URL}?commentId=c${i}`,
        },
        {
          stance: 'agree',
          confidence: i % 101,
          noteMarkdown: i % 3 === 0 ? `A note on step ${i} with *emphasis*.` : null,
        },
      ),
    );
  }
  return trail(steps, { title: `Long trail of ${n} steps` });
}
