// A post's raw Markdown, for the JSON that carries no cooked HTML. Discourse quotes are BBCode:
// [quote="name, post:12, topic:345"]…[/quote], nested freely (each passage belongs to its innermost
// quote); `>` lines are quotes without a source.
import type { SourceBlock } from '../source-thread';

const QUOTE_TAG = /\[quote(?:=("[^"\]]*"|[^\]]*))?\]|\[\/quote\]/gi;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

interface Attribution {
  fromAuthor?: string;
  fromPostKey?: string;
}

export function rawToBlocks(raw: string, topicId: number): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  const open: Attribution[] = [];
  let at = 0;
  for (const tag of raw.matchAll(QUOTE_TAG)) {
    blocks.push(...textBlocks(raw.slice(at, tag.index), open.at(-1)));
    at = tag.index + tag[0].length;
    if (tag[0].startsWith('[/')) open.pop();
    else open.push(attribution(tag[1], topicId));
  }
  blocks.push(...textBlocks(raw.slice(at), open.at(-1)));
  return blocks;
}

/** `"anonymous105, post:28, topic:2144"`, `"Display Name, post:3, topic:9, username:real"`, `bob`. */
function attribution(value: string | undefined, topicId: number): Attribution {
  if (!value) return {};
  const parts = value
    .replace(/^"|"$/g, '')
    .split(',')
    .map((p) => p.trim());
  const field = (name: string): string | undefined =>
    parts
      .find((p) => p.startsWith(`${name}:`))
      ?.slice(name.length + 1)
      .trim();
  const result: Attribution = {};
  const author = field('username') ?? parts[0];
  if (author) result.fromAuthor = author;
  const post = field('post');
  const topic = field('topic');
  // Post numbers are per topic: a quote of another topic's post 4 names no post here.
  if (post && /^\d+$/.test(post) && (topic === undefined || topic === String(topicId))) result.fromPostKey = post;
  return result;
}

/** Paragraphs split at blank lines; inside a [quote] every paragraph is a quote, outside only `>` lines are. */
function textBlocks(text: string, quote: Attribution | undefined): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  let lines: string[] = [];
  let quoted = false;
  let fence: string | undefined;
  const close = (): void => {
    const body = fence ? lines.join('\n') : lines.join('\n').trim();
    lines = [];
    if (!body.trim()) return;
    if (quote) blocks.push({ kind: 'quote', text: body, ...quote });
    else if (quoted) blocks.push({ kind: 'quote', text: body });
    else blocks.push({ kind: 'paragraph', text: body });
  };
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (fence) {
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') {
        close();
        fence = undefined;
      } else {
        lines.push(line);
      }
      continue;
    }
    const opening = FENCE.exec(line);
    if (opening) {
      close();
      fence = opening[1]!;
      quoted = false;
      continue;
    }
    if (line.trim() === '') {
      close();
      continue;
    }
    const isQuoteLine = /^ {0,3}>/.test(line);
    if (lines.length > 0 && isQuoteLine !== quoted) close();
    quoted = isQuoteLine;
    lines.push(isQuoteLine ? line.replace(/^(?:\s*>\s?)+/, '').trim() : line.trim());
  }
  close();
  return blocks;
}
