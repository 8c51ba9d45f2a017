import { STANCES } from '../../../shared/model/notebook';
import { listStances, redoStances, setStance, undoStances } from '../../core/notebook';
import { stanceOf } from '../../core/notebook/validate';
import { common, COMMON_HELP, positiveInt, withLibrary, writeJson, type Command, type CommandGroup } from '../command';
import { UsageError } from '../io';
import { historyCommands } from './history';
import { confidenceOption } from './note-options';
import { renderStances } from './render';

const list: Command = {
  summary: 'list your stances, in the ledger and on trail steps',
  usage: `crux stance list [--stance S] [--author NAME] [--thread ID] [--trail ID] [--passage ID] [--db PATH] [--json]

Every stance you set, on passages directly (crux stance set) and on trail steps. Also: crux stances.
JSON: [{"passageId","stance","confidence","trailId","stepId","updatedAt","cited"}]; trailId and stepId
are null for the ledger.
  --stance S     only ${STANCES.join(', ')}
  --author NAME  only passages by this author (any case)
  --thread ID    only passages of this thread
  --trail ID     only the steps of this trail
${COMMON_HELP}`,
  options: {
    ...common,
    stance: { type: 'string' },
    author: { type: 'string' },
    thread: { type: 'string' },
    trail: { type: 'string' },
    passage: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected ${JSON.stringify(positionals[0])}`);
    const id = (key: string): number | undefined =>
      values[key] === undefined ? undefined : positiveInt(values[key] as string, `--${key} needs an id`);
    const filter = {
      stance: values.stance === undefined ? undefined : stanceOf(values.stance as string),
      author: values.author as string | undefined,
      threadId: id('thread'),
      trailId: id('trail'),
      passageId: id('passage'),
    };
    const stances = await withLibrary(values, io, (library) => listStances(library.notebook, filter));
    if (values.json) writeJson(io, stances);
    else io.stdout.write(renderStances(stances));
    return 0;
  },
};

const set: Command = {
  summary: 'set (or with none, clear) your stance on a passage',
  usage: `crux stance set <passageId> <${STANCES.join('|')}|none> [--confidence N] [--db PATH] [--json]\n\n${COMMON_HELP}`,
  options: { ...common, confidence: { type: 'string' } },
  async run({ positionals, values }, io) {
    const passageId = positiveInt(positionals[0], 'needs a passage id (see: crux show <threadId>, crux search)');
    const value = positionals[1];
    if (value === undefined) throw new UsageError(`needs a stance: ${STANCES.join(', ')}, or none`);
    const stance = value === 'none' ? null : stanceOf(value);
    const confidence = confidenceOption(values.confidence as string | undefined);
    await withLibrary(values, io, (library) => setStance(library.notebook, passageId, stance, confidence));
    if (values.json) writeJson(io, { passageId, stance, confidence });
    else
      io.stdout.write(
        `passage ${passageId}: ${stance ?? 'no stance'}${confidence === null ? '' : ` (${confidence} %)`}\n`,
      );
    return 0;
  },
};

export const stanceCommand: CommandGroup = {
  summary: 'the stance ledger: agree, disagree, partly or unsure, on any passage',
  usage: `crux stance <command> …

Commands:
  set     set (or clear) your stance on a passage
  list    list your stances (crux stances is the same)
  undo    take back the last stance you set
  redo    do again what undo took back

Run crux stance <command> --help for its options.`,
  subcommands: {
    set,
    list,
    ...historyCommands({
      group: 'stance',
      undoes: 'the last stance you set',
      undo: (library) => undoStances(library.notebook),
      redo: (library) => redoStances(library.notebook),
    }),
  },
};

export const stancesCommand: Command = { ...list, summary: 'list your stances (as crux stance list)' };
