// The last resort for saved pages: BBS articles with push replies, then any page that repeats a
// post-like container. Anything else is not a thread.
import type { ForumParser, SourceEvent } from '../source-thread';
import { bbsEvents } from './bbs';
import { loadPage, type Page, readingDeepPages } from './page';
import { truncationWarning } from './page-meta';
import { repeatedPostEvents } from './repeated-posts';

export const genericPageParser: ForumParser = {
  format: 'html',
  sniff(_file, head) {
    // Markup first, so JSON and mail that merely contain HTML strings are not taken for pages.
    return /^\uFEFF?\s*</.test(head) && /<(!doctype html|html|head|body|div|article|p|table)[\s>]/i.test(head);
  },
  async *parse(input) {
    const page = loadPage(await input.text());
    yield* readingDeepPages(() => pageEvents(page));
  },
};

function pageEvents(page: Page): SourceEvent[] {
  const events = bbsEvents(page) ?? repeatedPostEvents(page);
  if (!events) throw new Error('not a thread page: no repeated post containers found');
  const truncated = truncationWarning(page);
  return truncated ? [events[0]!, { kind: 'warning', message: truncated }, ...events.slice(1)] : events;
}
