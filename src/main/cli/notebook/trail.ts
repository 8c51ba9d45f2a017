import { RELATIONS, STANCES, type Relation, type Stance, type Trail } from '../../../shared/model/notebook';
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
} from '../../core/notebook';
import { relationOf, stanceOf } from '../../core/notebook/validate';
import { common, COMMON_HELP, positiveInt, withLibrary, writeJson, type Command, type CommandGroup } from '../command';
import { UsageError } from '../io';
import { historyCommands } from './history';
import { confidenceOption, NOTE_HELP, NOTE_OPTIONS, noteInput, spanOption } from './note-options';
import { renderTrail, renderTrails } from './render';

const ids = {
  trail: (v: string | undefined) => positiveInt(v, 'needs a trail id (see: crux trail list)'),
  step: (v: string | undefined) => positiveInt(v, 'needs a step id (see: crux trail show <trailId>)'),
  passage: (v: string | undefined) => positiveInt(v, 'needs a passage id (see: crux show <threadId>, crux search)'),
};

const DESCRIPTION_OPTIONS = {
  'description-md': { type: 'string' },
  'description-file': { type: 'string' },
  'description-json': { type: 'string' },
} as const;

function done(json: unknown, text: string): (io: Parameters<Command['run']>[1], asJson: boolean) => number {
  return (io, asJson) => {
    if (asJson) writeJson(io, json);
    else io.stdout.write(text + '\n');
    return 0;
  };
}

function stanceArg(value: string | undefined): Stance | null {
  if (value === undefined) throw new UsageError(`needs a stance: ${STANCES.join(', ')}, or none`);
  return value === 'none' ? null : stanceOf(value);
}

function relationArg(value: string | undefined): Relation | null {
  if (value === undefined) throw new UsageError(`needs a relation: ${RELATIONS.join(', ')}, or none`);
  return value === 'none' ? null : relationOf(value);
}

/** The documented JSON of `trail show`: fixed keys first, then what else a script may want. */
export function trailJson(trail: Trail): unknown {
  return {
    id: trail.id,
    title: trail.title,
    steps: trail.steps.map((s) => ({
      id: s.id,
      passageId: s.passageId,
      span: s.span,
      relation: s.relation,
      to: s.to,
      stance: s.stance,
      confidence: s.confidence,
      noteMarkdown: s.noteMarkdown,
      position: s.position,
      cited: s.cited,
    })),
    tags: trail.tags,
    descriptionMarkdown: trail.descriptionMarkdown,
    createdAt: trail.createdAt,
    updatedAt: trail.updatedAt,
    canUndo: trail.canUndo,
    canRedo: trail.canRedo,
  };
}

