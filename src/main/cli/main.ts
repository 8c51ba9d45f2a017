import { parseArgs } from 'node:util';
import { THREAD_FORMATS, type ImportSummary, type SearchResult } from '../../shared/model/library';
import type { ImportFormatOption } from '../core/import/import-file';
import { isCruxError } from '../core/errors';
import { serveCommand } from '../http/serve';
import {
  common,
  COMMON_HELP,
  nonNegativeInt,
  openLibrary,
  positiveInt,
  writeJson,
  type Command,
  type CommandGroup,
} from './command';
import { EXIT, UsageError, type CliIO } from './io';
import { NOTEBOOK_COMMANDS } from './notebook';
import { ProgressBar } from './progress';
import { markMatches, renderSearch, renderThread, renderThreads } from './render';

const commands: Record<string, Command | CommandGroup> = {
  import: {
    summary: 'import thread files (text, Markdown, forum, Reddit, HN and mail exports) into the library',
    usage: `crux import <file|folder|zip…> [--format F] [--title T] [--db PATH] [--json]

Each file imports whole or not at all: a file that fails is reported and leaves the library as it
was; the other files still import. Folders and .zip archives import every file inside. Importing a
file again adds nothing; a newer export of the same thread adds only new posts, edits and passages.
  --format F  auto (default: detected from the content and extension), or one of
              ${THREAD_FORMATS.join(', ')}
  --title T   the thread's title (default: the leading Markdown heading, else the file name)
${COMMON_HELP}`,
    options: { ...common, format: { type: 'string' }, title: { type: 'string' } },
    async run({ positionals, values }, io) {
      if (positionals.length === 0) throw new UsageError('import needs at least one file');
      const format = (values.format as string | undefined) ?? 'auto';
      if (format !== 'auto' && !(THREAD_FORMATS as readonly string[]).includes(format)) {
        throw new UsageError(
          `--format must be auto or one of ${THREAD_FORMATS.join(', ')}, not ${JSON.stringify(format)}`,
        );
      }
      const library = openLibrary(values, io);
      const progress = new ProgressBar(io.stderr);
      const abort = new AbortController();
      const onSigint = (): void => abort.abort();
      process.once('SIGINT', onSigint);
      const imported: ImportSummary[] = [];
      const failed: { file: string; error: string }[] = [];
      let cancelled = false;
      try {
        for (const file of positionals) {
          try {
            const result = await library.importPaths([file], {
              format: format as ImportFormatOption,
              title: values.title as string | undefined,
              onProgress: (p) => progress.update(p),
              signal: abort.signal,
            });
            progress.clear();
            for (const summary of result.imported) {
              for (const w of summary.warnings) io.stderr.write(`crux: warning: ${w}\n`);
              if (!values.json) io.stdout.write(describeImport(summary));
            }
            for (const f of result.failed) io.stderr.write(`crux: ${f.error}\n`);
            imported.push(...result.imported);
            failed.push(...result.failed);
          } catch (e) {
            progress.clear();
            if (!isCruxError(e) || e.code !== 'cancelled') throw e;
            io.stderr.write(`crux: ${e.message}\n`);
            cancelled = true;
            break;
          }
        }
      } finally {
        process.off('SIGINT', onSigint);
        library.close();
      }
      if (values.json) writeJson(io, { imported, failed });
      if (cancelled) return EXIT.cancelled;
      return failed.length > 0 ? EXIT.badInput : EXIT.ok;
    },
  },

  threads: {
    summary: 'list the threads in the library',
    usage: `crux threads [--db PATH] [--json]\n\n${COMMON_HELP}`,
    options: common,
    async run({ values }, io) {
      const library = openLibrary(values, io);
      try {
        const threads = library.threads();
        if (values.json) writeJson(io, threads);
        else io.stdout.write(renderThreads(threads));
      } finally {
        library.close();
      }
      return EXIT.ok;
    },
  },

  show: {
    summary: 'show a thread as a conversation',
    usage: `crux show <threadId> [--db PATH] [--json]

Prints the thread in reading order; the words a passage answers are shown as > lines above it.
${COMMON_HELP}`,
    options: common,
    async run({ positionals, values }, io) {
      const threadId = positiveInt(positionals[0], 'show needs a thread id (see: crux threads)');
      const library = openLibrary(values, io);
      try {
        const view = library.thread(threadId);
        if (values.json) writeJson(io, view);
        else io.stdout.write(renderThread(view));
      } finally {
        library.close();
      }
      return EXIT.ok;
    },
  },

  search: {
    summary: 'search every passage in the library',
    usage: `crux search <query> [--limit N] [--offset N] [--no-expand] [--db PATH] [--json]

Query language: words (all must match), "exact phrases", prefix*, -excluded words, a OR b,
thread:ID and author:NAME. Words that find little are also searched as close library terms
(optimiser finds optimizer); --no-expand turns that off.
  --limit N   results per page (default 20, at most 200)
  --offset N  skip the first N results
${COMMON_HELP}`,
    options: { ...common, limit: { type: 'string' }, offset: { type: 'string' }, 'no-expand': { type: 'boolean' } },
    async run({ positionals, values }, io) {
      if (positionals.length === 0) throw new UsageError('search needs a query');
      const query = positionals.join(' ');
      const limit =
        values.limit === undefined
          ? 20
          : positiveInt(values.limit as string, '--limit must be a whole number from 1 to 200');
      if (limit > 200) throw new UsageError('--limit must be a whole number from 1 to 200');
      const offset =
        values.offset === undefined ? 0 : nonNegativeInt(values.offset as string, '--offset must be a whole number');
      const library = openLibrary(values, io);
      try {
        const result = library.query({ query, limit, offset, expand: !values['no-expand'] });
        if (values.json) writeJson(io, jsonSearch(result));
        else io.stdout.write(renderSearch(query, result, offset, Boolean(io.stdout.isTTY)));
      } finally {
        library.close();
      }
      return EXIT.ok;
    },
  },

  serve: {
    summary: 'serve the app to a browser on this machine (loopback only, with a per-run token)',
    usage: 'crux serve [--port N] [--db PATH]',
    options: {},
    // The HTTP door parses its own arguments and prints its own help: src/main/http/serve.ts.
    run: () => Promise.resolve(EXIT.internal),
  },

  ...NOTEBOOK_COMMANDS,
};

