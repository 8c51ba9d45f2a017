// One RFC 822 message (its lines, already decoded to text) as a post and what threading needs.
import type { SourceBlock, SourcePost } from '../source-thread';
import { htmlBody, plainTextBody } from './body';
import { parseMailDate } from './date';
import { authorName, headerText, listIdOf, messageIds, ownMessageId, readHeaders } from './headers';
import { textParts } from './mime';
import { shortHash, type ThreadingFacts } from './threading';

export interface MailMessage {
  post: SourcePost;
  threading: ThreadingFacts;
  warnings: string[];
}

export interface MessageContext {
  /** The date of the mbox From_ line, for a message without a Date header. */
  envelopeDate?: string | null;
}

/** Reads a message; undefined when the lines do not start with a header block. */
export function readMessage(lines: readonly string[], context: MessageContext = {}): MailMessage | undefined {
  const { headers, bodyStart } = readHeaders(lines);
  if (headers.size === 0) return undefined;
  const subject = headerText(headers.get('subject'));
  const from = headerText(headers.get('from')) || null;
  const date = parseMailDate(headers.get('date'))?.iso ?? context.envelopeDate ?? null;
  const messageId = ownMessageId(headers.get('message-id'));
  // Without a Message-ID the same message still gets the same key in every export.
  const key = messageId ?? `hash:${shortHash(`${headers.get('date') ?? ''}\n${from ?? ''}\n${subject}`)}`;

  const inReplyTo = messageIds(headers.get('in-reply-to'));
  const references = messageIds(headers.get('references'));
  const ancestors = [...references];
  for (const id of inReplyTo) if (!ancestors.includes(id)) ancestors.push(id);
  const ownIndex = ancestors.indexOf(key);
  if (ownIndex >= 0) ancestors.splice(ownIndex);
  const parentKey = inReplyTo.find((id) => id !== key) ?? references.at(-1) ?? null;

  const { parts, warnings } = textParts(headers, lines.slice(bodyStart));
  const blocks: SourceBlock[] = [];
  let onlineUrl: string | null = null;
  for (const part of parts) {
    const body = part.kind === 'plain' ? plainTextBody(part.text, part.flowed) : htmlBody(part.html);
    blocks.push(...body.blocks);
    onlineUrl ??= body.onlineUrl;
  }
  const permalink = archivedAt(headers.get('archived-at') ?? headers.get('x-archived-at')) ?? onlineUrl;

  const post: SourcePost = {
    key,
    parentKey: parentKey === key ? null : parentKey,
    author: authorName(from ?? undefined),
    postedAt: date,
    permalink,
    title: subject || null,
    blocks,
  };
  return {
    post,
    threading: { key, ancestors, subject, list: listIdOf(headers), permalink },
    warnings,
  };
}

function archivedAt(value: string | undefined): string | null {
  const url = /<?(https?:\/\/[^\s<>]+)>?/.exec(value ?? '');
  return url ? url[1]! : null;
}
