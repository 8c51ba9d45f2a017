// Large thread dumps (a 100 MB Reddit or Hacker News thread) are read as a stream: every JSON object
// the caller takes is handed over as soon as its closing brace arrives and is then cut out of the
// document being assembled. Nested replies are taken before the comment that holds them, so a
// comment reaches the caller without its replies and the document never holds more than the
// objects still open: the path from the root to the current position, with their own fields.
//
// Tokenising every value in JavaScript is most of the cost of a large dump, so an object the caller
// marks as `whole` (one reply with its subtree) is not tokenised: its text is cut out of the stream
// by a scan that tracks only nesting and skips strings with indexOf, and handed to JSON.parse in one
// go. What is held is then that one subtree, as text and as values, never the file.
import type { JsonObject } from './json-fields';

export type JsonPath = readonly (string | number)[];

export interface StreamedObject {
  value: JsonObject;
  /** Keys from the document's root to this object; empty for the root itself. */
  path: JsonPath;
  /** The root value as assembled so far: its fields read before this object, minus taken objects. */
  root: unknown;
}

export interface StreamOptions {
  /**
   * Whether a completed object is one the caller wants; taken objects leave the document. `path`
   * is only valid during the call.
   */
  take(value: JsonObject, path: JsonPath): boolean;
  /**
   * Whether an object about to start at `path` can be read whole: it holds at most one reply and its
   * subtree, never the thread. Its objects are offered to `take` all at once when it ends, innermost
   * first as always. `path` is only valid during the call.
   */
  whole?(path: JsonPath): boolean;
  /**
   * Parses the text of an object read whole: JSON.parse unless given. It may leave out fields the
   * caller never reads, but must refuse what JSON.parse refuses, with JSON.parse's error.
   */
  read?(text: string): unknown;
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
  const parser = new JsonObjectStream(options);
  let seen = 0;
  let blank = true;
  const run = (step: () => void): void => {
    try {
      step();
    } catch (err) {
      if (!(err instanceof JsonSyntaxError)) throw err;
      throw new Error(`${options.notA}: ${err.message}`);
    }
  };
  for await (const chunk of chunks) {
    seen += chunk.length;
    blank &&= chunk.trim() === '';
    run(() => parser.write(chunk));
    const ready = parser.takeReady();
    if (ready.length > 0) yield* ready;
    else if (!parser.takenAny && seen > GIVE_UP_AFTER && !parser.readingWhole) {
      throw new Error(`${options.notA}: ${options.expected}`);
    }
  }
  if (blank) throw new Error(`${options.notA}: the file is empty`);
  run(() => parser.end());
  yield* parser.takeReady();
  if (!parser.takenAny) throw new Error(`${options.notA}: ${options.expected}`);
}

/** A thread's opening object is at most a few hundred kilobytes; a file that shows none by now is another kind. */
const GIVE_UP_AFTER = 4 * 1024 * 1024;

class JsonSyntaxError extends Error {}

const notJson = (detail: string): JsonSyntaxError => new JsonSyntaxError(`the file is not valid JSON (${detail})`);
const truncated = (): JsonSyntaxError =>
  new JsonSyntaxError('the JSON stops before it is complete (is the file truncated?)');

// What the parser expects next.
const VALUE = 0;
/** Right after `[`: a value or `]`. */
const VALUE_OR_END = 1;
/** After `,` in an object. */
const KEY = 2;
/** Right after `{`: a key or `}`. */
const KEY_OR_END = 3;
const COLON = 4;
/** After a value inside an object or array. */
const COMMA_OR_END = 5;
/** After the root value: nothing but whitespace. */
const DONE = 6;

// A token that the end of a chunk cut in two.
const NO_TOKEN = 0;
const STRING_TOKEN = 1;
const SCALAR_TOKEN = 2;
const WHOLE_TOKEN = 3;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON_CHAR = 58;

const isWhitespace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
/** Characters of numbers and of true, false and null (JSON.parse then says whether they form one). */
const isScalarChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 || c === 43 || c === 46;

type Container = JsonObject | unknown[];

