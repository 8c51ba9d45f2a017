// One RFC 822 message per file: a Maildir's cur/ and new/ files, a saved .eml. The pipeline calls the
// parser once per file, so a message is threaded by its own headers alone (see standaloneThread).
import type { ForumParser, ParseInput, SourceEvent } from '../source-thread';
import { HEADER_LINE } from './headers';
import { readMessage } from './message';
import { standaloneThread } from './threading';

/** Fields that make a header block a mail message rather than any `Key: value` text. */
const MAIL_FIELDS = /^(?:From|Date|Message-ID|Subject|Received|Return-Path|Delivered-To|MIME-Version|In-Reply-To|To):/i;
const FROM_LINE = /^From \S/;

function headerLines(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  // A message saved from an mbox may keep its From_ line.
  if (FROM_LINE.test(lines[0] ?? '') && HEADER_LINE.test(lines[1] ?? '')) lines.shift();
  return lines;
}

export const emailMessageParser: ForumParser = {
  format: 'mail',

  sniff(file: string, head: string): boolean {
    const named = /\.eml$/i.test(file);
    // A From_ line first is an mbox (mboxParser's), unless the file says it is one message.
    if (!named && FROM_LINE.test(head.replace(/^\uFEFF/, ''))) return false;
    const lines = headerLines(head);
    if (!HEADER_LINE.test(lines[0] ?? '')) return false;
    const fields = new Set<string>();
    for (const line of lines) {
      if (line.trim() === '') break;
      const m = MAIL_FIELDS.exec(line);
      if (m) fields.add(m[0].toLowerCase());
    }
    return fields.has('from:') && (named || fields.size >= 3);
  },

  async *parse(input: ParseInput): AsyncIterable<SourceEvent> {
    const text = await input.text();
    if (text.trim() === '') throw new Error('not an e-mail message: the file is empty');
    if (text.includes('\u0000')) throw new Error('not an e-mail message: the file holds binary data');
    const lines = headerLines(text);
    if (!HEADER_LINE.test(lines[0] ?? '')) {
      throw new Error('not an e-mail message: it does not start with header lines (From:, Date:, Subject:)');
    }
    const blank = lines.findIndex((l) => l.trim() === '');
    const headerBlock = blank < 0 ? lines : lines.slice(0, blank);
    const message = readMessage(lines);
    if (!message || !headerBlock.some((l) => /^(?:From|Message-ID|Date)\s*:/i.test(l))) {
      throw new Error('not an e-mail message: no From, Date or Message-ID header');
    }
    for (const warning of message.warnings) yield { kind: 'warning', message: warning };
    yield { kind: 'thread', thread: standaloneThread(message.threading) };
    yield { kind: 'post', post: message.post };
  },
};
