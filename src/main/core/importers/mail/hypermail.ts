// A Hypermail message page (one message per HTML file). The metadata is only in HTML comments
// (`<!-- name="…" -->`, `sent`, `isosent`, `subject`, `id`, `inreplyto`); the message is the HTML
// between `<!-- body="start" -->` and `<!-- body="end" -->`, its lines ended by `<br />` and its
// quotations (span/em.quotelev1…4) still carrying their `> ` markers, so it is turned back into
// plain text lines and read like any mail body.
//
// Threads: a page knows its parent at best, never its thread's root, and In-Reply-To is often free
// text ("basic questions"), so every page is threaded by subject: `mail:<archive>:subject:<hash>`.
import type { ChildNode, Element } from 'domhandler';
import { decodeHTML } from 'entities';
import { parseDocument } from 'htmlparser2';
import type { ForumParser, ParseInput, SourceEvent, SourcePost } from '../source-thread';
import { linesBody } from './body';
import { redecodeEightBit } from './charset';
import { parseMailDate } from './date';
import { authorName, headerText, readHeaders } from './headers';
import { idIdentity, normalizeSubject, subjectIdentity, threadTitle } from './threading';

const BODY_START = '<!-- body="start" -->';
const BODY_END = '<!-- body="end" -->';
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'hr',
  'ul',
  'ol',
  'li',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'tr',
]);
const SKIPPED_TAGS = new Set(['script', 'style', 'head', 'title']);
/** Hypermail's list of a message's stored attachments: "application/msword attachment: file.doc". */
const ATTACHMENT_STUB = /^\s*[\w.+-]+\/[\w.+-]+ attachment:/;

/**
 * Hypermail hides addresses as `user.domain.name.hidden`, in Message-IDs too, so an id has no `@`;
 * free-text In-Reply-To ("basic questions", "Misc.") has spaces or is short and has no digits.
 */
export function looksLikeHypermailId(value: string): boolean {
  return !/\s/.test(value) && (value.includes('@') || (value.includes('.') && /\d/.test(value) && value.length >= 8));
}

function readComments(head: string): Map<string, string> {
  const meta = new Map<string, string>();
  for (const m of head.matchAll(/<!-- (\w+)="([^"]*)" -->/g)) {
    if (!meta.has(m[1]!))
      meta.set(
        m[1]!,
        decodeHTML(m[2]!)
          .replace(/^\(unknown charset\)\s*/, '')
          .trim(),
      );
  }
  return meta;
}

/** The archive's name, from the page title "Subject from Name on 1998-01-20 (everything)". */
function archiveName(head: string): string {
  const title = /<title>([\s\S]*?)<\/title>/i.exec(head)?.[1] ?? '';
  const label = / on \d{4}-\d{2}-\d{2} \(([^()]+)\)\s*$/.exec(decodeHTML(title).trim())?.[1];
  return label ? label.trim().replace(/\s+/g, '-') : 'hypermail';
}

/** The page's body as the text lines of the message that was archived. */
function bodyLines(html: string): string[] {
  const doc = parseDocument(html, { decodeEntities: true });
  let out = '';
  const walk = (nodes: ChildNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        // Source newlines only lay out the HTML; each message line ends in <br />.
        out += node.data.replace(/\r?\n/g, ' ');
        continue;
      }
      if (node.type !== 'tag') continue;
      const el = node as Element;
      const tag = el.name.toLowerCase();
      if (SKIPPED_TAGS.has(tag)) continue;
      if (tag === 'address' || el.attribs.id === 'received') continue;
      const level = /\bquotelev(\d)\b/.exec(el.attribs.class ?? '');
      if (tag === 'br') out += '\n';
      else if (tag === 'pre') out += `\n${preText(el.children)}\n`;
      else if (level) {
        // The `>` markers are normally still in the text; a quote Hypermail recognised by another mark gets them.
        const text = preText(el.children).replace(/\r?\n/g, ' ');
        out += /^\s*>/.test(text) ? text : `${'> '.repeat(+level[1]!)}${text}`;
      } else if (tag === 'li' && ATTACHMENT_STUB.test(preText(el.children))) continue;
      else if (BLOCK_TAGS.has(tag)) {
        out += '\n';
        walk(el.children);
        out += '\n';
      } else walk(el.children);
    }
  };
  walk(doc.children);
  return out.split('\n').map((line) => line.replace(/^ +/, '').replace(/\u00a0/g, ' '));
}

function preText(nodes: ChildNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.data;
    else if (node.type === 'tag' && node.name === 'br') out += '\n';
    else if ('children' in node) out += preText(node.children as ChildNode[]);
  }
  return out.replace(/^\n+|\s+$/g, '');
}

interface Segment {
  /** The header lines of a message Hypermail failed to split off ("FFrom …" lines) or a pasted forward. */
  headers: string[] | null;
  lines: string[];
}

const EMBEDDED_HEADER = /^[A-Za-z][\w-]*:\s/;
const MANGLED_FROM_OR_RULE = /^(?:\S*rom \S+.*\d{4}|-{5,})\s*$/;

/**
 * Splits a body where a whole message with headers (From:, Message-Id:) begins inside it: mail that
 * Hypermail's From_ splitting missed ("FFrom …", "rom …") or a forward pasted with its headers.
 */
function splitEmbedded(lines: string[]): Segment[] {
  const segments: Segment[] = [{ headers: null, lines: [] }];
  for (let i = 0; i < lines.length; i++) {
    const run = headerRun(lines, i);
    if (run) {
      const current = segments[segments.length - 1]!;
      if (current.lines.length > 0 && MANGLED_FROM_OR_RULE.test(current.lines.at(-1)!)) current.lines.pop();
      segments.push({ headers: lines.slice(i, run), lines: [] });
      i = run - 1;
      continue;
    }
    segments[segments.length - 1]!.lines.push(lines[i]!);
  }
  return segments;
}

