import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseSparse } from '../../../../../src/main/core/importers/json-stream/sparse-json';
import { seededRandom } from '../../../../helpers/random';

const KEEP: ReadonlySet<string> = new Set(['id', 'body', 'n', 'ok', 'none', 'kind', '']);

/** JSON.parse, then every field not in KEEP whose value is not an object or array left out. */
function sparse(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sparse);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (KEEP.has(key) || (field !== null && typeof field === 'object')) {
      Object.defineProperty(out, key, { value: sparse(field), enumerable: true, writable: true, configurable: true });
    }
  }
  return out;
}

/**
 * parseSparse does what JSON.parse does, minus the fields left out: the same value, or the same
 * error. Text it leaves to JSON.parse comes back whole: only text with a control character (a line
 * break between tokens included), a "__proto__" key or an escaped key may. Returns whether fields
 * were left out.
 */
function expectLikeJsonParse(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    expect(() => parseSparse(text, KEEP), text).toThrow((err as Error).message);
    return false;
  }
  const got = parseSparse(text, KEEP);
  const want = sparse(parsed);
  if (isDeepStrictEqual(got, want)) return !isDeepStrictEqual(want, parsed);
  expect(got, text).toEqual(parsed);
  // eslint-disable-next-line no-control-regex
  expect(/[\u0000-\u001f]|__proto__|\\/.test(text), `${text} left to JSON.parse`).toBe(true);
  return false;
}

const PIECES = ['a', ' ', '"', '\\', '/', '{', '}', '[', ']', ',', ':', 'é', '😀', '\n', '\t', '\u2028', '\u0001', 'u'];
const KEYS = ['id', 'body', 'n', 'ok', 'none', 'kind', 'other', 'long_unread_field', 'x', ''];
/** Keys that send the text to JSON.parse, once in a while. */
const RARE_KEYS = ['i"d', 'bo\\dy', '__proto__'];

function randomValue(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 3 || (depth > 0 && r < 0.35)) {
    const k = Math.floor(next() * 7);
    if (k === 0) return null;
    if (k === 1) return next() < 0.5;
    if (k === 2) return Math.floor(next() * 2000) - 1000;
    if (k === 3) return (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20);
    return Array.from({ length: Math.floor(next() * 8) }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
  }
  if (r < 0.55) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 6); i > 0; i--) {
    const keys = next() < 0.02 ? RARE_KEYS : KEYS;
    Object.defineProperty(obj, keys[Math.floor(next() * keys.length)]!, {
      value: randomValue(next, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return obj;
}

describe('parseSparse', () => {
  it('reads Reddit pages as JSON.parse does, minus the fields not kept', () => {
    const dir = path.join(__dirname, '../../../../fixtures/reddit');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      expectLikeJsonParse(readFileSync(path.join(dir, name), 'utf8'));
    }
  });

  it('reads strings with escapes, quotes, braces and characters outside the BMP', () => {
    for (const text of [
      '{"body":"a \\"quoted\\" } ] { [ word","id":"x"}',
      '{"body":"ends in a backslash \\\\","other":"\\\\","n":1}',
      '{"body":"\\\\\\"","other":"\\\\\\\\\\\\"}',
      '{"body":"\\u00e9\\ud83d\\ude00 \\n\\t\\/\\b\\f\\r","other":"\\u0041"}',
      '{"body":"😀 é \u2028","other":"\\\\u12 is an escaped backslash, then u12"}',
      '{"body":"\ud800 lone surrogate"}',
      '{ "id" : 1 , "body" : [ 1 , "a" , { } ] , "other" : { "n" : -0.5e-3 } }',
      '{"n":-0,"other":1e400,"ok":true,"none":null,"kind":false,"x":[true,false,null]}',
      '{"":"empty key","other":{"":1}}',
      '[]',
      '{}',
      '"just a string"',
      '42',
    ]) {
      expectLikeJsonParse(text);
    }
  });

  it('refuses what JSON.parse refuses, with its error', () => {
    for (const text of [
      '',
      '{',
      '{"body":"unterminated}',
      '{"body":"raw\ncontrol"}',
      '{"other":"raw\ttab"}',
      '{"body":"\\x"}',
      '{"other":"\\\\\\x"}',
      '{"body":"\\u12"}',
      '{"body":"a",}',
      '{"body" "a"}',
      '{"n":01}',
      '{"n":1.}',
      '{"n":.5}',
      '{"n":+1}',
      '{"ok":tru}',
      '{"ok":True}',
      '{"other":nul}',
      '{"id":1]',
      '[1,]',
      '[1 2]',
      '{"id":1}}',
      '{"id":1} x',
      "{'id':1}",
      '{id:1}',
      '{"a\\x":1}',
    ]) {
      expectLikeJsonParse(text);
    }
  });

  it('reads JSON nested deeper than the call stack goes (left to JSON.parse)', () => {
    const depth = 100_000;
    let value = parseSparse(`${'{"x":[{"other":1,"n":2},'.repeat(depth)}1${']}'.repeat(depth)}`, KEEP);
    for (let i = 0; i < depth; i++) value = ((value as { x: unknown[] }).x as unknown[])[1];
    expect(value).toBe(1);
  });

  it('keeps a "__proto__" key as a field, as JSON.parse does', () => {
    const value = parseSparse('{"__proto__":{"id":1},"body":"b"}', KEEP) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'body']);
    expectLikeJsonParse('{"x":{"__proto__":{"n":1,"polluted":1}}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('agrees with JSON.parse on random documents, and on each of them damaged', () => {
    const next = seededRandom(20261127);
    let sparseRead = 0;
    for (let i = 0; i < 3000; i++) {
      const value = randomValue(next, 0);
      const text = next() < 0.8 ? JSON.stringify(value) : JSON.stringify(value, null, next() < 0.5 ? 1 : '\t');
      if (expectLikeJsonParse(text)) sparseRead++;
      const at = Math.floor(next() * (text.length + 1));
      const damaged =
        next() < 0.5
          ? text.slice(0, at) + text.slice(at + 1)
          : text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)]! + text.slice(at);
      expectLikeJsonParse(damaged);
    }
    expect(sparseRead).toBeGreaterThan(800);
  });
});
