// Telnet-BBS articles on the web (PTT, www.ptt.cc): one preformatted article followed by one-line
// "push" replies. A long push is typed as several consecutive lines by the same user, so those
// lines are one reply. Pushes print "MM/DD HH:MM" without a year: the article's date supplies it.
import { type ChildNode, Element } from 'domhandler';
import type { SourceBlock, SourceEvent, SourcePost } from '../source-thread';
import { all, blocksOf, classesOf, lineText, one, type Page } from './page';
import { pageTitle } from './page-meta';
import { localIso, monthNumber } from './page-time';
import { absoluteUrl, identityHost, pageUrl } from './page-url';

/** Lines this wide were wrapped by the poster's terminal, not ended by them. */
const WRAPPED_WIDTH = 64;
const ARTICLE_ID = /\/bbs\/([^/]+)\/(M\.\d+\.A\.[0-9A-F]+)\.html/i;

interface Push {
  index: number;
  tag: string;
  user: string;
  text: string;
  time: string;
}

/** The article and its pushes, or null when the page is not a BBS article. */
export function bbsEvents(page: Page): SourceEvent[] | null {
  const main = one('#main-content', page.doc);
  if (!main || !one('.push .push-userid, .article-metaline', main)) return null;

  const meta = new Map(
    all('.article-metaline, .article-metaline-right', main).map((line) => [
      lineText(one('.article-meta-tag', line) ?? []),
      lineText(one('.article-meta-value', line) ?? []),
    ]),
  );
  const articleUrl = articleAddress(page, main);
  const articleId = articleUrl ? ARTICLE_ID.exec(articleUrl.pathname) : null;
  const key = articleId?.[2] ?? 'article';
  const date = articleDate(meta.get('時間') ?? '');
  const title = meta.get('標題') || one('meta[property="og:title"]', page.doc)?.attribs.content || pageTitle(page);

  const pushes = all('.push', main).map((el, i) => readPush(el, i + 1));
  const bodyNodes = main.children.filter((node) => !isFurniture(node));
  const events: SourceEvent[] = [
    {
      kind: 'thread',
      thread: {
        identity: `html:${identityHost(articleUrl)}:${articleId ? `${articleId[1]}/${articleId[2]}` : title}`,
        title: title || 'Untitled article',
        url: articleUrl?.href ?? null,
        format: 'html',
      },
    },
    {
      kind: 'post',
      post: {
        key,
        parentKey: null,
        author: userOf(meta.get('作者') ?? ''),
        postedAt: date?.iso ?? null,
        permalink: articleUrl?.href ?? null,
        // The article is a terminal screen: its line breaks are in the text, as in <pre>.
        blocks: articleBlocks(blocksOf([new Element('pre', {}, bodyNodes)])),
      },
    },
  ];
  let year = date?.year ?? null;
  let lastMonth = date?.month ?? 0;
  for (const group of consecutiveByUser(pushes)) {
    const first = group[0]!;
    const stamp = /(\d{1,2})\/(\d{1,2})\s+(\d{1,2}):(\d{2})/.exec(first.time);
    let postedAt: string | null = null;
    if (stamp && year !== null) {
      const month = Number(stamp[1]);
      // Pushes run in time order: a month smaller than the last one is January of the next year.
      if (month < lastMonth) year++;
      lastMonth = month;
      postedAt = localIso(year, month, Number(stamp[2]), Number(stamp[3]), Number(stamp[4]));
    }
    const text = joinContinued(group.map((p) => p.text).filter(Boolean));
    const post: SourcePost = {
      key: `push-${first.index}`,
      parentKey: key,
      author: first.user || null,
      postedAt,
      permalink: null,
      // A push with no words is a bare vote: its tag (推 up, 噓 down) is what the user said.
      blocks: [{ kind: 'paragraph', text: text || first.tag }],
    };
    events.push({ kind: 'post', post });
  }
  return events;
}

function articleAddress(page: Page, main: Element): URL | null {
  const stated = all('a', main).find((a) => ARTICLE_ID.test(a.attribs.href ?? ''));
  const polled = one('#article-polling', page.doc)?.attribs['data-pollurl'];
  const fromPoll = polled ? /^\/poll\/([^/]+)\/([^?]+)/.exec(polled) : null;
  return (
    absoluteUrl(stated?.attribs.href) ??
    (fromPoll ? new URL(`https://www.ptt.cc/bbs/${fromPoll[1]}/${fromPoll[2]}`) : null) ??
    pageUrl(page)
  );
}

