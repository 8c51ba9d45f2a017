import { describe, expect, it } from 'vitest';
import { isObject, type JsonObject } from '../../../../../src/main/core/importers/json-stream/json-fields';
import {
  streamJsonObjects,
  type JsonPath,
  type StreamOptions,
} from '../../../../../src/main/core/importers/json-stream/json-stream';

interface Taken {
  value: JsonObject;
  path: JsonPath;
}

/** Objects with an `id`, in a `replies` list or at the top of an array: the shape of a thread. */
const take = (value: JsonObject, path: JsonPath): boolean => 'id' in value && typeof path[path.length - 1] === 'number';
const inList = (path: JsonPath): boolean => typeof path[path.length - 1] === 'number';

async function* inChunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function stream(
  chunks: AsyncIterable<string>,
  whole: StreamOptions['whole'],
  takes: StreamOptions['take'] = take,
): Promise<{ taken: Taken[]; roots: unknown[] }> {
  const taken: Taken[] = [];
  const roots: unknown[] = [];
  const options = { take: takes, whole, notA: 'not a test thread', expected: 'no items found' };
  for await (const { value, path, root } of streamJsonObjects(chunks, options)) {
    taken.push({ value, path });
    roots.push(root);
  }
  return { taken, roots };
}

/** What streaming must hand over: every taken object of the parsed document, innermost first, without taken children. */
function expected(text: string, takes: StreamOptions['take'] = take): Taken[] {
  const out: Taken[] = [];
  const walk = (value: unknown, path: (string | number)[]): boolean => {
    if (Array.isArray(value)) {
      const kept = value.filter((element, i) => !walk(element, [...path, i]));
      value.splice(0, value.length, ...kept);
      return false;
    }
    if (!isObject(value)) return false;
    for (const key of Object.keys(value)) if (walk(value[key], [...path, key])) delete value[key];
    if (!takes(value, path)) return false;
    out.push({ value, path });
    return true;
  };
  walk(JSON.parse(text), []);
  return out;
}

const reply = (id: number, text: string, replies: unknown[] = []): unknown => ({ id, text, replies });

/** A thread whose texts hold everything a scan for braces could trip over. */
const TRICKY = JSON.stringify({
  title: 'Braces } and ] in "quotes" \\ and {',
  id: 1,
  replies: [
    reply(2, 'a } b ] c { d [', [reply(3, 'escaped \\" quote and \\\\'), reply(4, '\\\\\\"')]),
    reply(5, 'ends in a backslash \\'),
    reply(6, 'emoji 😀 and 𝄞 and é, \u2028 and control \n\t chars', [
      reply(7, '"', [reply(8, '{"id": 99, "replies": []}')]),
    ]),
    { note: 'not an item', nested: { id: 9, deep: [reply(10, 'inside a list of a non-item')] } },
    reply(11, ''),
  ],
  meta: { count: 11, empty: {}, list: [], nulls: [null, true, false, -1.5e3] },
});

