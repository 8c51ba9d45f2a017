// Large thread dumps (a 100 MB Reddit or Hacker News thread) are read as a stream: every JSON object
// the caller takes is handed over as soon as its closing brace arrives and is then cut out of the
// document being assembled. Nested replies are taken before the comment that holds them, so a
// comment reaches the caller without its replies and the document never holds more than the
// objects still open: the path from the root to the current position, with their own fields.
import { JSONParser } from '@streamparser/json';
import { isObject, type JsonObject } from './json-fields';

export type JsonPath = readonly (string | number)[];

export interface StreamedObject {
  value: JsonObject;
  /** Keys from the document's root to this object; empty for the root itself. */
  path: JsonPath;
  /** The root value as assembled so far: its fields read before this object, minus taken objects. */
  root: unknown;
}

export interface StreamOptions {
  /** Whether a completed object is one the caller wants; taken objects leave the document. */
  take(value: JsonObject, path: JsonPath): boolean;
  /** Opens every error message, in the user's terms: "not a Reddit thread". */
  notA: string;
  /** What the file should have held, for a file that parses but never yields anything to take. */
  expected: string;
}

/**
 * The objects `take` accepts, innermost first, as the text streams in. Stops with an Error a user
 * understands for text that is not JSON, ends early, or holds nothing to take within its first
 * megabytes (so that a large file of another kind is refused without reading it all).
 */
export async function* streamJsonObjects(
  chunks: AsyncIterable<string>,
  options: StreamOptions,
): AsyncGenerator<StreamedObject> {
  const parser = new JSONParser();
  let ready: StreamedObject[] = [];
  let takenAny = false;
  parser.onValue = ({ value, key, parent, stack }) => {
    if (!isObject(value)) return;
    const path = stack.length === 0 ? [] : [...stack.slice(1).map((frame) => frame.key as string | number), key!];
    if (!options.take(value, path)) return;
    takenAny = true;
    const root = stack.length >= 2 ? stack[1]!.value : stack.length === 1 ? parent : value;
    ready.push({ value, path, root });
    if (Array.isArray(parent)) parent.length -= 1;
    else if (isObject(parent) && key !== undefined) delete parent[key];
  };

  let seen = 0;
  let blank = true;
  let heldSurrogate = '';
  const write = (text: string): void => {
    try {
      parser.write(text);
    } catch (err) {
      throw new Error(`${options.notA}: the file is not valid JSON (${reason(err)})`);
    }
  };
  for await (const chunk of chunks) {
    // The parser encodes each piece to UTF-8 on its own: half of a surrogate pair would become U+FFFD.
    let text = heldSurrogate + chunk;
    heldSurrogate = '';
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      heldSurrogate = text.slice(-1);
      text = text.slice(0, -1);
    }
    seen += text.length;
    blank &&= text.trim() === '';
    if (parser.isEnded) {
      if (text.trim() !== '') throw new Error(`${options.notA}: there is more text after the JSON document`);
      continue;
    }
    write(text);
    if (ready.length > 0) {
      const batch = ready;
      ready = [];
      yield* batch;
    } else if (!takenAny && seen > GIVE_UP_AFTER) {
      throw new Error(`${options.notA}: ${options.expected}`);
    }
  }
  if (heldSurrogate) write(heldSurrogate);
  if (blank && !heldSurrogate) throw new Error(`${options.notA}: the file is empty`);
  if (!parser.isEnded) {
    try {
      parser.end();
    } catch {
      throw new Error(`${options.notA}: the JSON stops before it is complete (is the file truncated?)`);
    }
  }
  yield* ready;
  if (!takenAny) throw new Error(`${options.notA}: ${options.expected}`);
}

/** A thread's opening object is at most a few hundred kilobytes; a file that shows none by now is another kind. */
const GIVE_UP_AFTER = 4 * 1024 * 1024;

function reason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\s*Either not all the data was received or the data was invalid\.?/, '').trim();
}
