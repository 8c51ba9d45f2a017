import type { In, Method, Out } from '../../../shared/api/contract';
import type { Library } from '../library/library';
import * as notebook from '../notebook';

/** One function per contract method. Arguments arrive already validated against the contract. */
export type ServiceTable = { [M in Method]: (args: In<M>) => Promise<Out<M>> | Out<M> };

/** The only place where method names meet the library: every door goes through this table. */
export function createServiceTable(library: Library): ServiceTable {
  const ctx = library.notebook;
  // For changes that return nothing: the reply is an empty object once they are done.
  const done = (_change: void): Record<string, never> => ({});
  return {
    'threads.list': () => library.threads(),
    'threads.show': ({ threadId }) => library.thread(threadId),
    'search.query': (input) => library.query(input),
    'import.files': ({ paths, format, title }) =>
      library.importPaths(paths, { format, ...(title === undefined ? {} : { title }) }),
    'threads.delete': ({ threadId }) => library.deleteThread(threadId),

    'trails.list': () => notebook.listTrails(ctx),
    'trails.show': ({ trailId }) => notebook.getTrail(ctx, trailId),
    'trails.create': (input) => ({ id: notebook.createTrail(ctx, input) }),
    'trails.edit': ({ trailId, ...edit }) => done(notebook.editTrail(ctx, trailId, edit)),
    'trails.addStep': ({ trailId, ...step }) => ({ stepId: notebook.addStep(ctx, trailId, step) }),
    'trails.moveStep': ({ trailId, stepId, position }) => done(notebook.moveStep(ctx, trailId, stepId, position)),
    'trails.relateStep': ({ trailId, stepId, relation, to }) =>
      done(notebook.relateStep(ctx, trailId, stepId, relation, to)),
    'trails.setStepStance': ({ trailId, stepId, stance, confidence }) =>
      done(notebook.setStepStance(ctx, trailId, stepId, stance, confidence)),
    'trails.setStepNote': ({ trailId, stepId, note }) => done(notebook.setStepNote(ctx, trailId, stepId, note)),
    'trails.removeStep': ({ trailId, stepId }) => done(notebook.removeStep(ctx, trailId, stepId)),
    'trails.delete': ({ trailId }) => done(notebook.deleteTrail(ctx, trailId)),
    'trails.undo': ({ trailId }) => ({ label: notebook.undoTrail(ctx, trailId) ?? null }),
    'trails.redo': ({ trailId }) => ({ label: notebook.redoTrail(ctx, trailId) ?? null }),
    'trails.export': ({ trailId, format }) => ({ text: notebook.exportTrail(ctx, trailId, format) }),

    'stances.set': ({ passageId, stance, confidence }) => done(notebook.setStance(ctx, passageId, stance, confidence)),
    'stances.list': (filter) => notebook.listStances(ctx, filter),

    'notes.create': ({ target, note }) => ({ id: notebook.createNote(ctx, target, note) }),
    'notes.edit': ({ noteId, note }) => done(notebook.editNote(ctx, noteId, note)),
    'notes.delete': ({ noteId }) => done(notebook.deleteNote(ctx, noteId)),
    'notes.show': ({ noteId }) => notebook.getNote(ctx, noteId),
    'notes.list': (filter) => notebook.listNotes(ctx, filter),
    'passages.backlinks': ({ passageId }) => notebook.backlinks(ctx, passageId),
  };
}
