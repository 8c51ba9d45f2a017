import path from 'node:path';
import type { TextFormat } from '../../../shared/model/library';
import { MarkdownParser } from './markdown';
import { PlainTextParser } from './plain-text';
import type { BlockParser } from './types';

const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown', '.mdown', '.mkd']);
const TEXT_EXTENSIONS = new Set(['.txt', '.text']);

/** Lines that are Markdown syntax rather than prose pasted from a page. */
const MARKDOWN_SIGNALS = [
  /^#{1,6} \S/,
  /^> ?\S/,
  /^(?:[-*+]|\d+\.) \S/,
  /^```/,
  /^(?:-{3,}|\*{3,})\s*$/,
  /\[[^\]]+\]\([^)]+\)/,
];

/**
 * The format of a file: its extension when it names one, else its content. Prose copied from a page
 * rarely starts lines with `#`, `>` or list markers; a Markdown export does, repeatedly.
 */
export function detectFormat(file: string, head: string): TextFormat {
  const ext = path.extname(file).toLowerCase();
  if (MARKDOWN_EXTENSIONS.has(ext)) return 'markdown';
  if (TEXT_EXTENSIONS.has(ext)) return 'text';
  const lines = head.split(/\r\n|\n|\r/).slice(0, 400);
  const signals = lines.filter((l) => MARKDOWN_SIGNALS.some((re) => re.test(l))).length;
  return signals >= 3 || (signals >= 1 && signals >= lines.filter((l) => l.trim()).length / 10) ? 'markdown' : 'text';
}

export function parserFor(format: TextFormat): BlockParser {
  return format === 'markdown' ? new MarkdownParser() : new PlainTextParser();
}
