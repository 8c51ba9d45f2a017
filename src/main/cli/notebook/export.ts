import fs from 'node:fs';
import path from 'node:path';
import {
  backlinks,
  exportNotebookJson,
  exportNotebookMarkdown,
  exportTrail,
  TRAIL_EXPORT_FORMATS,
  type TrailExportFormat,
} from '../../core/notebook';
import { common, COMMON_HELP, positiveInt, withLibrary, writeJson, type Command, type CommandGroup } from '../command';
import { UsageError } from '../io';
import { readText } from './note-options';
import { renderBacklinks } from './render';

/** Writes next to the target and renames, so that a failed export never leaves half a file. */
function writeFileAtomic(file: string, content: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, content);
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw new UsageError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

function formatOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--format must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
}

const trail: Command = {
  summary: 'export a trail as Markdown, Argdown or JSON',
  usage: `crux export trail <trailId> [--format md|argdown|json] [--out FILE] [--db PATH]

Writes to standard output without --out. md (the default): a document with YAML frontmatter, each step's
passage quoted with its author, thread, date and link, your stance and note (docs/export.md). argdown:
an argument map for the Argdown tools. json: the trail and what it cites, for crux import-notebook.
  --out FILE  write to this file instead
${COMMON_HELP}`,
  options: { ...common, format: { type: 'string' }, out: { type: 'string' } },
  async run({ positionals, values }, io) {
    const trailId = positiveInt(positionals[0], 'needs a trail id (see: crux trail list)');
    const format = formatOf<TrailExportFormat>(values.format as string | undefined, TRAIL_EXPORT_FORMATS, 'md');
    const text = await withLibrary(values, io, (library) => exportTrail(library.notebook, trailId, format));
    if (values.out) {
      writeFileAtomic(values.out as string, text);
      io.stderr.write(`crux: trail ${trailId} written to ${values.out as string}\n`);
    } else io.stdout.write(text);
    return 0;
  },
};

const notebook: Command = {
  summary: 'export every trail and note, as a folder of Markdown files or one JSON file',
  usage: `crux export notebook --format md|json --out DIR|FILE [--db PATH] [--json]

md: a folder with index.md and one file per trail (created if missing; files of the same names are
replaced). json: one file holding every trail, step, stance and note and the passages they cite;
crux import-notebook reads it back into any library.
${COMMON_HELP}`,
  options: { ...common, format: { type: 'string' }, out: { type: 'string' } },
  async run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected ${JSON.stringify(positionals[0])}`);
    const format = formatOf(values.format as string | undefined, ['md', 'json'] as const, 'md');
    const out = values.out as string | undefined;
    if (!out) throw new UsageError(`needs --out ${format === 'md' ? 'DIR' : 'FILE'}`);
    if (format === 'json') {
      const text = await withLibrary(values, io, (library) => exportNotebookJson(library.notebook));
      writeFileAtomic(out, text);
      if (values.json) writeJson(io, { files: [out] });
      else io.stdout.write(`notebook written to ${out}\n`);
      return 0;
    }
    const files = await withLibrary(values, io, (library) => exportNotebookMarkdown(library.notebook));
    try {
      fs.mkdirSync(out, { recursive: true });
    } catch (e) {
      throw new UsageError(`cannot create ${out}: ${(e as Error).message}`);
    }
    const written: string[] = [];
    for (const f of files) {
      const target = path.join(out, f.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      writeFileAtomic(target, f.content);
      written.push(target);
    }
    if (values.json) writeJson(io, { files: written });
    else io.stdout.write(`${written.length} files written to ${out} (open ${path.join(out, 'index.md')})\n`);
    return 0;
  },
};

export const exportCommand: CommandGroup = {
  summary: 'export trails and notes as Markdown, Argdown or JSON',
  usage: `crux export <trail|notebook> …

  trail     export a trail as Markdown, Argdown or JSON
  notebook  export every trail and note, as a folder of Markdown files or one JSON file

Run crux export <trail|notebook> --help for its options.`,
  subcommands: { trail, notebook },
};

export const importNotebookCommand: Command = {
  summary: 'import a notebook (or trail) JSON file made by crux export',
  usage: `crux import-notebook <file.json> [--db PATH] [--json]

Adds the file's trails, stances and notes, and the passages and threads they cite where the library
lacks them, in one transaction: a file with any problem changes nothing. Trails and notes already in
the library are left as they are, so importing the same file twice adds nothing.
JSON: {"trails":{"added","alreadyThere"},"notes":{"added","alreadyThere"},"stances","passages":{"added","alreadyThere"}}
${COMMON_HELP}`,
  options: common,
  async run({ positionals, values }, io) {
    const file = positionals[0];
    if (!file) throw new UsageError('needs a notebook file');
    const text = readText(file, 'import-notebook');
    const result = await withLibrary(values, io, (library) => library.importNotebook(text, file));
    if (values.json) writeJson(io, result);
    else {
      io.stdout.write(
        `${file}: ${result.trails.added} trails, ${result.notes.added} notes, ${result.stances} stances added` +
          `; ${result.passages.added} passages added` +
          (result.trails.alreadyThere + result.notes.alreadyThere > 0
            ? `; ${result.trails.alreadyThere} trails and ${result.notes.alreadyThere} notes were already there`
            : '') +
          '\n',
      );
    }
    return 0;
  },
};

export const backlinksCommand: Command = {
  summary: 'every trail step, stance and note that cites a passage',
  usage: `crux backlinks <passageId> [--db PATH] [--json]

JSON: {"passageId","steps":[{"trailId","trailTitle","stepId","position","relation"}],"stances":[…],"notes":[…]}
${COMMON_HELP}`,
  options: common,
  async run({ positionals, values }, io) {
    const passageId = positiveInt(positionals[0], 'needs a passage id (see: crux show <threadId>, crux search)');
    const links = await withLibrary(values, io, (library) => backlinks(library.notebook, passageId));
    if (values.json) writeJson(io, links);
    else io.stdout.write(renderBacklinks(links));
    return 0;
  },
};

export const deleteThreadCommand: Command = {
  summary: 'delete a thread from the library (trails keep the words they cite)',
  usage: `crux delete-thread <threadId> [--db PATH] [--json]

Deletes the thread, its posts and passages. Trail steps, stances and notes that cite it keep the cited
words and attribution, marked "source deleted".
${COMMON_HELP}`,
  options: common,
  async run({ positionals, values }, io) {
    const threadId = positiveInt(positionals[0], 'needs a thread id (see: crux threads)');
    const deleted = await withLibrary(values, io, (library) => library.deleteThread(threadId));
    if (values.json) writeJson(io, deleted);
    else {
      io.stdout.write(
        `thread ${threadId} "${deleted.title}" deleted` +
          (deleted.citations > 0 ? `; ${deleted.citations} steps, stances and notes keep the words they cite` : '') +
          '\n',
      );
    }
    return 0;
  },
};
