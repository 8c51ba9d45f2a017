import { discourseParser } from './discourse';
import { hackerNewsParser } from './hackernews';
import { askbotParser, genericPageParser, phpbbParser } from './html-pages';
import { emailMessageParser, hypermailParser, mboxParser } from './mail';
import { redditParser } from './reddit';
import type { ForumFormat, ForumParser } from './source-thread';

/**
 * Structured formats, in the order content sniffing tries them: the specific before the generic
 * (the generic saved-page parser accepts any HTML and must come last).
 */
export const FORUM_PARSERS: readonly ForumParser[] = [
  discourseParser,
  redditParser,
  hackerNewsParser,
  mboxParser,
  emailMessageParser,
  hypermailParser,
  phpbbParser,
  askbotParser,
  genericPageParser,
];

/** The parser for a file's content, or undefined when it reads as plain text or Markdown. */
export function detectForumParser(file: string, head: string): ForumParser | undefined {
  return FORUM_PARSERS.find((p) => p.sniff(file, head));
}

/** The parser for a format the user named: the first of that format that recognises the file, else the first of it. */
export function forumParserFor(format: ForumFormat, file: string, head: string): ForumParser | undefined {
  const candidates = FORUM_PARSERS.filter((p) => p.format === format);
  return candidates.find((p) => p.sniff(file, head)) ?? candidates[0];
}