describe('streamJsonObjects', () => {
  it('hands over the same objects, paths and order whether replies are read whole or streamed, in any chunking', async () => {
    const want = expected(TRICKY);
    expect(want.map((t) => t.value.id)).toEqual([3, 4, 2, 5, 8, 7, 6, 10, 11]);
    for (const size of [1, 2, 3, 5, 7, 16, 64, TRICKY.length]) {
      for (const whole of [undefined, inList]) {
        const { taken } = await stream(inChunks(TRICKY, size), whole);
        expect(taken, `chunks of ${size}, ${whole ? 'whole' : 'streamed'}`).toEqual(want);
      }
    }
  });

  it('takes objects out of arrays and objects alike, keeping what stays in order', async () => {
    const text = JSON.stringify([
      { list: [{ id: 1 }, { keep: 1 }, 'x', { id: 2, inner: { id: 3 } }, [{ keep: 2 }, { id: 4 }], { keep: 3 }] },
      { named: { id: 5 }, other: { keep: 4, deeper: { id: 6 } } },
    ]);
    const anywhere = (value: JsonObject): boolean => 'id' in value;
    const want = expected(text, anywhere);
    expect(want.map((t) => t.value.id)).toEqual([1, 3, 2, 4, 5, 6]);
    for (const whole of [undefined, inList]) {
      const { taken, roots } = await stream(inChunks(text, 5), whole, anywhere);
      expect(taken).toEqual(want);
      expect(roots[roots.length - 1]).toEqual([
        { list: [{ keep: 1 }, 'x', [{ keep: 2 }], { keep: 3 }] },
        { other: { keep: 4 } },
      ]);
    }
  });

  it('shows the root as read so far, without the replies taken out of it', async () => {
    const { roots } = await stream(inChunks(TRICKY, 10), inList);
    const last = roots[roots.length - 1] as JsonObject;
    expect(last.title).toBe('Braces } and ] in "quotes" \\ and {');
    // The non-item stays, minus the reply taken out of its list; taken replies are gone.
    expect(last.replies).toEqual([{ note: 'not an item', nested: { id: 9, deep: [] } }]);
  });

  it('reads a reply larger than a 1 MiB chunk, cut anywhere', async () => {
    const big = 'x{"]'.repeat(300_000);
    const text = JSON.stringify({ id: 1, replies: [reply(2, big, [reply(3, `é${big}😀`)]), reply(4, 'after')] });
    for (const size of [1 << 20, (1 << 20) + 1, 333_333]) {
      const { taken } = await stream(inChunks(text, size), inList);
      expect(taken.map((t) => [t.value.id, t.path])).toEqual([
        [3, ['replies', 0, 'replies', 0]],
        [2, ['replies', 0]],
        [4, ['replies', 1]],
      ]);
      expect(taken[0]!.value.text).toBe(`é${big}😀`);
    }
  });

  it('reads a first reply larger than the first megabytes that must show something to take', async () => {
    const text = JSON.stringify({ id: 1, replies: [reply(2, 'y'.repeat(5 << 20), [reply(3, 'z')])] });
    const { taken } = await stream(inChunks(text, 1 << 20), inList);
    expect(taken.map((t) => t.value.id)).toEqual([3, 2]);
    // Without anything to take by then, a large file is refused before it is read through.
    let pulled = 0;
    const other = async function* (): AsyncGenerator<string> {
      yield '{"replies":[';
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield `${i ? ',' : ''}${JSON.stringify(Array.from({ length: 1000 }, () => ({ text: 'x'.repeat(1000) })))}`;
      }
      yield ']}';
    };
    await expect(stream(other(), inList)).rejects.toThrow(/^not a test thread: no items found/);
    expect(pulled).toBeLessThan(10);
  });

  it('reads a reply that nests deeper than the call stack goes', async () => {
    const depth = 100_000;
    const text = `{"id":0,"replies":[{"id":1,"deep":${'{"x":['.repeat(depth)}{"id":2}${']}'.repeat(depth)}},{"id":3}]}`;
    for (const whole of [undefined, inList]) {
      const { taken } = await stream(inChunks(text, 1 << 20), whole);
      expect(taken.map((t) => [t.value.id, t.path.length])).toEqual([
        [2, 2 * depth + 3],
        [1, 2],
        [3, 2],
      ]);
    }
  });

  it('reads UTF-8 whose characters are split between the byte chunks they were decoded from', async () => {
    const bytes = new TextEncoder().encode(TRICKY);
    for (const size of [1, 2, 3, 5]) {
      const decoded = async function* (): AsyncGenerator<string> {
        const decoder = new TextDecoder('utf-8', { fatal: true });
        for (let i = 0; i < bytes.length; i += size)
          yield decoder.decode(bytes.subarray(i, i + size), { stream: true });
        yield decoder.decode();
      };
      const { taken } = await stream(decoded(), inList);
      expect(taken).toEqual(expected(TRICKY));
    }
  });

  it('refuses a document that stops inside a reply, a string or a number, or before its end', async () => {
    const cuts = [
      TRICKY.indexOf('a } b'), // in a string of a reply read whole
      TRICKY.indexOf('"replies":[]}') + 5, // between a reply's braces
      TRICKY.indexOf('-1.5e3') + 3, // in a number
      TRICKY.length - 1, // before the root's closing brace
    ];
    for (const cut of cuts) {
      for (const whole of [undefined, inList]) {
        await expect(stream(inChunks(TRICKY.slice(0, cut), 7), whole)).rejects.toThrow(
          /^not a test thread: the JSON stops before it is complete \(is the file truncated\?\)$/,
        );
      }
    }
  });

  it('refuses invalid JSON inside a reply read whole, saying where in the file', async () => {
    const text = '{"id":1,"replies":[{"id":2,"text":"ok"},{"id":3,"text":"bad",}]}';
    const error = stream(inChunks(text, 4), inList);
    await expect(error).rejects.toThrow(/^not a test thread: the file is not valid JSON \(/);
    await expect(error).rejects.toThrow(`character ${text.indexOf(',}') + 2}`);
    for (const bad of [
      '{"id":1,"replies":[{"id":2,"text":"raw\nnewline"}]}',
      '{"id":1,"replies":[{"id":2,"text":"bad \\x escape"}]}',
      '{"id":1,"replies":[{"id":2,"n":01}]}',
      '{"id":1,"replies":[{"id":2,"n":tru}]}',
      '{"id":1,"replies":[{"id":2]}',
    ]) {
      for (const whole of [undefined, inList]) {
        await expect(stream(inChunks(bad, 3), whole), bad).rejects.toThrow(
          /^not a test thread: the file is not valid JSON/,
        );
      }
    }
  });

  it('refuses text after the document, an empty file, and a file with nothing to take', async () => {
    await expect(stream(inChunks(`${TRICKY}\n{"id":5}`, 100), inList)).rejects.toThrow(
      /^not a test thread: there is more text after the JSON document/,
    );
    await expect(stream(inChunks(' \n ', 1), inList)).rejects.toThrow(/^not a test thread: the file is empty/);
    await expect(stream(inChunks('{"replies":[{"text":"no id"}]}', 5), inList)).rejects.toThrow(
      /^not a test thread: no items found/,
    );
    await expect(stream(inChunks('42', 1), inList)).rejects.toThrow(/^not a test thread: no items found/);
  });

  it('keeps a "__proto__" key as a field, streamed or whole', async () => {
    const text = '[{"id":1,"__proto__":{"polluted":true},"x":{"__proto__":{"id":2}}}]';
    for (const whole of [undefined, inList]) {
      const { taken } = await stream(inChunks(text, 3), whole);
      expect(taken).toHaveLength(1);
      const value = taken[0]!.value;
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.keys(value)).toEqual(['id', '__proto__', 'x']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });
});