/** A container being walked: its keys (an object's) and the next to visit, and how many elements an array keeps. */
interface WalkFrame {
  container: Container;
  keys: string[] | undefined;
  next: number;
  kept: number;
}

const walkFrame = (container: Container): WalkFrame => ({
  container,
  keys: Array.isArray(container) ? undefined : Object.keys(container),
  next: 0,
  kept: 0,
});

/**
 * A push parser for one JSON document that builds the values it reads, offers each completed object
 * to `take`, and leaves taken objects out of the document.
 */
class JsonObjectStream {
  takenAny = false;
  private ready: StreamedObject[] = [];
  private state = VALUE;
  /** Open containers, the root first. */
  private readonly containers: Container[] = [];
  /** The key (or index) being read in each open container. */
  private readonly path: (string | number)[] = [];
  private root: unknown = undefined;
  /** Whether the string being read is a key. */
  private readingKey = false;
  /** A token the last chunk ended in: its text so far, and how to go on. */
  private token = NO_TOKEN;
  private parts: string[] = [];
  /** Inside a string, the last chunk ended on a backslash that escapes the next character. */
  private escaped = false;
  /** Inside a whole object: its depth of nesting, and whether the last chunk ended inside a string. */
  private wholeDepth = 0;
  private wholeInString = false;
  /** Characters before the opening brace of the object being read whole. */
  private wholeStart = 0;
  /** Characters before the current chunk, for messages. */
  private offset = 0;

  constructor(private readonly options: StreamOptions) {}

  get readingWhole(): boolean {
    return this.token === WHOLE_TOKEN;
  }

  takeReady(): StreamedObject[] {
    const ready = this.ready;
    this.ready = [];
    return ready;
  }

