// End to end over the seed thread (a real LessWrong debate): a trail through both sides of the
// argument, exported as Markdown (compared with a golden file read and checked by hand), as
// Argdown (parsed by @argdown/core), and as JSON (imported into an empty library and exported again).
import fs from 'node:fs';
import path from 'node:path';
import { ArgdownApplication, ModelPlugin, ParserPlugin } from '@argdown/core';
import MarkdownIt from 'markdown-it';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { Library } from '../../../../src/main/core/library/library';
import {
  addStep,
  createNote,
  createTrail,
  exportNotebookJson,
  exportTrail,
  getTrail,
  importNotebookJson,
  listStances,
  setStance,
} from '../../../../src/main/core/notebook';
import { FIXTURES, tempDir } from '../../../helpers/library';
import { fixedNotebookOptions, seedNotebook, type SeedNotebook } from '../../../helpers/notebook';

const GOLDEN = path.join(FIXTURES, 'notebook', 'seed-trail.md');

let seed: SeedNotebook;
beforeEach(async () => {
  seed = await seedNotebook();
});
afterEach(() => seed.library.close());

/** Eight steps from both sides of the debate, five relation kinds, all four stances, rich notes. */
function buildTrail(): number {
  const ctx = seed.library.notebook;
  const p = seed.passage;
  const trailId = createTrail(ctx, {
    title: 'Does the outer loss shape the inner optimizer?',
    tags: ['alignment', 'mesa-optimization'],
    description: {
      markdown: 'How the **mask** view and the **inner optimizer** view meet, read in the LessWrong thread.',
    },
  });
  const outerSpan = { start: 0, end: p(21).text.indexOf(';') };
  const s1 = addStep(ctx, trailId, { passageId: p(5).id, stance: 'partly', confidence: 50 });
  const s2 = addStep(ctx, trailId, {
    passageId: p(10).id,
    relation: 'rebuts',
    stance: 'agree',
    confidence: 70,
    note: { markdown: 'The crux of the whole exchange: does the *outer* task reach the inner cognition at all?' },
  });
  addStep(ctx, trailId, { passageId: p(12).id, relation: 'asks', stance: 'unsure' });
  const s4 = addStep(ctx, trailId, {
    passageId: p(21).id,
    span: outerSpan,
    relation: 'answers',
    stance: 'agree',
    confidence: 80,
  });
  const s5 = addStep(ctx, trailId, { passageId: p(36).id, relation: 'concedes', to: s4, stance: 'agree' });
  const s6 = addStep(ctx, trailId, {
    passageId: p(37).id,
    relation: 'rebuts',
    to: s5,
    stance: 'disagree',
    confidence: 60,
    note: {
      markdown: [
        '## Why I am not convinced',
        '',
        '- The reply grants the general-purpose machinery but denies it any goal of its own',
        '- **Training pressure** on that machinery is argued, not measured',
        '- Compare [Risks from Learned Optimization](https://arxiv.org/abs/1906.01820)',
        '',
        'The earlier claim this answers:',
        '',
        `[[passage:${p(11).id}]]`,
      ].join('\n'),
    },
  });
  addStep(ctx, trailId, { passageId: p(44).id, relation: 'supports', to: s6, stance: 'partly', confidence: 40 });
  addStep(ctx, trailId, { passageId: p(24).id, relation: 'clarifies', to: s2, stance: 'unsure', confidence: 30 });
  expect(s1).toBeGreaterThan(0);
  setStance(ctx, p(16).id, 'disagree', 65);
  createNote(ctx, { kind: 'thread', threadId: seed.threadId }, { markdown: 'Read the *second* half twice.' });
  return trailId;
}

