import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { Library } from '../../../../src/main/core/library/library';
import { noteToMarkdown } from '../../../../src/main/core/notes';
import {
  backlinks,
  createTrail,
  deleteTrail,
  exportNotebookJson,
  listNotes,
  createNote,
  deleteNote,
  editNote,
  getNote,
  listStances,
  redoNotes,
  redoStances,
  setStance,
  undoNotes,
  undoStances,
} from '../../../../src/main/core/notebook';
import { libraryChecksum, tempDir } from '../../../helpers/library';
import { fixedNotebookOptions, seedNotebook, type SeedNotebook } from '../../../helpers/notebook';

let seed: SeedNotebook;
beforeEach(async () => {
  seed = await seedNotebook();
});
afterEach(() => seed.library.close());

describe('the stance ledger and notes', () => {
  it('undo and redo every stance and note change exactly', () => {
    const ctx = seed.library.notebook;
    const db = seed.library.stores.db;
    const state = (): string => libraryChecksum(db, ['notebook_ops', 'citations']);
    let noteId = 0;
    const operations: [string, () => void, () => unknown, () => unknown][] = [
      [
        'set stance',
        () => setStance(ctx, seed.passage(16).id, 'disagree', 65),
        () => undoStances(ctx),
        () => redoStances(ctx),
      ],
      [
        'change stance',
        () => setStance(ctx, seed.passage(16).id, 'partly'),
        () => undoStances(ctx),
        () => redoStances(ctx),
      ],
      ['clear stance', () => setStance(ctx, seed.passage(16).id, null), () => undoStances(ctx), () => redoStances(ctx)],
      [
        'new note',
        () =>
          (noteId = createNote(
            ctx,
            { kind: 'passage', passageId: seed.passage(10).id },
            { markdown: 'On **premises**' },
          )),
        () => undoNotes(ctx),
        () => redoNotes(ctx),
      ],
      [
        'edit note',
        () => editNote(ctx, noteId, { markdown: `Quotes:\n\n[[passage:${seed.passage(11).id}]]` }),
        () => undoNotes(ctx),
        () => redoNotes(ctx),
      ],
      ['delete note', () => deleteNote(ctx, noteId), () => undoNotes(ctx), () => redoNotes(ctx)],
    ];
    for (const [name, operation, undo, redo] of operations) {
      const before = state();
      operation();
      const after = state();
      expect(after, name).not.toBe(before);
      expect(undo(), name).toBeDefined();
      expect(state(), name).toBe(before);
      expect(redo(), name).toBeDefined();
      expect(state(), name).toBe(after);
    }
  });

  it('refuse to undo a change whose rows would refer to a deleted thread, changing nothing', () => {
    const ctx = seed.library.notebook;
    const noteId = createNote(ctx, { kind: 'thread', threadId: seed.threadId }, { markdown: 'First reading.' });
    editNote(ctx, noteId, { markdown: 'Second reading.' });
    seed.library.deleteThread(seed.threadId);
    expect(getNote(ctx, noteId).target).toEqual({ kind: 'thread', threadId: null, threadTitle: 'seed-thread' });
    const before = libraryChecksum(seed.library.stores.db);
    expect(() => undoNotes(ctx)).toThrow(
      /cannot undo "edit note": what it would bring back refers to something deleted since/,
    );
    expect(libraryChecksum(seed.library.stores.db)).toBe(before);
    expect(getNote(ctx, noteId).markdown).toBe('Second reading.');
  });

  it('export and import a note that refers to a deleted trail, keeping its title', () => {
    const ctx = seed.library.notebook;
    const gone = createTrail(ctx, { title: 'An abandoned line of thought' });
    createNote(ctx, { kind: 'none' }, { markdown: `See [[trail:${gone}]] for why not.` });
    deleteTrail(ctx, gone);
    const file = exportNotebookJson(ctx);
    const other = Library.open(path.join(tempDir(), 'other.sqlite'), fixedNotebookOptions());
    try {
      expect(other.importNotebook(file, 'notebook.json').notes.added).toBe(1);
      expect(exportNotebookJson(other.notebook)).toBe(file);
      const [note] = listNotes(other.notebook);
      expect(noteToMarkdown(getNote(other.notebook, note!.id).state, { cite: () => null })).toContain(
        'An abandoned line of thought',
      );
    } finally {
      other.close();
    }
  });

  it('answer "every passage I disagree with" and "everything unsure in this thread" in one call each', () => {
    const ctx = seed.library.notebook;
    setStance(ctx, seed.passage(16).id, 'disagree', 65);
    setStance(ctx, seed.passage(21).id, 'unsure');
    setStance(ctx, seed.passage(22).id, 'disagree');
    expect(listStances(ctx, { stance: 'disagree' }).map((s) => s.passageId)).toEqual([
      seed.passage(16).id,
      seed.passage(22).id,
    ]);
    expect(listStances(ctx, { stance: 'unsure', threadId: seed.threadId })).toEqual([
      expect.objectContaining({ passageId: seed.passage(21).id, trailId: null, stepId: null }),
    ]);
    expect(listStances(ctx, { author: 'nobody' })).toEqual([]);
  });

  it('show a note everywhere it cites: backlinks and search', () => {
    const ctx = seed.library.notebook;
    const noteId = createNote(
      ctx,
      { kind: 'none' },
      { markdown: `# Mesa-objectives\n\nThis is the claim:\n\n[[passage:${seed.passage(11).id}]]` },
    );
    expect(getNote(ctx, noteId).markdown).toBe(
      `# Mesa-objectives\n\nThis is the claim:\n\n[[passage:${seed.passage(11).id}]]`,
    );
    expect(backlinks(ctx, seed.passage(11).id).notes.map((n) => n.id)).toEqual([noteId]);
    const found = seed.library.query({ query: 'mesa objectives', limit: 5, offset: 0, expand: true });
    expect(found.hits[0]).toMatchObject({ kind: 'note', noteId, title: 'Mesa-objectives' });
    expect(seed.library.query({ query: 'mesa objectives thread:1', limit: 5, offset: 0, expand: true }).hits).toEqual(
      [],
    );
  });
});
