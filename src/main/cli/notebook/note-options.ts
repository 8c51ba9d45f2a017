import fs from 'node:fs';
import type { NoteInput } from '../../core/notebook';
import type { Options, Values } from '../command';
import { UsageError } from '../io';

export const NOTE_OPTIONS: Options = {
  'note-md': { type: 'string' },
  'note-file': { type: 'string' },
  'note-json': { type: 'string' },
};

export const NOTE_HELP = `  --note-md TEXT    the note as Markdown: headings, lists, **bold**, *italic*, \`code\`, [links](https://…);
                    a line [[passage:ID]] or [[passage:ID:START-END]] embeds a passage, [[trail:ID]] refers to a trail
  --note-file F     the same, read from a Markdown file (- for standard input)
  --note-json F     the note as Lexical editor state (JSON), as the app saves it`;

/** The note given on the command line, or undefined when none of the note options is there. */
export function noteInput(values: Values, prefix = 'note'): NoteInput | undefined {
  const given = (['md', 'file', 'json'] as const).filter((k) => values[`${prefix}-${k}`] !== undefined);
  if (given.length > 1) {
    throw new UsageError(`give the ${prefix} once: ${given.map((k) => `--${prefix}-${k}`).join(' and ')} both given`);
  }
  const md = values[`${prefix}-md`] as string | undefined;
  if (md !== undefined) return { markdown: md };
  const file = values[`${prefix}-file`] as string | undefined;
  if (file !== undefined) return { markdown: readText(file, `--${prefix}-file`), origin: `--${prefix}-file ${file}` };
  const json = values[`${prefix}-json`] as string | undefined;
  if (json !== undefined) return { state: readText(json, `--${prefix}-json`), origin: `--${prefix}-json ${json}` };
  return undefined;
}

export function readText(file: string, option: string): string {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : (e as Error).message;
    throw new UsageError(`${option} ${file}: ${why}`);
  }
}

/** `START:END` character offsets into the passage's text. */
export function spanOption(value: string | undefined): { start: number; end: number } | null {
  if (value === undefined) return null;
  const m = /^(\d+):(\d+)$/.exec(value);
  if (!m) throw new UsageError(`--span must be START:END (character offsets), not ${JSON.stringify(value)}`);
  return { start: Number(m[1]), end: Number(m[2]) };
}

export function confidenceOption(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^\d{1,3}$/.test(value) || Number(value) > 100) {
    throw new UsageError(`--confidence must be a whole number from 0 to 100, not ${JSON.stringify(value)}`);
  }
  return Number(value);
}
