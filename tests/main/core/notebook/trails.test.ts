import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addStep,
  createTrail,
  deleteTrail,
  editTrail,
  getTrail,
  listTrails,
  moveStep,
  redoTrail,
  relateStep,
  removeStep,
  setStepNote,
  setStepStance,
  undoTrail,
} from '../../../../src/main/core/notebook';
import { libraryChecksum } from '../../../helpers/library';
import { seedNotebook, type SeedNotebook } from '../../../helpers/notebook';

let seed: SeedNotebook;
beforeEach(async () => {
  seed = await seedNotebook();
});
afterEach(() => seed.library.close());

const ctx = (): SeedNotebook['library']['notebook'] => seed.library.notebook;

/** A trail of four steps over the opening of the debate. */
function fourSteps(): { trailId: number; steps: number[] } {
  const trailId = createTrail(ctx(), { title: 'Does the outer loss shape the inner optimizer?', tags: ['mesa'] });
  const steps = [
    addStep(ctx(), trailId, { passageId: seed.passage(5).id }),
    addStep(ctx(), trailId, { passageId: seed.passage(10).id, relation: 'rebuts', stance: 'agree', confidence: 70 }),
    addStep(ctx(), trailId, { passageId: seed.passage(12).id, relation: 'asks' }),
    addStep(ctx(), trailId, { passageId: seed.passage(21).id, relation: 'answers' }),
  ];
  return { trailId, steps };
}

