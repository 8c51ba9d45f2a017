// mbox: messages one after another, each opened by a From_ line ("From sender date") at the start of
// the file or after a blank line. Read as a stream: one message's lines are held at a time and parsed
// as soon as the next From_ line (or the end) closes it, so a mailbox of any size never sits in memory
// whole. Threading is done in the same single pass (see MailboxThreads): a post whose thread was
// opened earlier in the file gets that thread's `thread` event again before it.
import { LineSplitter } from '../lines';
import type { ForumParser, ParseInput, SourceEvent } from '../source-thread';
import { parseMailDate } from './date';
import { HEADER_LINE } from './headers';
import { readMessage } from './message';
import { detach, MailboxThreads } from './threading';

/** "From " then a sender and a date with a time of day: `From andy at example.com  Sat Nov 14 21:29:28 2015`. */
const FROM_LINE = /^From \S.*\d{1,2}:\d{2}/;
/** mboxrd: `>From `, `>>From ` are body lines that began with `From ` and were escaped once more. */
const STUFFED_FROM = /^>+From /;

interface RawMessage {
  fromLine: string;
  lines: string[];
}

/** Cuts a stream of lines into messages; a From_ line only counts when a header line follows it. */
export class MboxSplitter {
  private current: RawMessage | undefined;
  private candidate: string | undefined;
  private previousBlank = true;
  private seenContent = false;

  push(line: string): RawMessage | undefined {
    if (this.candidate !== undefined) {
      const fromLine = this.candidate;
      this.candidate = undefined;
      if (HEADER_LINE.test(line)) return this.start(fromLine, line);
      if (!this.current) throw new Error('not an mbox: the first "From " line is not followed by message headers');
      this.add(fromLine);
    }
    if (this.previousBlank && FROM_LINE.test(line)) {
      this.candidate = line;
      this.seenContent = true;
      return undefined;
    }
    if (!this.current) {
      if (line.trim() === '') return undefined;
      throw new Error(
        this.seenContent
          ? 'not an mbox: the first "From " line is not followed by message headers'
          : 'not an mbox: the file does not start with a "From " separator line',
      );
    }
    this.add(line);
    return undefined;
  }

  end(): RawMessage | undefined {
    if (this.candidate !== undefined) {
      if (!this.current) throw new Error('not an mbox: the "From " line is not followed by a message');
      this.add(this.candidate);
      this.candidate = undefined;
    }
    const last = this.current;
    this.current = undefined;
    return last && trimSeparator(last);
  }

  private start(fromLine: string, firstHeader: string): RawMessage | undefined {
    const finished = this.current && trimSeparator(this.current);
    this.current = { fromLine, lines: [firstHeader] };
    this.previousBlank = false;
    return finished;
  }

  private add(line: string): void {
    this.current!.lines.push(STUFFED_FROM.test(line) ? line.slice(1) : line);
    this.previousBlank = line.trim() === '';
  }
}

/** The blank line before the next From_ line belongs to the separator, not the body. */
function trimSeparator(message: RawMessage): RawMessage {
  if (message.lines.at(-1)?.trim() === '') message.lines.pop();
  return message;
}

function envelopeDate(fromLine: string): string | null {
  const m = /([A-Z][a-z]{2}\s+[A-Z][a-z]{2}\s+\d{1,2}\s+\d{1,2}:\d{2}.*)$/.exec(fromLine);
  return m ? (parseMailDate(m[1])?.iso ?? null) : null;
}

export const mboxParser: ForumParser = {
  format: 'mail',

  sniff(file: string, head: string): boolean {
    const lines = head.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 3);
    const first = lines.findIndex((l) => l.trim() !== '');
    if (first < 0) return false;
    return FROM_LINE.test(lines[first]!) && HEADER_LINE.test(lines[first + 1] ?? '');
  },

  async *parse(input: ParseInput): AsyncIterable<SourceEvent> {
    const lines = new LineSplitter();
    const splitter = new MboxSplitter();
    const reader = new MailboxReader();
    let sawText = false;
    for await (const chunk of input.chunks()) {
      if (!sawText && chunk.trim() !== '') {
        if (chunk.includes('\u0000')) throw new Error('not an mbox: the file holds binary data');
        sawText = true;
      }
      for (const line of lines.push(chunk)) {
        const message = splitter.push(line);
        if (message) yield* reader.events(message);
      }
    }
    for (const line of lines.end()) {
      const message = splitter.push(line);
      if (message) yield* reader.events(message);
    }
    const last = splitter.end();
    if (last) yield* reader.events(last);
    if (!sawText) throw new Error('not an mbox: the file is empty');
    if (reader.posts === 0) throw new Error('not an mbox: no messages found');
  },
};

/** Turns split messages into events, threading them in file order. */
class MailboxReader {
  posts = 0;
  private readonly threads = new MailboxThreads();
  private readonly seen = new Set<string>();
  private lastIdentity: string | undefined;

  *events(raw: RawMessage): Iterable<SourceEvent> {
    const message = readMessage(raw.lines, { envelopeDate: envelopeDate(raw.fromLine) });
    if (!message) {
      yield { kind: 'warning', message: `skipped a message without headers after "${raw.fromLine.slice(0, 80)}"` };
      return;
    }
    for (const warning of message.warnings) yield { kind: 'warning', message: `${message.post.key}: ${warning}` };
    if (this.seen.has(message.post.key)) {
      yield { kind: 'warning', message: `skipped a second copy of message ${message.post.key}` };
      return;
    }
    this.seen.add(detach(message.post.key));
    const thread = this.threads.threadOf(message.threading);
    if (thread.identity !== this.lastIdentity) {
      yield { kind: 'thread', thread };
      this.lastIdentity = thread.identity;
    }
    this.posts++;
    yield { kind: 'post', post: message.post };
  }
}