describe('a trail through the seed thread', () => {
  it('holds at least six steps, four relation kinds and every stance', () => {
    const trail = getTrail(seed.library.notebook, buildTrail());
    expect(trail.steps.length).toBeGreaterThanOrEqual(6);
    expect(new Set(trail.steps.map((s) => s.relation).filter(Boolean)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(trail.steps.map((s) => s.stance))).toEqual(new Set(['agree', 'disagree', 'partly', 'unsure']));
  });

  it('exports Markdown identical to the reviewed golden file, and well-formed CommonMark', () => {
    const markdown = exportTrail(seed.library.notebook, buildTrail(), 'md');
    if (process.env.CRUX_UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, markdown);
    expect(markdown).toBe(fs.readFileSync(GOLDEN, 'utf8'));

    const front = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
    expect(parseYaml(front![1]!)).toMatchObject({
      title: 'Does the outer loss shape the inner optimizer?',
      tags: ['alignment', 'mesa-optimization'],
    });
    const tokens = new MarkdownIt('commonmark', { html: true }).parse(markdown.slice(front![0].length), {});
    expect(tokens.filter((t) => t.type === 'html_block' || t.type === 'html_inline')).toEqual([]);
    const h2 = tokens.flatMap((t, i) => (t.type === 'heading_open' && t.tag === 'h2' ? [tokens[i + 1]!.content] : []));
    expect(h2.filter((h) => /^\d+\./.test(h))).toHaveLength(8);
    // The note's heading, list, link and embedded passage all survive.
    expect(markdown).toContain('Why I am not convinced');
    expect(markdown).toMatch(/^- \*\*Training pressure\*\*/m);
    expect(markdown).toContain('(https://arxiv.org/abs/1906.01820)');
    expect(markdown).toContain(seed.passage(11).text.slice(0, 40));
  });

  it('exports Argdown that @argdown/core reads with no errors and the expected relations', () => {
    const argdown = exportTrail(seed.library.notebook, buildTrail(), 'argdown');
    const app = new ArgdownApplication();
    app.addPlugin(new ParserPlugin(), 'parse-input');
    app.addPlugin(new ModelPlugin(), 'build-model');
    const response = app.run({ process: ['parse-input', 'build-model'], input: argdown });
    expect(response.parserErrors ?? []).toEqual([]);
    expect(response.lexerErrors ?? []).toEqual([]);
    expect(response.exceptions ?? []).toEqual([]);
    const relations = (response.relations ?? []).map((r) => `${r.from!.title} ${r.relationType} ${r.to!.title}`);
    expect(relations).toEqual(expect.arrayContaining(['S2 attack S1', 'S6 attack S5', 'S7 support S6']));
    expect(Object.keys(response.statements ?? {})).toEqual(
      expect.arrayContaining(['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8']),
    );
  });

  it('round-trips the notebook through JSON into an empty library, byte for byte', async () => {
    buildTrail();
    const first = exportNotebookJson(seed.library.notebook);
    const other = Library.open(path.join(tempDir(), 'other.sqlite'), fixedNotebookOptions('2030-01-01T00:00:00.000Z'));
    try {
      const imported = other.importNotebook(first, 'notebook.json');
      expect(imported.trails.added).toBe(1);
      expect(exportNotebookJson(other.notebook)).toBe(first);
      // The passages it brought are searchable there.
      const hits = other.query({ query: 'premise outer task', limit: 5, offset: 0, expand: false }).hits;
      expect(hits).toEqual([expect.objectContaining({ kind: 'passage', threadTitle: 'seed-thread' })]);
      // The rebuilt library answers the ledger's questions too.
      const disagreed = listStances(other.notebook, { stance: 'disagree' }).map((s) => s.cited.text);
      expect(new Set(disagreed)).toEqual(new Set([seed.passage(37).text, seed.passage(16).text]));
      // Importing the same file again adds nothing.
      const again = importNotebookJson(other.notebook, first, 'notebook.json');
      expect(again).toMatchObject({ trails: { added: 0, alreadyThere: 1 }, passages: { added: 0 } });
      expect(exportNotebookJson(other.notebook)).toBe(first);
    } finally {
      other.close();
    }
  });

  it('stays exportable after its thread is deleted, saying the source is gone', () => {
    const trailId = buildTrail();
    const before = exportTrail(seed.library.notebook, trailId, 'md');
    seed.library.deleteThread(seed.threadId);
    const after = exportTrail(seed.library.notebook, trailId, 'md');
    expect(after).toMatch(/source deleted/i);
    for (const n of [5, 10, 36, 37]) expect(after).toContain(seed.passage(n).text.slice(0, 60));
    expect(after.length).toBeGreaterThan(before.length * 0.9);
    expect(getTrail(seed.library.notebook, trailId).steps.every((s) => s.cited.gone)).toBe(true);
    expect(exportTrail(seed.library.notebook, trailId, 'argdown')).toContain('S8');
    const json = exportNotebookJson(seed.library.notebook);
    const other = Library.open(path.join(tempDir(), 'other.sqlite'), fixedNotebookOptions());
    try {
      importNotebookJson(other.notebook, json, 'notebook.json');
      expect(exportNotebookJson(other.notebook)).toBe(json);
    } finally {
      other.close();
    }
  });
});
