import type { ParseArgsConfig } from 'node:util';
import { Library } from '../core/library/library';
import { resolveLibraryPath } from '../core/library/location';
import { UsageError, type CliIO } from './io';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Command {
  summary: string;
  usage: string;
  options: Options;
  run(args: { positionals: string[]; values: Values }, io: CliIO): Promise<number>;
}

/** A command with subcommands (`crux trail add …`): each parses its own options. */
export interface CommandGroup {
  summary: string;
  usage: string;
  subcommands: Record<string, Command>;
}

export const common: Options = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export const COMMON_HELP = `  --db PATH   library file (default: $CRUX_DB, else the app-data folder, e.g. ~/.config/Crux/library.sqlite)
  --json      machine-readable output on stdout
  -h, --help  this help`;

export function openLibrary(values: Values, io: CliIO): Library {
  return Library.open(resolveLibraryPath(values.db as string | undefined, io.env));
}

/** Opens the library, runs `body`, and closes it whatever happens. */
export async function withLibrary<T>(
  values: Values,
  io: CliIO,
  body: (library: Library) => T | Promise<T>,
): Promise<T> {
  const library = openLibrary(values, io);
  try {
    return await body(library);
  } finally {
    library.close();
  }
}

export function writeJson(io: CliIO, value: unknown): void {
  io.stdout.write(JSON.stringify(value) + '\n');
}

export function positiveInt(value: string | undefined, message: string): number {
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(message);
  return n;
}

export function nonNegativeInt(value: string, message: string): number {
  return value === '0' ? 0 : positiveInt(value, message);
}
