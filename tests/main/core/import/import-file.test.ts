import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../../../src/main/core/import/import-file';
import { threadView } from '../../../../src/main/core/library/thread-view';
import type { Stores } from '../../../../src/main/core/store';
import { FIXTURES, libraryChecksum, tempLibrary, writeTemp } from '../../../helpers/library';

const seedLines = fs.readFileSync(path.join(FIXTURES, 'seed-thread.txt'), 'utf8').split('\n');

let stores: Stores;
let dir: string;
beforeEach(() => {
  ({ stores, dir } = tempLibrary());
});

async function expectRefused(file: string, message: RegExp): Promise<void> {
  const before = libraryChecksum(stores.db);
  await expect(importFile(stores, file)).rejects.toMatchObject({ code: 'bad-input', message });
  expect(libraryChecksum(stores.db)).toBe(before);
}

describe('importing a file', () => {
  it('changes nothing when the same file is imported again', async () => {
    const file = path.join(FIXTURES, 'seed-thread.txt');
    const first = await importFile(stores, file);
    const before = libraryChecksum(stores.db);
    const again = await importFile(stores, file);
    expect(again).toMatchObject({ threadId: first.threadId, newPassages: 0, passages: 58 });
    expect(libraryChecksum(stores.db)).toBe(before);
  });

  it('adds only what is new from a longer export of the same thread', async () => {
    const short = writeTemp(dir, 'short.txt', seedLines.slice(0, 30).join('\n'));
    const long = writeTemp(dir, 'long.txt', seedLines.join('\n'));
    const first = await importFile(stores, short);
    const second = await importFile(stores, long);
    expect(second.threadId).toBe(first.threadId);
    expect(second.passages).toBe(58);
    expect(second.newPassages).toBe(58 - first.passages);
    expect(second.links).toBe(10);
    expect(stores.threads.list()).toHaveLength(1);
  });

  it('reads UTF-8 with a BOM, UTF-16 with a BOM and CRLF line ends alike', async () => {
    const text = seedLines.slice(0, 12).join('\r\n');
    const utf8 = await importFile(stores, writeTemp(dir, 'bom8.txt', '\uFEFF' + text));
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, bytes] of [
      ['le.txt', le],
      ['be.txt', be],
    ] as const) {
      const s = await importFile(stores, writeTemp(dir, name, bytes));
      expect(s.threadId).toBe(utf8.threadId);
      expect(s.newPassages).toBe(0);
    }
    const first = threadView(stores, utf8.threadId).posts[0]!.passages[0]!.text;
    expect(first).toBe(seedLines[0]);
  });

  it('reads Windows-1252 text with a warning rather than refusing or garbling it', async () => {
    const latin = Buffer.from(
      [
        'I think \x93the mask\x94 doesn\x92t make sense as a completion to that analogy \x96 caf\xe9 talk aside.',
        'The second paragraph of the thread, plain ASCII, long enough to matter here.',
      ].join('\n'),
      'latin1',
    );
    const s = await importFile(stores, writeTemp(dir, 'legacy.txt', latin));
    expect(s.warnings).toEqual([expect.stringMatching(/legacy\.txt: not valid UTF-8 .*read as Windows-1252/)]);
    const text = threadView(stores, s.threadId).posts[0]!.passages[0]!.text;
    expect(text).toBe('I think “the mask” doesn’t make sense as a completion to that analogy – café talk aside.');
  });

  it('imports Markdown as posts, with > quotations linked to the words they quote', async () => {
    const md = [
      '# Masks and actors',
      '',
      '## Original comment',
      '',
      seedLines[6],
      '',
      seedLines[7],
      '',
      '---',
      '',
      '> ' + seedLines[14],
      '',
      seedLines[15],
      '',
      '- a list item that is a passage of its own',
    ].join('\n');
    const s = await importFile(stores, writeTemp(dir, 'thread.md', md));
    expect(s).toMatchObject({ title: 'Masks and actors', format: 'markdown', posts: 2, passages: 5, links: 1 });
    const view = threadView(stores, s.threadId);
    expect(view.posts.map((p) => p.passages.map((x) => x.text.slice(0, 20)))).toEqual([
      ['Original comment', seedLines[6]!.slice(0, 20), seedLines[7]!.slice(0, 20)],
      [seedLines[15]!.slice(0, 20), 'a list item that is '],
    ]);
    const answer = view.posts[1]!.passages[0]!;
    const target = view.posts[0]!.passages[1]!;
    const quote = answer.respondsTo.find((l) => l.kind === 'quote')!;
    expect(quote.passageId).toBe(target.id);
    expect(target.text.slice(quote.start, quote.end)).toBe(seedLines[14]);
  });

  it('refuses a missing file, a folder, an empty file, a blank file and a binary file, naming the file', async () => {
    await expectRefused(path.join(dir, 'nope.txt'), /nope\.txt: no such file/);
    await expectRefused(dir, /is a folder/);
    await expectRefused(writeTemp(dir, 'empty.txt', ''), /empty\.txt: is empty/);
    await expectRefused(writeTemp(dir, 'blank.txt', '\n  \n\t\n'), /blank\.txt: contains no text/);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    await expectRefused(writeTemp(dir, 'image.txt', png), /image\.txt: looks like a binary file/);
  });

  it('leaves every table exactly as before when the store fails half-way through', async () => {
    await importFile(stores, path.join(FIXTURES, 'seed-thread.txt'));
    const before = libraryChecksum(stores.db);
    // A write that fails deep inside the import, as a full disk would.
    stores.db.exec(`CREATE TEMP TRIGGER fail_half_way BEFORE INSERT ON passages WHEN NEW.position = 40
                    BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const other = writeTemp(dir, 'other.md', seedLines.map((l, i) => `Paragraph ${i}: ${l}`).join('\n\n'));
    await expect(importFile(stores, other)).rejects.toThrow(
      /other\.md: import failed \(disk full\); nothing was written/,
    );
    stores.db.exec('DROP TRIGGER fail_half_way');
    expect(libraryChecksum(stores.db)).toBe(before);
    expect(stores.db.inTransaction).toBe(false);
  });

  it('can be cancelled, leaving nothing written', async () => {
    const before = libraryChecksum(stores.db);
    const big = writeTemp(
      dir,
      'big.txt',
      Array.from({ length: 30_000 }, (_, i) => `${i}: ${seedLines[i % seedLines.length]}`).join('\n'),
    );
    const abort = new AbortController();
    await expect(
      importFile(stores, big, { signal: abort.signal, onProgress: () => abort.abort() }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(libraryChecksum(stores.db)).toBe(before);
  });
});