function jsonSearch(result: SearchResult): unknown {
  return {
    total: result.total,
    hits: result.hits.map((h) => ({ ...h, snippet: markMatches(h.snippet, false) })),
    suggestions: result.suggestions,
    expandedWith: result.expandedWith,
  };
}

function describeImport(s: ImportSummary): string {
  const what = s.newPassages === 0 ? 'nothing new' : `${s.newPassages} new passage${s.newPassages === 1 ? '' : 's'}`;
  return `${s.file}: ${what} → thread ${s.threadId} "${s.title}" (${s.format}; ${s.posts} post${s.posts === 1 ? '' : 's'}, ${s.passages} passages, ${s.links} links)\n`;
}

function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return `crux — a research notebook for arguments

Usage: crux <command> [options]   (from a clone: npm run cli -- <command> [options])

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Run crux <command> --help for a command's options.
`;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainHelp());
    return name ? EXIT.ok : EXIT.badInput;
  }
  const entry = commands[name];
  if (!entry) {
    io.stderr.write(`crux: unknown command ${JSON.stringify(name)}; run crux --help\n`);
    return EXIT.badInput;
  }
  let label = name;
  let usage = entry.usage;
  try {
    if (name === 'serve') {
      return await serveCommand(rest, {
        stdout: (line) => io.stdout.write(`${line}\n`),
        stderr: (line) => io.stderr.write(`${line}\n`),
      });
    }
    let command: Command;
    let args = rest;
    if ('subcommands' in entry) {
      const [sub, ...subArgs] = rest;
      if (!sub || sub === '--help' || sub === '-h') {
        io.stdout.write(entry.usage + '\n');
        return sub ? EXIT.ok : EXIT.badInput;
      }
      const found = entry.subcommands[sub];
      if (!found) throw new UsageError(`unknown subcommand ${JSON.stringify(sub)}`);
      command = found;
      args = subArgs;
      label = `${name} ${sub}`;
      usage = found.usage;
    } else {
      command = entry;
    }
    const parsed = parseArgs({ args, options: command.options, allowPositionals: true, strict: true });
    if (parsed.values.help) {
      io.stdout.write(command.usage + '\n');
      return EXIT.ok;
    }
    return await command.run(parsed as Parameters<Command['run']>[0], io);
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith?.('ERR_PARSE_ARGS')) {
      io.stderr.write(`crux ${label}: ${(e as Error).message}\nusage: ${usage.split('\n')[0]}\n`);
      return EXIT.badInput;
    }
    if (isCruxError(e)) {
      io.stderr.write(`crux: ${e.message}\n`);
      return e.code === 'cancelled' ? EXIT.cancelled : EXIT.badInput;
    }
    io.stderr.write(`crux: internal error: ${(e as Error).message}\n`);
    return EXIT.internal;
  }
}
