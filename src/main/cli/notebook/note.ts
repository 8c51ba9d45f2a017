import {
  createNote,
  deleteNote,
  editNote,
  getNote,
  listNotes,
  redoNotes,
  undoNotes,
  type NewNoteTarget,
} from '../../core/notebook';
import {
  common,
  COMMON_HELP,
  positiveInt,
  withLibrary,
  writeJson,
  type Command,
  type CommandGroup,
  type Values,
} from '../command';
import { UsageError } from '../io';
import { historyCommands } from './history';
import { NOTE_HELP, NOTE_OPTIONS, noteInput } from './note-options';
import { renderNote, renderNotes } from './render';

const TARGET_OPTIONS = {
  passage: { type: 'string' },
  thread: { type: 'string' },
  trail: { type: 'string' },
} as const;

function target(values: Values): NewNoteTarget {
  const given = (['passage', 'thread', 'trail'] as const).filter((k) => values[k] !== undefined);
  if (given.length > 1)
    throw new UsageError(`a note is about one thing: ${given.map((k) => `--${k}`).join(' and ')} both given`);
  const kind = given[0];
  if (!kind) return { kind: 'none' };
  const id = positiveInt(values[kind] as string, `--${kind} needs an id`);
  if (kind === 'passage') return { kind, passageId: id };
  if (kind === 'thread') return { kind, threadId: id };
  return { kind, trailId: id };
}

function noteId(value: string | undefined): number {
  return positiveInt(value, 'needs a note id (see: crux note list)');
}

function requiredNote(values: Values): NonNullable<ReturnType<typeof noteInput>> {
  const note = noteInput(values);
  if (!note) throw new UsageError('needs the note: --note-md TEXT, --note-file F or --note-json F');
  return note;
}

const subcommands: Record<string, Command> = {
  new: {
    summary: 'write a note, about a passage, a thread, a trail, or nothing in particular',
    usage: `crux note new [--passage ID | --thread ID | --trail ID] (--note-md TEXT | --note-file F | --note-json F) [--db PATH] [--json]

Prints the new note's id; JSON: {"id"}. A step's note is written with crux trail note.
${NOTE_HELP}
${COMMON_HELP}`,
    options: { ...common, ...NOTE_OPTIONS, ...TARGET_OPTIONS },
    async run({ values }, io) {
      const about = target(values);
      const note = requiredNote(values);
      const id = await withLibrary(values, io, (library) => createNote(library.notebook, about, note));
      if (values.json) writeJson(io, { id });
      else io.stdout.write(`note ${id} saved\n`);
      return 0;
    },
  },
  list: {
    summary: 'list notes',
    usage: `crux note list [--passage ID | --thread ID | --trail ID] [--db PATH] [--json]

JSON: [{"id","target","title","createdAt","updatedAt"}]
${COMMON_HELP}`,
    options: { ...common, ...TARGET_OPTIONS },
    async run({ values }, io) {
      const about = target(values);
      const filter = {
        passageId: about.kind === 'passage' ? about.passageId : undefined,
        threadId: about.kind === 'thread' ? about.threadId : undefined,
        trailId: about.kind === 'trail' ? about.trailId : undefined,
      };
      const notes = await withLibrary(values, io, (library) => listNotes(library.notebook, filter));
      if (values.json) writeJson(io, notes);
      else io.stdout.write(renderNotes(notes));
      return 0;
    },
  },
  show: {
    summary: 'show a note as Markdown',
    usage: `crux note show <noteId> [--db PATH] [--json]

JSON: {"id","target","title","createdAt","updatedAt","state","text","markdown","cited"}
${COMMON_HELP}`,
    options: common,
    async run({ positionals, values }, io) {
      const id = noteId(positionals[0]);
      const note = await withLibrary(values, io, (library) => getNote(library.notebook, id));
      if (values.json) writeJson(io, note);
      else io.stdout.write(renderNote(note));
      return 0;
    },
  },
  edit: {
    summary: "replace a note's text",
    usage: `crux note edit <noteId> (--note-md TEXT | --note-file F | --note-json F) [--db PATH] [--json]\n\n${NOTE_HELP}\n${COMMON_HELP}`,
    options: { ...common, ...NOTE_OPTIONS },
    async run({ positionals, values }, io) {
      const id = noteId(positionals[0]);
      const note = requiredNote(values);
      await withLibrary(values, io, (library) => editNote(library.notebook, id, note));
      if (values.json) writeJson(io, { id });
      else io.stdout.write(`note ${id} saved\n`);
      return 0;
    },
  },
  delete: {
    summary: 'delete a note (crux note undo brings it back)',
    usage: `crux note delete <noteId> [--db PATH] [--json]\n\n${COMMON_HELP}`,
    options: common,
    async run({ positionals, values }, io) {
      const id = noteId(positionals[0]);
      await withLibrary(values, io, (library) => deleteNote(library.notebook, id));
      if (values.json) writeJson(io, { id });
      else io.stdout.write(`note ${id} deleted\n`);
      return 0;
    },
  },
  ...historyCommands({
    group: 'note',
    undoes: 'the last change to a note outside trails (notes on a trail: crux trail undo)',
    undo: (library) => undoNotes(library.notebook),
    redo: (library) => redoNotes(library.notebook),
  }),
};

export const noteCommand: CommandGroup = {
  summary: 'personal notes (rich text), searchable beside the passages',
  usage: `crux note <command> …

Commands:
${Object.entries(subcommands)
  .map(([name, c]) => `  ${name.padEnd(7)} ${c.summary}`)
  .join('\n')}

Run crux note <command> --help for its options.`,
  subcommands,
};