/** The end of a header block starting at `i` that names a message (From: and Message-Id:), or undefined. */
function headerRun(lines: string[], i: number): number | undefined {
  if (!EMBEDDED_HEADER.test(lines[i]!)) return undefined;
  let j = i;
  let fields = 0;
  let hasFrom = false;
  let hasId = false;
  for (; j < lines.length; j++) {
    const line = lines[j]!;
    if (EMBEDDED_HEADER.test(line)) {
      fields++;
      hasFrom ||= /^From:/i.test(line);
      hasId ||= /^Message-Id:/i.test(line);
    } else if (!(/^\s+\S/.test(line) && fields > 0)) break;
  }
  return fields >= 3 && hasFrom && hasId ? j : undefined;
}

function firstId(value: string | undefined): string | null {
  const bracketed = /<([^<>\s]+)>/.exec(value ?? '')?.[1] ?? value?.trim();
  return bracketed && looksLikeHypermailId(bracketed) ? bracketed : null;
}

function embeddedPost(headerLines: string[], lines: string[]): SourcePost | undefined {
  const { headers } = readHeaders(headerLines);
  const key = firstId(headers.get('message-id'));
  if (!key) return undefined;
  const parent = firstId(headers.get('in-reply-to'));
  return {
    key,
    parentKey: parent === key ? null : parent,
    author: authorName(headerText(headers.get('from'))),
    postedAt: parseMailDate(headers.get('date'))?.iso ?? null,
    permalink: null,
    title: headerText(headers.get('subject')) || null,
    blocks: linesBody(lines).blocks,
  };
}

/** The page's time. isosent is Hypermail's UTC reading of the date; it knows the archive's zone for a
 * zoneless ctime date, but it misread a few impossible zones by a year ("+875200"). */
function postedAt(sent: string | undefined, isoSent: string | undefined): string | null {
  const parsed = parseMailDate(sent);
  if (parsed?.zoned) return parsed.iso;
  const iso = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(isoSent ?? '');
  if (!iso) return parsed?.iso ?? null;
  const [y, mo, d, h, mi, s] = iso.slice(1).map(Number) as [number, number, number, number, number, number];
  const hypermailTime = Date.UTC(y, mo - 1, d, h, mi, s);
  if (!Number.isFinite(hypermailTime)) return parsed?.iso ?? null;
  const DAY = 86_400_000;
  if (parsed && Math.abs(Date.parse(parsed.iso) - hypermailTime) > DAY) return parsed.iso;
  return new Date(hypermailTime).toISOString();
}

export const hypermailParser: ForumParser = {
  format: 'mail',

  sniff(file: string, head: string): boolean {
    return /<meta name="generator" content="hypermail/i.test(head) && head.includes(BODY_START);
  },

  async *parse(input: ParseInput): AsyncIterable<SourceEvent> {
    const raw = await input.text();
    const start = raw.indexOf(BODY_START);
    if (start < 0) {
      throw new Error(
        /hypermail/i.test(raw.slice(0, 4096))
          ? 'not a Hypermail message page: no message body (an index or thread page?)'
          : 'not a Hypermail message page: no <!-- body="start" --> marker',
      );
    }
    const end = raw.indexOf(BODY_END, start);
    if (end < 0) throw new Error('not a whole Hypermail message page: the body has no end marker (truncated?)');
    const meta = readComments(raw.slice(0, start));
    // Hypermail copies the message's bytes as they were; a page declared windows-1251 is Cyrillic.
    const charset = meta.get('charset');
    const text = redecodeEightBit(raw, charset);
    const fixedMeta = text === raw ? meta : readComments(text.slice(0, start));
    const key = fixedMeta.get('id');
    if (!key) throw new Error('not a Hypermail message page: no <!-- id="…" --> comment');

    const subject = (fixedMeta.get('subject') ?? '').replace(/\s+/g, ' ').trim();
    const list = archiveName(text.slice(0, start));
    const normalized = normalizeSubject(subject);
    yield {
      kind: 'thread',
      thread: {
        identity: normalized === '' ? idIdentity(key) : subjectIdentity(list, normalized),
        title: threadTitle(subject),
        url: null,
        format: 'mail',
      },
    };

    const inReplyTo = fixedMeta.get('inreplyto') ?? '';
    const name = (fixedMeta.get('name') ?? '')
      .replace(/^'(.*)'$/, '$1')
      .replace(/\s+/g, ' ')
      .trim();
    const segments = splitEmbedded(bodyLines(text.slice(start + BODY_START.length, end)));
    const keys = new Set([key]);
    yield {
      kind: 'post',
      post: {
        key,
        parentKey: looksLikeHypermailId(inReplyTo) && inReplyTo !== key ? inReplyTo : null,
        author: name || fixedMeta.get('email') || null,
        postedAt: postedAt(fixedMeta.get('sent'), fixedMeta.get('isosent')),
        permalink: null,
        title: subject || null,
        blocks: linesBody(segments[0]!.lines).blocks,
      },
    };
    for (const segment of segments.slice(1)) {
      const post = embeddedPost(segment.headers!, segment.lines);
      if (!post || keys.has(post.key)) continue;
      keys.add(post.key);
      yield {
        kind: 'warning',
        message: `message ${post.key} was archived inside message ${key}; read as a post of its own`,
      };
      yield { kind: 'post', post };
    }
  },
};
