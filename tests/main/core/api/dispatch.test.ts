import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract, type Method } from '../../../../src/shared/api/contract';
import { dispatch, formatIssues } from '../../../../src/main/core/api/dispatch';
import { createServiceTable, type ServiceTable } from '../../../../src/main/core/api/service-table';
import { CruxError } from '../../../../src/main/core/errors';
import { seedLibrary, type SeededLibrary } from '../../../helpers/seed-library';
import { tempDir } from '../../../helpers/library';

function fakeTable(overrides: Partial<ServiceTable> = {}): ServiceTable {
  const unused = Object.fromEntries(
    Object.keys(contract).map((m) => [
      m,
      () => {
        throw new Error(`${m} is not called in these tests`);
      },
    ]),
  ) as unknown as ServiceTable;
  return {
    ...unused,
    'threads.list': () => [],
    'threads.show': () => {
      throw new CruxError('not-found', 'no thread with id 9 in this library');
    },
    'search.query': () => ({ total: 0, hits: [], suggestions: [], expandedWith: [] }),
    'import.files': () => ({ imported: [], failed: [] }),
    ...overrides,
  };
}

describe('dispatch', () => {
  it('rejects unknown methods, including inherited object keys, without echoing huge names', async () => {
    const table = fakeTable();
    for (const method of ['nope', '__proto__', 'toString', 'constructor', 'hasOwnProperty', '']) {
      const r = await dispatch(table, method, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
    for (const method of [undefined, null, 42, {}, ['threads.list']]) {
      const r = await dispatch(table, method, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
    const long = await dispatch(table, 'x'.repeat(100_000), {});
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error.message.length).toBeLessThan(200);
  });

  it('validates arguments with the contract and lists readable issues', async () => {
    const table = fakeTable();
    const r = await dispatch(table, 'threads.show', { threadId: 'seven', extra: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('bad-args');
    expect(r.error.message).toMatch(/^bad arguments for threads\.show: /);
    expect(r.error.issues!.some((i) => i.startsWith('threadId: '))).toBe(true);
    expect(r.error.issues!.some((i) => /extra/.test(i))).toBe(true);

    const tooLong = await dispatch(table, 'search.query', { query: 'a'.repeat(20_001) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'bad-args' } });
    expect(await dispatch(table, 'threads.list', null)).toMatchObject({ ok: false, error: { code: 'bad-args' } });
    expect(await dispatch(table, 'threads.list', 'x')).toMatchObject({ ok: false, error: { code: 'bad-args' } });
    const noPaths = await dispatch(table, 'import.files', { paths: [] });
    expect(noPaths).toMatchObject({ ok: false, error: { code: 'bad-args' } });
  });

  it('lets a method without arguments be called with none', async () => {
    expect(await dispatch(fakeTable(), 'threads.list', undefined)).toEqual({ ok: true, value: [] });
  });

  it('hands the table the parsed arguments, defaults filled in', async () => {
    const seen: unknown[] = [];
    const table = fakeTable({
      'search.query': (input) => {
        seen.push(input);
        return { total: 0, hits: [], suggestions: [], expandedWith: [] };
      },
    });
    await dispatch(table, 'search.query', { query: 'cars' });
    expect(seen).toEqual([{ query: 'cars', limit: 20, offset: 0, expand: true }]);
  });

  it("reports a CruxError's code and message as they are", async () => {
    const r = await dispatch(fakeTable(), 'threads.show', { threadId: 9 });
    expect(r).toEqual({ ok: false, error: { code: 'not-found', message: 'no thread with id 9 in this library' } });
  });

  it('turns any other failure into a plain internal error and logs the details instead', async () => {
    const logError = vi.fn();
    const secret = new Error('SQLITE_CORRUPT at /home/someone/private/library.sqlite');
    const table = fakeTable({
      'threads.list': async () => {
        throw secret;
      },
    });
    const r = await dispatch(table, 'threads.list', {}, { logError });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('internal');
    expect(r.error.message).not.toMatch(/SQLITE|private|at |\n/);
    expect(r.error).not.toHaveProperty('stack');
    expect(logError).toHaveBeenCalledWith('threads.list', secret);
  });

  it('keeps the issue list short', () => {
    const issues = Array.from({ length: 50 }, (_, i) => ({
      code: 'custom' as const,
      path: ['paths', i],
      message: 'bad',
      input: undefined,
    }));
    const lines = formatIssues(issues);
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('paths.0: bad');
    expect(lines[20]).toBe('…and 30 more');
  });
});

describe('service table on a real library', () => {
  let seeded: SeededLibrary;
  let table: ServiceTable;
  let dir: string;

  beforeEach(() => {
    dir = tempDir();
    seeded = seedLibrary(path.join(dir, 'library.sqlite'));
    table = createServiceTable(seeded.library);
  });
  afterEach(() => seeded.library.close());

  it('has exactly one function per contract method', () => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(contract).sort());
  });

  /** Every call below goes through dispatch and its result through the contract's output schema. */
  async function callOk<M extends Method>(method: M, args: unknown): Promise<unknown> {
    const r = await dispatch(table, method, args);
    if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
    // Strict parse: anything the schema does not know about must not be sent either.
    const parsed = contract[method].output.safeParse(r.value);
    expect(parsed.error?.issues ?? []).toEqual([]);
    // And nothing the contract does not promise is lost or added.
    expect(parsed.data).toEqual(r.value);
    // Every value must survive JSON (the HTTP door) unchanged.
    expect(JSON.parse(JSON.stringify(r.value))).toEqual(r.value);
    return r.value;
  }

  it('threads.list matches its output schema', async () => {
    const list = (await callOk('threads.list', {})) as { id: number; posts: number; passages: number }[];
    expect(list).toEqual([expect.objectContaining({ id: seeded.threadId, posts: 4, passages: 4 })]);
  });

  it('threads.show matches its output schema, with the quotation span', async () => {
    const view = (await callOk('threads.show', { threadId: seeded.threadId })) as {
      posts: { author: string | null; passages: { id: number; respondsTo: unknown[] }[] }[];
    };
    expect(view.posts.map((p) => p.author)).toEqual(['Alice', 'Bob', null, 'Carol']);
    expect(view.posts.at(-1)).toMatchObject({ deleted: true, missingReplies: 2, passages: [] });
    const reply = view.posts[1]!.passages.find((p) => p.id === seeded.replyPassageId)!;
    expect(reply.respondsTo).toEqual([
      { passageId: seeded.quoted.passageId, start: seeded.quoted.start, end: seeded.quoted.end, kind: 'quote' },
    ]);
    expect(await dispatch(table, 'threads.show', { threadId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('search.query matches its output schema', async () => {
    const result = (await callOk('search.query', { query: 'foot traffic' })) as { total: number };
    expect(result.total).toBeGreaterThan(0);
    await callOk('search.query', { query: 'zzzqqqxxy' });
  });

  it('import.files matches its output schema', async () => {
    const fixture = path.join(__dirname, '..', '..', '..', 'fixtures', 'seed-thread.txt');
    const value = (await callOk('import.files', { paths: [fixture] })) as { imported: { passages: number }[] };
    expect(value.imported).toHaveLength(1);
    expect(value.imported[0]!.passages).toBeGreaterThan(10);
    await callOk('threads.list', {});
    // A file that cannot be imported is reported in `failed`; the call itself succeeds.
    const missing = (await callOk('import.files', { paths: [path.join(dir, 'missing.txt')] })) as {
      imported: unknown[];
      failed: { file: string; error: string }[];
    };
    expect(missing.imported).toEqual([]);
    expect(missing.failed).toEqual([
      { file: path.join(dir, 'missing.txt'), error: expect.stringMatching(/missing\.txt: no such file/) },
    ]);
  });

  it('the notebook methods match their output schemas, from a trail to its export and undo', async () => {
    const { quoted, replyPassageId, xssPassageId, threadId } = seeded;
    const { id: trailId } = (await callOk('trails.create', {
      title: 'Cars downtown',
      tags: ['cities'],
      description: { markdown: 'What the *evidence* says.' },
    })) as { id: number };
    const { stepId: first } = (await callOk('trails.addStep', {
      trailId,
      passageId: quoted.passageId,
      span: { start: quoted.start, end: quoted.end },
      stance: 'agree',
      confidence: 70,
    })) as { stepId: number };
    const { stepId: second } = (await callOk('trails.addStep', {
      trailId,
      passageId: replyPassageId,
      relation: 'rebuts',
      note: { markdown: `## Why\n\n[[passage:${quoted.passageId}]]` },
    })) as { stepId: number };
    await callOk('trails.addStep', { trailId, passageId: xssPassageId, relation: 'asks', to: first });
    await callOk('trails.relateStep', { trailId, stepId: second, relation: 'supports' });
    await callOk('trails.setStepStance', { trailId, stepId: second, stance: 'partly', confidence: 40 });
    await callOk('trails.setStepNote', { trailId, stepId: first, note: { markdown: 'Check the source.' } });
    await callOk('trails.moveStep', { trailId, stepId: second, position: 3 });
    await callOk('trails.edit', { trailId, title: 'Cars downtown, again' });
    const trail = (await callOk('trails.show', { trailId })) as { steps: { id: number; cited: { text: string } }[] };
    expect(trail.steps.map((s) => s.id)).toEqual([first, expect.any(Number), second]);
    expect(trail.steps[0]!.cited.text).toBe(quoted.text);
    expect(await callOk('trails.undo', { trailId })).toEqual({ label: 'edit trail' });
    expect(await callOk('trails.redo', { trailId })).toEqual({ label: 'edit trail' });
    await callOk('trails.list', {});
    const md = (await callOk('trails.export', { trailId, format: 'md' })) as { text: string };
    expect(md.text).toContain('# Cars downtown, again');
    expect(md.text).not.toContain('<script>');

    await callOk('stances.set', { passageId: replyPassageId, stance: 'disagree', confidence: 90 });
    const stances = (await callOk('stances.list', { stance: 'disagree' })) as { passageId: number }[];
    expect(stances.map((s) => s.passageId)).toEqual([replyPassageId]);
    const { id: noteId } = (await callOk('notes.create', {
      target: { kind: 'thread', threadId },
      note: { markdown: 'A *thread* note' },
    })) as { id: number };
    await callOk('notes.edit', { noteId, note: { markdown: 'Edited' } });
    expect(await callOk('notes.show', { noteId })).toMatchObject({ markdown: 'Edited' });
    await callOk('notes.list', { threadId });
    const links = (await callOk('passages.backlinks', { passageId: quoted.passageId })) as { steps: unknown[] };
    expect(links.steps).toHaveLength(1);
    const found = (await callOk('search.query', { query: 'edited' })) as { hits: { kind: string }[] };
    expect(found.hits[0]).toMatchObject({ kind: 'note' });
    await callOk('notes.delete', { noteId });
    await callOk('trails.removeStep', { trailId, stepId: second });
    await callOk('threads.delete', { threadId });
    const after = (await callOk('trails.show', { trailId })) as { steps: { cited: { gone: boolean } }[] };
    expect(after.steps.every((s) => s.cited.gone)).toBe(true);
    await callOk('trails.delete', { trailId });
  });

  it('refuses bad notebook arguments before they reach the core', async () => {
    for (const [method, args] of [
      ['trails.addStep', { trailId: 1, passageId: 1, relation: 'refutes' }],
      ['trails.addStep', { trailId: 1, passageId: 1, confidence: 101 }],
      ['trails.setStepNote', { trailId: 1, stepId: 1, note: { html: '<b>x</b>' } }],
      ['notes.create', { target: { kind: 'step', stepId: 1 }, note: { markdown: 'x' } }],
      ['stances.set', { passageId: -1, stance: 'agree' }],
    ] as const) {
      const r = await dispatch(table, method, args);
      expect(r, method).toMatchObject({ ok: false, error: { code: 'bad-args' } });
    }
    const r = await dispatch(table, 'trails.show', { trailId: 424242 });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'bad-input', message: expect.stringMatching(/trail 424242 does not exist/) },
    });
  });
});
