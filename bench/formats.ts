// Imports every thread file of a folder of real exports through the real import path, one library
// for all (so a topic's pages merge as they would for a user), and prints the Markdown table kept in
// docs/formats.md: `npm run bench:formats -- ../shared/data/real`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importPaths } from '../src/main/core/import/import-path';
import { createStores } from '../src/main/core/store';
import { openLibraryFile } from '../src/main/core/store/db';

const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'shared', 'data', 'real'));
/** Folders whose files are one corpus (a Maildir, a mail archive's pages): one row for the folder. */
const FOLDER_ROWS = new Set(['notmuch-lkml-maildir', 'notmuch-list-maildir', 'everything-list-hypermail-1998-1999']);

function entries(dir: string): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) {
      if (FOLDER_ROWS.has(name)) out.push(full);
      else out.push(...entries(full));
    } else if (!name.endsWith('.tsv') && !name.endsWith('.md')) {
      out.push(full);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-formats-'));
  const stores = createStores(openLibraryFile(path.join(dir, 'library.sqlite')));
  const rows: string[] = [
    '| file | format | threads | posts | passages | links | seconds | result |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const entry of entries(root)) {
    const started = performance.now();
    const { imported, failed } = await importPaths(stores, [entry]);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const threads = new Set(imported.map((s) => s.threadId));
    const sum = (key: 'newPassages') => imported.reduce((n, s) => n + s[key], 0);
    const latest = new Map(imported.map((s) => [s.threadId, s]));
    const posts = [...latest.values()].reduce((n, s) => n + s.posts, 0);
    const links = [...latest.values()].reduce((n, s) => n + s.links, 0);
    const formats = [...new Set(imported.map((s) => s.format))].join(', ') || '—';
    const result =
      failed.length === 0
        ? 'imported'
        : `${imported.length > 0 ? `${failed.length} file(s) refused: ` : 'refused: '}${failed[0]!.error.replace(entry, '…').replace(/\|/g, '\\|')}`;
    const name = path.relative(root, entry) + (fs.statSync(entry).isDirectory() ? '/' : '');
    rows.push(
      `| ${name} | ${formats} | ${threads.size} | ${posts} | ${sum('newPassages')} | ${links} | ${seconds} | ${result} |`,
    );
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  console.log(rows.join('\n'));
  stores.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
