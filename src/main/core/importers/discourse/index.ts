// Discourse forums, in every shape a user can save a topic in: the JSON API (topic, posts pages,
// one post, the site's latest posts), RSS feeds, and a saved topic page's crawler view.
import type { ForumParser, ParseInput, SourceEvent } from '../source-thread';
import { crawlerPageEvents } from './crawler-page';
import { rssEvents } from './rss';
import { jsonEvents } from './topic-json';

export interface DiscourseParserOptions {
  /**
   * The forum's host name, for files that never name it (old topic JSON whose avatars are gravatars):
   * with it, such a file gets the same identity and permalinks as the topic's feed or page.
   */
  host?: string;
}

const JSON_SIGNS = /"(?:post_stream|latest_posts)"\s*:|"topic_slug"\s*:/;
const FEED_SIGNS =
  /<generator>[^<]*discourse|-post-\d+-\d+<\/guid>|<link>\s*https?:\/\/[^<\s]+\/t\/[^<\s/]+\/\d+(?:\/\d+)?\s*<\/link>/i;
const PAGE_SIGNS =
  /class=["'][^"']*\bcrawler-post\b|<meta[^>]+name=["']generator["'][^>]+content=["']Discourse\b|id=["']data-discourse-setup["']/i;
const PAGE_TOPIC_SIGNS = /\bcrawler-post\b|<link[^>]+rel=["']canonical["'][^>]+\/t\/[^"'\s/]+\/\d+/i;

export function createDiscourseParser(options: DiscourseParserOptions = {}): ForumParser {
  const hostHint = options.host?.trim().toLowerCase() || null;
  return {
    format: 'discourse',
    sniff: (_file, head) => sniffDiscourse(head),
    parse: (input) => parseDiscourse(input, hostHint),
  };
}

export const discourseParser: ForumParser = createDiscourseParser();

function sniffDiscourse(head: string): boolean {
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{')) return JSON_SIGNS.test(head);
  if (!start.startsWith('<')) return false;
  if (/<rss[\s>]/i.test(head)) return FEED_SIGNS.test(head);
  return PAGE_SIGNS.test(head) && PAGE_TOPIC_SIGNS.test(head);
}

async function* parseDiscourse(input: ParseInput, hostHint: string | null): AsyncGenerator<SourceEvent> {
  const text = (await input.text()).replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) {
    yield* jsonEvents(parseJson(text), hostHint);
  } else if (start.startsWith('<') && /<rss[\s>]/i.test(start.slice(0, 4096))) {
    yield* rssEvents(text, hostHint);
  } else if (start.startsWith('<')) {
    yield* crawlerPageEvents(text, hostHint);
  } else {
    throw new Error('not a Discourse topic: the file is neither JSON, an RSS feed nor a saved topic page');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`not a Discourse topic: the JSON is cut short or malformed (${reason})`);
  }
}
