import type { Library } from '../../core/library/library';
import { common, COMMON_HELP, withLibrary, writeJson, type Command } from '../command';

export type Verb = 'undo' | 'redo';

type Replay = (library: Library, positionals: string[]) => string | undefined;

/**
 * `crux <group> undo|redo [<id>]`: takes back (or does again) the last change of one history and
 * says which; JSON {"undone"|"redone": label or null}.
 */
export function historyCommands(options: {
  group: string;
  /** What undo takes back, for its help line. */
  undoes: string;
  /** The positional the history needs, e.g. `<trailId>`, if any. */
  argument?: string;
  undo: Replay;
  redo: Replay;
}): { undo: Command; redo: Command } {
  const { group, undoes, argument } = options;
  return {
    undo: historyCommand(group, 'undo', `take back ${undoes}`, argument, options.undo),
    redo: historyCommand(group, 'redo', 'do again what undo took back', argument, options.redo),
  };
}

function historyCommand(
  group: string,
  verb: Verb,
  summary: string,
  argument: string | undefined,
  replay: Replay,
): Command {
  const key = verb === 'undo' ? 'undone' : 'redone';
  return {
    summary,
    usage: `crux ${group} ${verb}${argument ? ` ${argument}` : ''} [--db PATH] [--json]

JSON: {"${key}": "<what>"} (null when there was nothing to ${verb}).
${COMMON_HELP}`,
    options: common,
    async run({ positionals, values }, io) {
      const label = await withLibrary(values, io, (library) => replay(library, positionals));
      if (values.json) writeJson(io, { [key]: label ?? null });
      else io.stdout.write(label ? `${key}: ${label}\n` : `nothing to ${verb}\n`);
      return 0;
    },
  };
}