const subcommands: Record<string, Command> = {
  new: {
    summary: 'start a trail',
    usage: `crux trail new <title> [--tag T]… [--description-md TEXT | --description-file F] [--db PATH] [--json]

Prints the new trail's id; JSON: {"id"}.
  --tag T                a tag (repeat for more)
  --description-md TEXT  what the trail is about, as Markdown (--description-file F: from a file,
                         --description-json F: as Lexical state)
${COMMON_HELP}`,
    options: { ...common, tag: { type: 'string', multiple: true }, ...DESCRIPTION_OPTIONS },
    async run({ positionals, values }, io) {
      const title = positionals.join(' ');
      if (title.trim() === '') throw new UsageError('needs a title');
      const id = await withLibrary(values, io, (library) =>
        createTrail(library.notebook, {
          title,
          tags: (values.tag as string[] | undefined) ?? [],
          description: noteInput(values, 'description') ?? null,
        }),
      );
      return done({ id }, `trail ${id} created`)(io, Boolean(values.json));
    },
  },

  list: {
    summary: 'list the trails',
    usage: `crux trail list [--db PATH] [--json]\n\n${COMMON_HELP}`,
    options: common,
    async run({ values }, io) {
      const trails = await withLibrary(values, io, (library) => listTrails(library.notebook));
      if (values.json) writeJson(io, trails);
      else io.stdout.write(renderTrails(trails));
      return 0;
    },
  },

  show: {
    summary: 'show a trail, step by step',
    usage: `crux trail show <trailId> [--db PATH] [--json]

JSON: {"id","title","steps":[{"id","passageId","span","relation","to","stance","confidence","noteMarkdown",
"position","cited"}],"tags","descriptionMarkdown","createdAt","updatedAt","canUndo","canRedo"}
${COMMON_HELP}`,
    options: common,
    async run({ positionals, values }, io) {
      const trailId = ids.trail(positionals[0]);
      const trail = await withLibrary(values, io, (library) => getTrail(library.notebook, trailId));
      if (values.json) writeJson(io, trailJson(trail));
      else io.stdout.write(renderTrail(trail));
      return 0;
    },
  },

  edit: {
    summary: "change a trail's title, tags or description",
    usage: `crux trail edit <trailId> [--title T] [--tag T]… [--no-tags] [--description-md TEXT | --description-file F | --no-description] [--db PATH]

--tag replaces the tags with those given.
${COMMON_HELP}`,
    options: {
      ...common,
      title: { type: 'string' },
      tag: { type: 'string', multiple: true },
      'no-tags': { type: 'boolean' },
      'no-description': { type: 'boolean' },
      ...DESCRIPTION_OPTIONS,
    },
    async run({ positionals, values }, io) {
      const trailId = ids.trail(positionals[0]);
      const description = noteInput(values, 'description');
      if (description && values['no-description'])
        throw new UsageError('--no-description and a description both given');
      if (values.tag && values['no-tags']) throw new UsageError('--no-tags and --tag both given');
      await withLibrary(values, io, (library) =>
        editTrail(library.notebook, trailId, {
          title: values.title as string | undefined,
          tags: values['no-tags'] ? [] : (values.tag as string[] | undefined),
          description: values['no-description'] ? null : description,
        }),
      );
      return done({ id: trailId }, `trail ${trailId} changed`)(io, Boolean(values.json));
    },
  },

  add: {
    summary: 'add a passage (or a span of one) as a step',
    usage: `crux trail add <trailId> <passageId> [--span START:END] [--relation R] [--to STEP_ID] [--stance S] [--confidence N] [--note-md TEXT] [--at POSITION] [--db PATH] [--json]

Adds a step at the end (or at --at). It answers the step before it unless --to says which; JSON: {"stepId"}.
  --span START:END  only these characters of the passage (offsets into its text, END exclusive)
  --relation R      how it answers that step: ${RELATIONS.join(', ')}
  --to STEP_ID      the earlier step it answers
  --stance S        ${STANCES.join(', ')}; --confidence N (0–100) with it
${NOTE_HELP}
${COMMON_HELP}`,
    options: {
      ...common,
      ...NOTE_OPTIONS,
      span: { type: 'string' },
      relation: { type: 'string' },
      to: { type: 'string' },
      stance: { type: 'string' },
      confidence: { type: 'string' },
      at: { type: 'string' },
    },
    async run({ positionals, values }, io) {
      const trailId = ids.trail(positionals[0]);
      const passageId = ids.passage(positionals[1]);
      if (positionals.length > 2) throw new UsageError(`unexpected ${JSON.stringify(positionals[2])}`);
      const input = {
        passageId,
        span: spanOption(values.span as string | undefined),
        relation: values.relation === undefined ? null : relationOf(values.relation as string),
        to: values.to === undefined ? undefined : positiveInt(values.to as string, '--to needs a step id'),
        stance: values.stance === undefined ? null : stanceOf(values.stance as string),
        confidence: confidenceOption(values.confidence as string | undefined),
        note: noteInput(values) ?? null,
        position:
          values.at === undefined ? undefined : positiveInt(values.at as string, '--at needs a position (1, 2, …)'),
      };
      const stepId = await withLibrary(values, io, (library) => addStep(library.notebook, trailId, input));
      return done({ stepId }, `step ${stepId} added to trail ${trailId}`)(io, Boolean(values.json));
    },
  },

  move: {
    summary: 'move a step to another place in the trail',
    usage: `crux trail move <trailId> <stepId> <position> [--db PATH] [--json]\n\n${COMMON_HELP}`,
    options: common,
    async run({ positionals, values }, io) {
      const [trailId, stepId] = [ids.trail(positionals[0]), ids.step(positionals[1])];
      const position = positiveInt(positionals[2], 'needs the new position (1, 2, …)');
      await withLibrary(values, io, (library) => moveStep(library.notebook, trailId, stepId, position));
      return done({ stepId, position }, `step ${stepId} is now step ${position}`)(io, Boolean(values.json));
    },
  },

  relate: {
    summary: 'say how a step answers an earlier one',
    usage: `crux trail relate <trailId> <stepId> <relation|none> [--to STEP_ID] [--db PATH] [--json]

Relations: ${RELATIONS.join(', ')}. Without --to the step keeps answering the step it answered.
${COMMON_HELP}`,
    options: { ...common, to: { type: 'string' } },
    async run({ positionals, values }, io) {
      const [trailId, stepId] = [ids.trail(positionals[0]), ids.step(positionals[1])];
      const relation = relationArg(positionals[2]);
      const to = values.to === undefined ? undefined : positiveInt(values.to as string, '--to needs a step id');
      await withLibrary(values, io, (library) => relateStep(library.notebook, trailId, stepId, relation, to));
      return done({ stepId, relation }, `step ${stepId}: ${relation ?? 'no relation'}`)(io, Boolean(values.json));
    },
  },

  stance: {
    summary: "set your stance on a step's passage",
    usage: `crux trail stance <trailId> <stepId> <${STANCES.join('|')}|none> [--confidence N] [--db PATH] [--json]\n\n${COMMON_HELP}`,
    options: { ...common, confidence: { type: 'string' } },
    async run({ positionals, values }, io) {
      const [trailId, stepId] = [ids.trail(positionals[0]), ids.step(positionals[1])];
      const stance = stanceArg(positionals[2]);
      const confidence = confidenceOption(values.confidence as string | undefined);
      await withLibrary(values, io, (library) => setStepStance(library.notebook, trailId, stepId, stance, confidence));
      return done({ stepId, stance, confidence }, `step ${stepId}: ${stance ?? 'no stance'}`)(io, Boolean(values.json));
    },
  },

  note: {
    summary: "write (or with --clear remove) a step's note",
    usage: `crux trail note <trailId> <stepId> (--note-md TEXT | --note-file F | --note-json F | --clear) [--db PATH] [--json]

${NOTE_HELP}
${COMMON_HELP}`,
    options: { ...common, ...NOTE_OPTIONS, clear: { type: 'boolean' } },
    async run({ positionals, values }, io) {
      const [trailId, stepId] = [ids.trail(positionals[0]), ids.step(positionals[1])];
      const note = noteInput(values);
      if (!note && !values.clear) throw new UsageError('needs --note-md, --note-file, --note-json or --clear');
      if (note && values.clear) throw new UsageError('--clear and a note both given');
      await withLibrary(values, io, (library) => setStepNote(library.notebook, trailId, stepId, note ?? null));
      return done({ stepId }, `step ${stepId}: note ${note ? 'saved' : 'removed'}`)(io, Boolean(values.json));
    },
  },

  remove: {
    summary: 'remove a step (what answered it then answers what it answered)',
    usage: `crux trail remove <trailId> <stepId> [--db PATH] [--json]\n\n${COMMON_HELP}`,
    options: common,
    async run({ positionals, values }, io) {
      const [trailId, stepId] = [ids.trail(positionals[0]), ids.step(positionals[1])];
      await withLibrary(values, io, (library) => removeStep(library.notebook, trailId, stepId));
      return done({ stepId }, `step ${stepId} removed`)(io, Boolean(values.json));
    },
  },

  ...historyCommands({
    group: 'trail',
    argument: '<trailId>',
    undoes: "the trail's last change",
    undo: (library, positionals) => undoTrail(library.notebook, ids.trail(positionals[0])),
    redo: (library, positionals) => redoTrail(library.notebook, ids.trail(positionals[0])),
  }),

  delete: {
    summary: 'delete a trail (crux trail undo brings it back)',
    usage: `crux trail delete <trailId> [--db PATH] [--json]\n\n${COMMON_HELP}`,
    options: common,
    async run({ positionals, values }, io) {
      const trailId = ids.trail(positionals[0]);
      await withLibrary(values, io, (library) => deleteTrail(library.notebook, trailId));
      return done({ id: trailId }, `trail ${trailId} deleted (crux trail undo ${trailId} brings it back)`)(
        io,
        Boolean(values.json),
      );
    },
  },
};

export const trailCommand: CommandGroup = {
  summary: 'argument trails: chains of passages, each answering an earlier one',
  usage: `crux trail <command> …

Commands:
${Object.entries(subcommands)
  .map(([name, c]) => `  ${name.padEnd(7)} ${c.summary}`)
  .join('\n')}

Run crux trail <command> --help for its options.`,
  subcommands,
};