function isFurniture(node: ChildNode): boolean {
  if (node.type !== 'tag') return false;
  const classes = classesOf(node);
  return classes.some((c) => c === 'push' || c.startsWith('article-metaline'));
}

function readPush(el: Element, index: number): Push {
  return {
    index,
    tag: lineText(one('.push-tag', el) ?? []),
    user: lineText(one('.push-userid', el) ?? []),
    text: lineText(one('.push-content', el) ?? []).replace(/^:\s*/, ''),
    time: lineText(one('.push-ipdatetime', el) ?? []),
  };
}

function consecutiveByUser(pushes: Push[]): Push[][] {
  const groups: Push[][] = [];
  for (const push of pushes) {
    const last = groups.at(-1);
    if (last && last[0]!.user === push.user) last.push(push);
    else groups.push([push]);
  }
  return groups;
}

/** "billy3321 (雨蒼)": the user id, without the nickname. */
function userOf(value: string): string | null {
  return value.split(/\s+\(/)[0]?.trim() || null;
}

/** "Wed Jan 21 21:17:51 2015", the board's local time. */
function articleDate(value: string): { iso: string; year: number; month: number } | null {
  const m = /([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})/.exec(value);
  const month = m ? monthNumber(m[1]!) : null;
  if (!m || month === null) return null;
  const iso = localIso(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
  return iso ? { iso, year: Number(m[6]), month } : null;
}

/**
 * The article's text as paragraphs: the signature and the site's "※" lines go, wrapped lines are
 * rejoined, and ": "-prefixed lines under "※ 引述《user》之銘言" are quotations of that user.
 */
function articleBlocks(blocks: SourceBlock[]): SourceBlock[] {
  let lines = blocks.flatMap((b) => [...b.text.split('\n').map((l) => l.trim()), '']);
  const signature = lines.lastIndexOf('--');
  if (signature >= 0 && lines.slice(signature).some((l) => l.startsWith('※'))) lines = lines.slice(0, signature);
  const out: SourceBlock[] = [];
  let quoted: string | undefined;
  let run: { quote: boolean; lines: string[] } | undefined;
  const close = () => {
    if (run && run.lines.length > 0) {
      const text = joinWrapped(run.lines);
      out.push(
        run.quote ? { kind: 'quote', text, ...(quoted ? { fromAuthor: quoted } : {}) } : { kind: 'paragraph', text },
      );
    }
    run = undefined;
  };
  for (const line of lines) {
    const citation = /^※ 引述《([^\s》(]+)[^》]*》之銘言/.exec(line);
    if (citation) {
      close();
      quoted = citation[1];
      continue;
    }
    if (/^※ (發信站|文章網址|編輯)/.test(line)) continue;
    const quote = /^[:>]( |$)/.test(line);
    if (line.trim() === '' || (run && run.quote !== quote)) close();
    if (line.trim() === '') continue;
    run ??= { quote, lines: [] };
    run.lines.push(quote ? line.replace(/^[:>] ?/, '') : line);
  }
  close();
  return out;
}

/** Rejoins lines a terminal wrapped; lines ended short by the writer keep their break. */
function joinWrapped(lines: string[]): string {
  let text = '';
  lines.forEach((line, i) => {
    if (i === 0) {
      text = line;
      return;
    }
    const previous = lines[i - 1]!;
    const wrapped = displayWidth(previous) >= WRAPPED_WIDTH;
    text += wrapped ? (isWide(previous.at(-1) ?? '') || isWide(line[0] ?? '') ? '' : ' ') + line : `\n${line}`;
  });
  return text;
}

/** A push continued over several lines is one sentence: its lines join without breaks. */
function joinContinued(lines: string[]): string {
  return lines.reduce((text, line) => {
    if (!text) return line;
    return text + (isWide(text.at(-1) ?? '') || isWide(line[0] ?? '') ? '' : ' ') + line;
  }, '');
}

function displayWidth(line: string): number {
  let width = 0;
  for (const ch of line) width += isWide(ch) ? 2 : 1;
  return width;
}

/** CJK and full-width characters, which take two terminal columns and join without spaces. */
function isWide(ch: string): boolean {
  return /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch);
}
