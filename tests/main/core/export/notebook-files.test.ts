import { describe, expect, it } from 'vitest';
import type { ExportedNote } from '../../../../src/main/core/export/document';
import { trailToMarkdown } from '../../../../src/main/core/export/markdown';
import { MAX_STEM, notebookToMarkdownFiles, slugify } from '../../../../src/main/core/export/notebook-files';
import { headings, inlineText, linkHrefs, readMarkdown } from './read-markdown';
import { everyRelationTrail, step, trail } from './trails';

const TITLES = [
  'Is the goal slot a red herring?',
  'IS THE GOAL SLOT A RED HERRING!',
  'is-the-goal-slot-a-red-herring',
  'Index',
  'notes',
  'CON',
  'lpt1',
  '',
  '🎉🎉🎉',
  '.hidden',
  '...',
  'a/b\\c:d*e?f"g<h>i|j\u0000k\tl',
  'Ünïcödé 日本語のタイトル',
  'x'.repeat(300),
  'é'.normalize('NFD') + 'cole',
  'trailing dot.',
];

const note = (id: number, title: string, markdown: string, about: string | null = null): ExportedNote => ({
  id,
  title,
  about,
  createdAt: '2024-04-01T08:00:00.000Z',
  updatedAt: '2024-04-03T08:00:00.000Z',
  markdown,
});

describe('notebookToMarkdownFiles', () => {
  const trails = TITLES.map((title, i) =>
    trail([step(1, null, null, { text: `Passage ${i}` })], { id: 10 + i, title }),
  );
  const files = notebookToMarkdownFiles(trails, []);
  const trailFiles = files.slice(1);

  it('writes index.md, then one file per trail with that trail’s Markdown, and no notes.md without notes', () => {
    expect(files[0]!.path).toBe('index.md');
    expect(trailFiles).toHaveLength(trails.length);
    trailFiles.forEach((f, i) => expect(f.content).toBe(trailToMarkdown(trails[i]!)));
    expect(files.map((f) => f.path)).not.toContain('notes.md');
  });

  it('names trail files safely and distinctly on every system', () => {
    const paths = trailFiles.map((f) => f.path);
    for (const p of paths) {
      expect(p).toMatch(/^[^/\\:*?"<>|\p{Cc}.][^/\\:*?"<>|\p{Cc}]*\.md$/u);
      expect(p).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)\.md$/i);
      expect(Array.from(p).length).toBeLessThanOrEqual(MAX_STEM + 20);
      expect(Buffer.byteLength(p)).toBeLessThan(255);
    }
    const folded = [...paths, 'index.md', 'notes.md'].map((p) => p.normalize('NFC').toLowerCase());
    expect(new Set(folded).size).toBe(folded.length);
    expect(paths.slice(0, 8)).toEqual([
      'is-the-goal-slot-a-red-herring.md',
      'is-the-goal-slot-a-red-herring-11.md',
      'is-the-goal-slot-a-red-herring-12.md',
      'index-13.md',
      'notes-14.md',
      'con-trail.md',
      'lpt1-trail.md',
      'trail.md',
    ]);
    expect(paths[12]).toBe('ünïcödé-日本語のタイトル.md');
    expect(paths[14]).toBe('école.md');
  });

  it('keeps names stable for the same trails', () => {
    expect(notebookToMarkdownFiles(trails, []).map((f) => f.path)).toEqual(files.map((f) => f.path));
  });

  it('links every trail from the index, in order, by a relative path', () => {
    const { tokens } = readMarkdown(files[0]!.content);
    expect(linkHrefs(tokens).map((h) => decodeURI(h))).toEqual(trailFiles.map((f) => f.path));
    const items = tokens.filter((t) => t.type === 'inline' && t.content.startsWith('['));
    expect(items.map(inlineText)).toEqual(
      // CommonMark reads NUL as U+FFFD.
      trails.map((t) => `${t.title.trim().replace(/\0/g, '\uFFFD') || 'Untitled trail'} — 1 step, updated 2024-05-02`),
    );
  });

  it('gathers the notes that belong to no step in notes.md, contained like step notes', () => {
    const notes = [
      note(1, 'Open questions', '# Questions\n\n- Is a mask a goal?\n\n```\nunclosed fence'),
      note(2, '<b>Not bold</b> #tag', 'About a passage.', 'passage 12 by alice in “The goal slot”'),
    ];
    const out = notebookToMarkdownFiles([everyRelationTrail()], notes);
    expect(out.map((f) => f.path)).toEqual(['index.md', 'goal-slots-masks-vs-optimizers-and-more.md', 'notes.md']);
    const notesFile = readMarkdown(out[2]!.content);
    expect(headings(notesFile.tokens)).toEqual([
      ['h1', 'Notes'],
      ['h2', 'Open questions'],
      ['h3', 'Questions'],
      ['h2', '<b>Not bold</b> #tag'],
    ]);
    expect(notesFile.tokens.filter((t) => t.type === 'inline').map(inlineText)).toContain(
      'About passage 12 by alice in “The goal slot” · Created 2024-04-01 · updated 2024-04-03',
    );
    const index = readMarkdown(out[0]!.content);
    expect(linkHrefs(index.tokens)).toEqual(['goal-slots-masks-vs-optimizers-and-more.md', 'notes.md']);
    expect(index.tokens.filter((t) => t.type === 'inline').map(inlineText)).toEqual([
      'Crux notebook',
      'Trails',
      'Goal slots: "masks" vs. #optimizers --- and more — 9 steps, updated 2024-05-02',
      'Notes',
      'All notes (2):',
      'Open questions',
      '<b>Not bold</b> #tag',
    ]);
  });

  it('writes an index for an empty notebook', () => {
    expect(notebookToMarkdownFiles([], [])).toEqual([
      { path: 'index.md', content: '# Crux notebook\n\n## Trails\n\nNo trails.\n' },
    ]);
  });
});

describe('slugify', () => {
  it('bounds the length on a code point boundary', () => {
    const slug = slugify('🎉a'.repeat(10) + '𝒜'.repeat(100));
    expect(Array.from(slug).length).toBeLessThanOrEqual(MAX_STEM);
    expect(slug).not.toMatch(/[\uD800-\uDBFF]$/);
    expect(slug).not.toMatch(/-$/);
  });
});
