import type { Command, CommandGroup } from '../command';
import { backlinksCommand, deleteThreadCommand, exportCommand, importNotebookCommand } from './export';
import { noteCommand } from './note';
import { stanceCommand, stancesCommand } from './stance';
import { trailCommand } from './trail';

export const NOTEBOOK_COMMANDS: Record<string, Command | CommandGroup> = {
  trail: trailCommand,
  stance: stanceCommand,
  stances: stancesCommand,
  note: noteCommand,
  backlinks: backlinksCommand,
  export: exportCommand,
  'import-notebook': importNotebookCommand,
  'delete-thread': deleteThreadCommand,
};