  write(text: string): void {
    let i = this.resume(text);
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isWhitespace(c)) {
        i++;
        continue;
      }
      switch (this.state) {
        case VALUE:
        case VALUE_OR_END:
          if (c === CLOSE_BRACKET && this.state === VALUE_OR_END) {
            this.close();
            i++;
          } else {
            i = this.value(text, i, c);
          }
          break;
        case KEY_OR_END:
        case KEY:
          if (c === QUOTE) {
            this.readingKey = true;
            i = this.string(text, i);
          } else if (c === CLOSE_BRACE && this.state === KEY_OR_END) {
            this.close();
            i++;
          } else {
            throw this.unexpected(text, i);
          }
          break;
        case COLON:
          if (c !== COLON_CHAR) throw this.unexpected(text, i);
          this.state = VALUE;
          i++;
          break;
        case COMMA_OR_END: {
          const container = this.containers[this.containers.length - 1]!;
          const array = Array.isArray(container);
          if (c === COMMA) {
            if (array) {
              (this.path[this.path.length - 1] as number)++;
              this.state = VALUE;
            } else {
              this.state = KEY;
            }
          } else if (c === (array ? CLOSE_BRACKET : CLOSE_BRACE)) {
            this.close();
          } else {
            throw this.unexpected(text, i);
          }
          i++;
          break;
        }
        default:
          throw new JsonSyntaxError('there is more text after the JSON document');
      }
    }
    this.offset += n;
  }

  end(): void {
    if (this.token === SCALAR_TOKEN && this.containers.length === 0) {
      this.token = NO_TOKEN;
      this.scalarValue(this.parts.join(''));
    }
    if (this.state !== DONE || this.token !== NO_TOKEN) throw truncated();
  }

  /** Goes on with a token the last chunk ended in; returns where the rest of `text` starts. */
  private resume(text: string): number {
    switch (this.token) {
      case STRING_TOKEN: {
        const end = this.stringEnd(text, 0);
        if (end < 0) {
          this.parts.push(text);
          return text.length;
        }
        this.token = NO_TOKEN;
        this.parts.push(text.slice(0, end + 1));
        this.stringValue(this.takeParts());
        return end + 1;
      }
      case SCALAR_TOKEN: {
        let end = 0;
        while (end < text.length && isScalarChar(text.charCodeAt(end))) end++;
        this.parts.push(text.slice(0, end));
        if (end === text.length) return end;
        this.token = NO_TOKEN;
        this.scalarValue(this.takeParts());
        return end;
      }
      case WHOLE_TOKEN: {
        const end = this.wholeEnd(text, 0);
        if (end < 0) {
          this.parts.push(text);
          return text.length;
        }
        this.token = NO_TOKEN;
        this.parts.push(text.slice(0, end));
        this.wholeValue(this.takeParts());
        return end;
      }
      default:
        return 0;
    }
  }

  private takeParts(): string {
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    return text;
  }

  /** A value starts at `i` with character `c`; returns where the text after what was read starts. */
  private value(text: string, i: number, c: number): number {
    if (c === OPEN_BRACE) {
      if (this.containers.length > 0 && this.options.whole?.(this.path)) {
        this.wholeDepth = 0;
        this.wholeInString = false;
        this.wholeStart = this.offset + i;
        const end = this.wholeEnd(text, i);
        if (end < 0) {
          this.token = WHOLE_TOKEN;
          this.parts.push(text.slice(i));
          return text.length;
        }
        this.wholeValue(text.slice(i, end));
        return end;
      }
      this.open({}, KEY_OR_END, '');
      return i + 1;
    }
    if (c === OPEN_BRACKET) {
      this.open([], VALUE_OR_END, 0);
      return i + 1;
    }
    if (c === QUOTE) {
      this.readingKey = false;
      return this.string(text, i);
    }
    if (!isScalarChar(c)) throw this.unexpected(text, i);
    let end = i + 1;
    while (end < text.length && isScalarChar(text.charCodeAt(end))) end++;
    if (end === text.length) {
      this.token = SCALAR_TOKEN;
      this.parts.push(text.slice(i));
      return end;
    }
    this.scalarValue(text.slice(i, end));
    return end;
  }

  /** A string (a key or a value) opens at `i`. */
  private string(text: string, i: number): number {
    this.escaped = false;
    const end = this.stringEnd(text, i + 1);
    if (end < 0) {
      this.token = STRING_TOKEN;
      this.parts.push(text.slice(i));
      return text.length;
    }
    this.stringValue(text.slice(i, end + 1));
    return end + 1;
  }

  /**
   * Where the quote that ends a string is, reading on from `from`; -1 when `text` ends first (then
   * `escaped` says whether it ended inside an escape).
   */
  private stringEnd(text: string, from: number): number {
    let j = from;
    if (this.escaped) {
      if (j >= text.length) return -1;
      this.escaped = false;
      j++;
    }
    for (;;) {
      const quote = text.indexOf('"', j);
      if (quote < 0) {
        let k = text.length - 1;
        while (k >= j && text.charCodeAt(k) === BACKSLASH) k--;
        this.escaped = (text.length - 1 - k) % 2 === 1;
        return -1;
      }
      let k = quote - 1;
      while (k >= j && text.charCodeAt(k) === BACKSLASH) k--;
      if ((quote - 1 - k) % 2 === 0) return quote;
      j = quote + 1;
    }
  }

  /** Where a whole object ends (the index after its closing brace), reading on from `from`; -1 when `text` ends first. */
  private wholeEnd(text: string, from: number): number {
    let i = from;
    if (this.wholeInString) {
      const quote = this.stringEnd(text, i);
      if (quote < 0) return -1;
      this.wholeInString = false;
      i = quote + 1;
    }
    for (const n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.escaped = false;
        const quote = this.stringEnd(text, i + 1);
        if (quote < 0) {
          this.wholeInString = true;
          return -1;
        }
        i = quote;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        this.wholeDepth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--this.wholeDepth === 0) return i + 1;
      }
    }
    return -1;
  }

  private stringValue(raw: string): void {
    const value = parseToken(raw) as string;
    if (this.readingKey) {
      this.path[this.path.length - 1] = value;
      this.state = COLON;
    } else {
      this.add(value);
    }
  }

  private scalarValue(raw: string): void {
    this.add(parseToken(raw));
  }

  /** An object read whole: its objects are offered innermost first, then it joins its container. */
  private wholeValue(text: string): void {
    let value: unknown;
    try {
      value = this.options.read ? this.options.read(text) : JSON.parse(text);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // JSON.parse counts from the object's opening brace; the user counts from the file's start.
      throw notJson(
        message.replace(
          / in JSON at position (\d+)/,
          (_, at: string) => ` at character ${this.wholeStart + Number(at) + 1}`,
        ),
      );
    }
    if (!this.walk(value)) this.add(value);
    else this.afterValue();
  }

  /**
   * Offers the objects inside a value read whole, innermost first, taking those taken out of their
   * containers; true when the value itself was taken. Iterative: a reply chain may nest deeper than
   * the call stack goes.
   */
  private walk(value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    const path = this.path;
    const frames: WalkFrame[] = [walkFrame(value as Container)];
    for (;;) {
      const frame = frames[frames.length - 1]!;
      const { container, keys } = frame;
      const length = keys ? keys.length : (container as unknown[]).length;
      let child: unknown;
      while (frame.next < length) {
        const i = frame.next++;
        child = keys ? (container as JsonObject)[keys[i]!] : (container as unknown[])[i];
        if (typeof child === 'object' && child !== null) {
          path.push(keys ? keys[i]! : i);
          break;
        }
        // An array keeps its elements that stay, in order.
        if (!keys) (container as unknown[])[frame.kept++] = child;
        child = undefined;
      }
      if (child !== undefined) {
        frames.push(walkFrame(child as Container));
        continue;
      }
      // The container is complete: offered (an object), then back in its parent unless taken.
      if (!keys) (container as unknown[]).length = frame.kept;
      const taken = keys !== undefined && this.offer(container as JsonObject);
      frames.pop();
      const parent = frames[frames.length - 1];
      if (!parent) return taken;
      const key = path.pop()!;
      if (parent.keys) {
        if (taken) delete (parent.container as JsonObject)[key as string];
      } else if (!taken) {
        (parent.container as unknown[])[parent.kept++] = container;
      }
    }
  }

  /** Offers a completed object at `path` to `take`; true when it was taken. */
  private offer(value: JsonObject): boolean {
    if (!this.options.take(value, this.path)) return false;
    this.takenAny = true;
    this.ready.push({ value, path: this.path.slice(), root: this.path.length === 0 ? value : this.root });
    return true;
  }

  /** A container opens: it joins its parent now, so that the root shows what has been read. */
  private open(container: Container, state: number, key: string | number): void {
    if (this.containers.length === 0) this.root = container;
    else this.attach(container);
    this.containers.push(container);
    this.path.push(key);
    this.state = state;
  }

  /** The innermost container closes: an object is offered, and leaves its parent when taken. */
  private close(): void {
    const container = this.containers.pop()!;
    this.path.pop();
    if (!Array.isArray(container) && this.offer(container)) this.detach();
    this.afterValue();
  }

  /** A primitive value, or an object read whole and not taken, joins its container. */
  private add(value: unknown): void {
    if (this.containers.length === 0) this.root = value;
    else this.attach(value);
    this.afterValue();
  }

  private afterValue(): void {
    this.state = this.containers.length === 0 ? DONE : COMMA_OR_END;
  }

  private attach(value: unknown): void {
    const parent = this.containers[this.containers.length - 1]!;
    if (Array.isArray(parent)) {
      parent.push(value);
      return;
    }
    const key = this.path[this.path.length - 1] as string;
    // Assigning "__proto__" would change the object's prototype instead of adding a field.
    if (key === '__proto__')
      Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
    else parent[key] = value;
  }

  /** Takes the object just completed out of its parent (it was added last). */
  private detach(): void {
    if (this.containers.length === 0) return;
    const parent = this.containers[this.containers.length - 1]!;
    if (Array.isArray(parent)) parent.length -= 1;
    else delete parent[this.path[this.path.length - 1] as string];
  }

  private unexpected(text: string, i: number): JsonSyntaxError {
    const c = text.codePointAt(i)!;
    const shown =
      c < 32 || c === 127 ? `U+${c.toString(16).toUpperCase().padStart(4, '0')}` : `"${String.fromCodePoint(c)}"`;
    return notJson(`unexpected ${shown} at character ${this.offset + i + 1}`);
  }
}

/** A string, number, true, false or null, checked and read by JSON.parse. */
function parseToken(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw notJson(`${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw} is not a JSON value`);
  }
}