describe('trails', () => {
  it('chain steps in order, each answering the one before unless told otherwise', () => {
    const { trailId, steps } = fourSteps();
    const trail = getTrail(ctx(), trailId);
    expect(trail.steps.map((s) => [s.position, s.relation, s.to])).toEqual([
      [1, null, null],
      [2, 'rebuts', steps[0]],
      [3, 'asks', steps[1]],
      [4, 'answers', steps[2]],
    ]);
    expect(trail.steps[1]).toMatchObject({ stance: 'agree', confidence: 70, passageId: seed.passage(10).id });
    expect(trail.steps[1]!.cited.text).toBe(seed.passage(10).text);
    expect(listTrails(ctx())).toEqual([expect.objectContaining({ id: trailId, steps: 4, tags: ['mesa'] })]);
  });

  it('cite a span of a passage: only those words', () => {
    const trailId = createTrail(ctx(), { title: 'Spans' });
    const text = seed.passage(21).text;
    const end = text.indexOf(';');
    const stepId = addStep(ctx(), trailId, { passageId: seed.passage(21).id, span: { start: 0, end } });
    const step = getTrail(ctx(), trailId).steps.find((s) => s.id === stepId)!;
    expect(step.span).toEqual({ start: 0, end });
    expect(step.cited.text).toBe('I strongly disagree that the “extra machinery” is extra');
  });

  it('answer any earlier step with --to, never a later one', () => {
    const { trailId, steps } = fourSteps();
    const fifth = addStep(ctx(), trailId, { passageId: seed.passage(36).id, relation: 'concedes', to: steps[3] });
    expect(getTrail(ctx(), trailId).steps.at(-1)).toMatchObject({ id: fifth, to: steps[3] });
    expect(() => relateStep(ctx(), trailId, steps[1]!, 'rebuts', steps[2])).toThrow(/is not an earlier step of trail/);
  });

  it('refuse bad input with a message that says what is wrong, changing nothing', () => {
    const { trailId, steps } = fourSteps();
    const before = libraryChecksum(seed.library.stores.db);
    const p = seed.passage(10);
    expect(() => addStep(ctx(), 999, { passageId: p.id })).toThrow('trail 999 does not exist');
    expect(() => addStep(ctx(), trailId, { passageId: 99999 })).toThrow('passage 99999 does not exist');
    expect(() => addStep(ctx(), trailId, { passageId: p.id, span: { start: 5, end: 5000 } })).toThrow(
      `span 5:5000 is outside passage ${p.id}, whose text has ${p.text.length} characters`,
    );
    expect(() => addStep(ctx(), trailId, { passageId: p.id, relation: 'refutes' as never })).toThrow();
    expect(() => relateStep(ctx(), trailId, steps[1]!, 'refutes' as never)).toThrow();
    expect(() => addStep(ctx(), trailId, { passageId: p.id, confidence: 101, stance: 'agree' })).toThrow(
      'confidence must be a whole number from 0 to 100',
    );
    expect(() => setStepStance(ctx(), trailId, 12345, 'agree')).toThrow(`step 12345 is not in trail ${trailId}`);
    expect(() => moveStep(ctx(), trailId, steps[0]!, 9)).toThrow('position 9 is outside trail');
    expect(() => setStepNote(ctx(), trailId, steps[0]!, { state: '{"root":' })).toThrow();
    expect(() => createTrail(ctx(), { title: '   ' })).toThrow('a trail needs a title');
    expect(libraryChecksum(seed.library.stores.db)).toBe(before);
  });

  it('refuse a move that would put a step before the step it answers', () => {
    const { trailId, steps } = fourSteps();
    expect(() => moveStep(ctx(), trailId, steps[3]!, 1)).toThrow(
      `step ${steps[3]} answers step ${steps[2]}, which would then come after it`,
    );
    relateStep(ctx(), trailId, steps[3]!, 'supports', steps[0]);
    relateStep(ctx(), trailId, steps[2]!, 'asks', steps[0]);
    moveStep(ctx(), trailId, steps[3]!, 2);
    expect(getTrail(ctx(), trailId).steps.map((s) => s.id)).toEqual([steps[0], steps[3], steps[1], steps[2]]);
  });

  it('remove a step: what answered it now answers what it answered', () => {
    const { trailId, steps } = fourSteps();
    removeStep(ctx(), trailId, steps[1]!);
    const trail = getTrail(ctx(), trailId);
    expect(trail.steps.map((s) => [s.id, s.position, s.to])).toEqual([
      [steps[0], 1, null],
      [steps[2], 2, steps[0]],
      [steps[3], 3, steps[2]],
    ]);
    removeStep(ctx(), trailId, steps[0]!);
    expect(getTrail(ctx(), trailId).steps[0]).toMatchObject({ id: steps[2], relation: null, to: null });
  });

  it('undo and redo every operation exactly', () => {
    const { trailId, steps } = fourSteps();
    const operations: [string, () => void][] = [
      [
        'edit',
        () =>
          editTrail(ctx(), trailId, {
            title: 'Renamed',
            tags: ['a', 'b'],
            description: { markdown: 'About **this**' },
          }),
      ],
      [
        'add',
        () =>
          addStep(ctx(), trailId, {
            passageId: seed.passage(36).id,
            relation: 'concedes',
            position: 2,
            note: { markdown: 'A *note*' },
          }),
      ],
      ['relate', () => relateStep(ctx(), trailId, steps[3]!, 'supports', steps[0])],
      ['move', () => moveStep(ctx(), trailId, steps[3]!, 2)],
      ['stance', () => setStepStance(ctx(), trailId, steps[2]!, 'unsure', 40)],
      ['clear stance', () => setStepStance(ctx(), trailId, steps[1]!, null)],
      ['note', () => setStepNote(ctx(), trailId, steps[0]!, { markdown: '## Why\n\n- one\n- two' })],
      ['edit note', () => setStepNote(ctx(), trailId, steps[0]!, { markdown: 'Changed my mind.' })],
      ['remove note', () => setStepNote(ctx(), trailId, steps[0]!, null)],
      ['remove', () => removeStep(ctx(), trailId, steps[1]!)],
      ['delete', () => deleteTrail(ctx(), trailId)],
    ];
    const db = seed.library.stores.db;
    // Everything but the history itself, which records that an operation was undone, and the
    // citations: a passage's snapshot is made on first use and kept, whatever is undone.
    const state = (): string => libraryChecksum(db, ['notebook_ops', 'citations']);
    for (const [name, operation] of operations) {
      const before = state();
      operation();
      const after = state();
      expect(after, name).not.toBe(before);
      expect(undoTrail(ctx(), trailId), name).toBeDefined();
      expect(state(), name).toBe(before);
      expect(redoTrail(ctx(), trailId), name).toBeDefined();
      expect(state(), name).toBe(after);
    }
    // Back to the start, step by step, then forward again.
    while (undoTrail(ctx(), trailId) !== undefined);
    expect(() => getTrail(ctx(), trailId)).toThrow(`trail ${trailId} does not exist`);
    expect(redoTrail(ctx(), trailId)).toBe('create trail');
    expect(getTrail(ctx(), trailId).steps).toHaveLength(0);
  });

  it('forget what redo could do once a new change is made', () => {
    const { trailId } = fourSteps();
    undoTrail(ctx(), trailId);
    expect(getTrail(ctx(), trailId)).toMatchObject({ canUndo: true, canRedo: true });
    addStep(ctx(), trailId, { passageId: seed.passage(44).id });
    expect(getTrail(ctx(), trailId)).toMatchObject({ canRedo: false });
    expect(redoTrail(ctx(), trailId)).toBeUndefined();
  });
});
