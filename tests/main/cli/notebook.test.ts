// The notebook commands as other tooling scripts them: the fixed forms of the brief, their JSON, and
// exit code 2 with a clear message (and the library unchanged) for every kind of bad input.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/main/cli/main';
import { Library } from '../../../src/main/core/library/library';
import { FIXTURES, libraryChecksum, tempDir, writeTemp } from '../../helpers/library';

async function crux(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
  });
  return { code, stdout, stderr };
}

// Shapes are checked field by field below; the parsed JSON is as loose as the wire.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function json(...args: string[]): Promise<any> {
  const r = await crux(...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

function checksum(db: string): string {
  const library = Library.open(db);
  try {
    return libraryChecksum(library.stores.db);
  } finally {
    library.close();
  }
}

let db: string;
let passages: { id: number; text: string }[];
beforeAll(async () => {
  db = path.join(tempDir(), 'library.sqlite');
  await crux('import', path.join(FIXTURES, 'seed-thread.txt'), '--db', db);
  const shown = await json('show', '1', '--db', db);
  passages = shown.posts.flatMap((p: { passages: unknown[] }) => p.passages);
});

describe('crux trail, stance, note, backlinks, export, import-notebook', () => {
  it('speak the fixed forms', async () => {
    const { id } = await json('trail', 'new', 'Masks', 'and', 'optimizers', '--db', db);
    expect(id).toBeGreaterThan(0);
    const first = await json('trail', 'add', String(id), String(passages[4]!.id), '--db', db);
    const second = await json(
      'trail',
      'add',
      String(id),
      String(passages[9]!.id),
      '--span',
      '2:40',
      '--relation',
      'rebuts',
      '--to',
      String(first.stepId),
      '--stance',
      'disagree',
      '--confidence',
      '75',
      '--note-md',
      '# Why\n\n- *one*\n- [two](https://example.org/a)',
      '--db',
      db,
    );
    expect(Object.keys(first)).toEqual(['stepId']);
    const shown = await json('trail', 'show', String(id), '--db', db);
    expect(shown).toMatchObject({ id, title: 'Masks and optimizers' });
    expect(shown.steps[1]).toMatchObject({
      id: second.stepId,
      passageId: passages[9]!.id,
      span: { start: 2, end: 40 },
      relation: 'rebuts',
      to: first.stepId,
      stance: 'disagree',
      confidence: 75,
      noteMarkdown: '# Why\n\n- *one*\n- [two](https://example.org/a)',
    });
    for (const key of ['id', 'passageId', 'span', 'relation', 'to', 'stance', 'confidence', 'noteMarkdown']) {
      expect(shown.steps[0]).toHaveProperty(key);
    }

    // Undo takes back the last change; redo brings it back.
    expect(await json('trail', 'undo', String(id), '--db', db)).toEqual({ undone: 'add step' });
    expect((await json('trail', 'show', String(id), '--db', db)).steps).toHaveLength(1);
    expect(await json('trail', 'redo', String(id), '--db', db)).toEqual({ redone: 'add step' });

    const md = await crux('export', 'trail', String(id), '--format', 'md', '--db', db);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^---\ntitle: "Masks and optimizers"/);
    expect(md.stdout).toContain('## 2. Rebuts step 1');
    const argdown = await crux('export', 'trail', String(id), '--format', 'argdown', '--db', db);
    expect(argdown.stdout).toContain('[S1]');
    const out = path.join(tempDir(), 'trail.json');
    expect((await crux('export', 'trail', String(id), '--format', 'json', '--out', out, '--db', db)).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).trails).toHaveLength(1);

    await json('stance', 'set', String(passages[15]!.id), 'unsure', '--confidence', '20', '--db', db);
    const stances = await json('stances', '--stance', 'disagree', '--db', db);
    expect(stances.map((s: { passageId: number; stepId: number }) => [s.passageId, s.stepId])).toEqual([
      [passages[9]!.id, second.stepId],
    ]);
    expect((await json('stance', 'list', '--stance', 'unsure', '--thread', '1', '--db', db))[0]).toMatchObject({
      passageId: passages[15]!.id,
      trailId: null,
      confidence: 20,
    });

    const note = await json(
      'note',
      'new',
      '--passage',
      String(passages[9]!.id),
      '--note-md',
      'Mesa-objectives again.',
      '--db',
      db,
    );
    expect((await json('note', 'show', String(note.id), '--db', db)).markdown).toBe('Mesa-objectives again.');
    const links = await json('backlinks', String(passages[9]!.id), '--db', db);
    expect(links.steps).toEqual([expect.objectContaining({ trailId: id, stepId: second.stepId })]);
    expect(links.notes.map((n: { id: number }) => n.id)).toEqual(expect.arrayContaining([note.id]));
    const found = await json('search', 'mesa-objectives', '--db', db);
    expect(found.hits[0]).toMatchObject({ kind: 'note', noteId: note.id });

    const dir = tempDir();
    const notebook = path.join(dir, 'notebook.json');
    await crux('export', 'notebook', '--format', 'json', '--out', notebook, '--db', db);
    const other = path.join(tempDir(), 'other.sqlite');
    const imported = await json('import-notebook', notebook, '--db', other);
    expect(imported.trails).toEqual({ added: 1, alreadyThere: 0 });
    const folder = path.join(dir, 'md');
    expect((await crux('export', 'notebook', '--format', 'md', '--out', folder, '--db', db)).code).toBe(0);
    expect(fs.readdirSync(folder)).toContain('index.md');
  });

  it('refuse bad input with exit code 2, a message that names the problem, and the library unchanged', async () => {
    const { id } = await json('trail', 'new', 'Bad input', '--db', db);
    const { stepId } = await json('trail', 'add', String(id), String(passages[0]!.id), '--db', db);
    const dir = tempDir();
    const badState = writeTemp(dir, 'note.json', '{"root": {"children": [');
    const notLexical = writeTemp(dir, 'other.json', '{"hello": "world"}');
    const notNotebook = writeTemp(dir, 'notebook.json', '{"format": "something-else"}');
    const passage = passages[2]!;
    const cases: [string[], RegExp][] = [
      [['trail', 'add', '999', String(passage.id)], /trail 999 does not exist/],
      [['trail', 'add', String(id), '99999'], /passage 99999 does not exist/],
      [
        ['trail', 'add', String(id), String(passage.id), '--span', `3:${passage.text.length + 5}`],
        new RegExp(`span 3:${passage.text.length + 5} is outside passage ${passage.id}`),
      ],
      [['trail', 'add', String(id), String(passage.id), '--span', 'start:end'], /--span must be START:END/],
      [
        ['trail', 'add', String(id), String(passage.id), '--relation', 'refutes'],
        /unknown relation "refutes": use one of supports, rebuts/,
      ],
      [['trail', 'relate', String(id), String(stepId), 'refutes'], /unknown relation "refutes"/],
      [['trail', 'add', String(id), String(passage.id), '--stance', 'maybe'], /unknown stance "maybe"/],
      [
        ['trail', 'add', String(id), String(passage.id), '--stance', 'agree', '--confidence', '140'],
        /--confidence must be a whole number from 0 to 100/,
      ],
      [['trail', 'note', String(id), String(stepId), '--note-json', badState], /note\.json/],
      [['trail', 'note', String(id), String(stepId), '--note-json', notLexical], /other\.json/],
      [
        ['trail', 'note', String(id), String(stepId), '--note-json', path.join(dir, 'missing.json')],
        /missing\.json: no such file/,
      ],
      [['trail', 'note', String(id), String(stepId), '--note-md', '[[passage:99999]]'], /passage 99999 does not exist/],
      [['trail', 'move', String(id), String(stepId), '7'], /position 7 is outside trail/],
      [['trail', 'remove', String(id), '424242'], /step 424242 is not in trail/],
      [['trail', 'show', 'abc'], /needs a trail id/],
      [['trail', 'frobnicate'], /unknown subcommand "frobnicate"/],
      [['stance', 'set', String(passage.id), 'maybe'], /unknown stance "maybe"/],
      [['stance', 'set', '99999', 'agree'], /passage 99999 does not exist/],
      [['note', 'edit', '424242', '--note-md', 'x'], /note 424242 does not exist/],
      [['note', 'new', '--thread', '77', '--note-md', 'x'], /thread 77 does not exist/],
      [['backlinks', '99999'], /passage 99999 does not exist/],
      [['export', 'trail', String(id), '--format', 'pdf'], /--format must be one of md, argdown, json/],
      [['import-notebook', notNotebook], /notebook\.json: not a Crux notebook file/],
      [['import-notebook', badState], /note\.json: not JSON/],
      [['delete-thread', '77'], /thread 77 does not exist/],
    ];
    const before = checksum(db);
    for (const [args, message] of cases) {
      const r = await crux(...args, '--db', db);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout, args.join(' ')).toBe('');
    }
    expect(checksum(db)).toBe(before);
  });

  it('has --help for every subcommand', async () => {
    for (const group of ['trail', 'stance', 'note', 'export']) {
      const r = await crux(group, '--help');
      expect(r.code).toBe(0);
      for (const line of r.stdout.split('\n').filter((l) => /^ {2}[a-z]+ /.test(l))) {
        const sub = line.trim().split(/\s+/)[0]!;
        const help = await crux(group, sub, '--help');
        expect(help.code, `${group} ${sub}`).toBe(0);
        expect(help.stdout).toMatch(new RegExp(`^crux ${group} ${sub}`));
      }
    }
  });
});
