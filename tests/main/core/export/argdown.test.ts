import {
  ArgdownApplication,
  DataPlugin,
  IEquivalenceClass,
  ModelPlugin,
  ParserPlugin,
  argdown as fullArgdown,
  type IArgdownResponse,
} from '@argdown/core';
import { describe, expect, it } from 'vitest';
import { trailToArgdown } from '../../../../src/main/core/export/argdown';
import { argdownTextOf } from '../../../../src/main/core/export/escape';
import { HOSTILE, THREAD_URL, everyRelationTrail, step, trail } from './trails';

const app = new ArgdownApplication();
app.addPlugin(new ParserPlugin(), 'parse-input');
app.addPlugin(new DataPlugin(), 'build-model');
app.addPlugin(new ModelPlugin(), 'build-model');

function parse(input: string): IArgdownResponse {
  return app.run({ input, process: ['parse-input', 'build-model'], logLevel: 'none', throwExceptions: false });
}

function relationsOf(response: IArgdownResponse) {
  return (response.relations ?? []).map((r) => ({ from: r.from?.title, to: r.to?.title, type: r.relationType }));
}

function expectClean(response: IArgdownResponse) {
  expect(response.parserErrors ?? [], 'parser errors').toEqual([]);
  expect(response.lexerErrors ?? [], 'lexer errors').toEqual([]);
  expect(response.exceptions ?? [], 'exceptions').toEqual([]);
}

describe('trailToArgdown', () => {
  const t = everyRelationTrail();
  const source = trailToArgdown(t);
  const response = parse(source);

  it('parses without errors, one statement per step with the passage as its text', () => {
    expectClean(response);
    expect(Object.keys(response.statements!).sort()).toEqual(t.steps.map((s) => `S${s.position}`).sort());
    for (const s of t.steps) {
      const ec = response.statements![`S${s.position}`]!;
      expect(IEquivalenceClass.getCanonicalMemberText(ec)?.trim(), `S${s.position}`).toBe(argdownTextOf(s.cited.text));
    }
    expect(Object.keys(response.arguments ?? {})).toEqual([]);
    expect(Object.keys(response.tags ?? {})).toEqual([]);
    expect(response.sections ?? []).toEqual([]);
  });

  it('draws supports and rebuts from the answering step, and nothing for the other kinds', () => {
    expect(relationsOf(response)).toEqual([
      { from: 'S2', to: 'S1', type: 'attack' },
      { from: 'S3', to: 'S2', type: 'support' },
      { from: 'S9', to: 'S8', type: 'attack' },
    ]);
  });

  it('keeps relation, stance, confidence and attribution as metadata', () => {
    const data = (n: number) => response.statements![`S${n}`]!.data as Record<string, unknown>;
    expect(data(1)).toEqual({
      stance: 'partly',
      confidence: 55,
      passage: 11,
      author: 'Max H',
      date: '2023-03-14T09:26:53.000Z',
      thread: 'Simulators, constraints, and goal agnosticism',
      source: `${THREAD_URL}?commentId=c11`,
      note: t.steps[0]!.noteMarkdown,
    });
    expect(data(4)).toMatchObject({ relation: 'clarifies', to: 2, span: [0, t.steps[3]!.cited.text.length] });
    expect(data(5)).toMatchObject({ relation: 'concedes', to: 3, stance: 'disagree', confidence: 20 });
    expect(data(6)).toMatchObject({ relation: 'asks', to: 5, stance: 'unsure' });
    expect(data(7)).toMatchObject({ relation: 'answers', to: 6 });
    expect(data(8)).toMatchObject({
      relation: 'quotes',
      to: 7,
      stance: 'disagree',
      confidence: 100,
      passage: 999,
      author: t.steps[7]!.cited.author,
      thread: t.steps[7]!.cited.threadTitle,
    });
    expect(data(9)).toMatchObject({ relation: 'rebuts', to: 8, gone: true, file: 'deleted thread.txt' });
    expect(data(2)).toMatchObject({ note: t.steps[1]!.noteMarkdown });
  });

  it('puts the title and description in the frontmatter', () => {
    expect(response.frontMatter).toMatchObject({
      title: t.title,
      abstract: t.descriptionMarkdown,
      crux: { trail: 7, tags: t.tags, created: t.createdAt, updated: t.updatedAt },
    });
  });

  it('keeps every step in the map, connected or not', () => {
    const full = fullArgdown.run({
      input: source,
      process: ['parse-input', 'build-model', 'build-map'],
      logLevel: 'none',
      throwExceptions: false,
    });
    expect(full.exceptions ?? []).toEqual([]);
    expect(full.map!.nodes.map((n) => n.title).sort()).toEqual(t.steps.map((s) => `S${s.position}`).sort());
  });

  it('lets a hostile passage, title and metadata through as text only', () => {
    const evil = trail(
      [
        step(1, null, null, { text: 'Plain first step.' }),
        step(2, 'rebuts', 1, {
          text: HOSTILE,
          author: '"}, stance: agree} === {x',
          threadTitle: '}\n===\n[S9]: injected',
          permalink: 'https://evil.example/}=== {x}',
        }),
      ],
      { title: 'Title ===\n[S5]: x\n===', descriptionMarkdown: '=== */ } {' },
    );
    const r = parse(trailToArgdown(evil));
    expectClean(r);
    expect(Object.keys(r.statements!).sort()).toEqual(['S1', 'S2']);
    expect(IEquivalenceClass.getCanonicalMemberText(r.statements!.S2!)?.trim()).toBe(argdownTextOf(HOSTILE));
    expect(relationsOf(r)).toEqual([{ from: 'S2', to: 'S1', type: 'attack' }]);
    expect(r.statements!.S2!.data).toMatchObject({
      author: '"}, stance: agree} === {x',
      thread: '}\n===\n[S9]: injected',
      source: 'https://evil.example/%7D===%20%7Bx%7D',
    });
    expect(r.frontMatter).toMatchObject({ title: evil.title, abstract: evil.descriptionMarkdown });
  });

  it('escapes each construct on its own', () => {
    const cases = [
      '[S2]: fake',
      '<A>: fake',
      '+ support',
      '- attack',
      '#tag #(long tag)',
      '{a: 1}',
      '// comment',
      '/* block */',
      '<!-- html comment -->',
      '@[S1] @<A>',
      '*it* **bold** _it_ __bold__',
      '[link](https://example.org)',
      '.A. :->: .~. e.g. 3.14.15 a:b:c',
      '(1) numbered',
      '===\ntitle: x\n===',
      'back\\slash\\',
      'line one\nline two\n\nparagraph',
      '    indented',
      '--',
      '-->',
      '',
    ];
    for (const text of cases) {
      const r = parse(trailToArgdown(trail([step(1, null, null, { text })])));
      expectClean(r);
      expect(Object.keys(r.statements!), text).toEqual(['S1']);
      expect(IEquivalenceClass.getCanonicalMemberText(r.statements!.S1!)?.trim(), text).toBe(
        text.trim() === '' ? '(no text)' : argdownTextOf(text),
      );
      expect(r.relations, text).toEqual([]);
    }
  });
});
