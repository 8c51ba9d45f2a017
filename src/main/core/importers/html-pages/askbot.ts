// Askbot question pages (Ask OpenStack and other Askbot Q&A sites). A question and its answers each
// carry a flat list of comments; long answer lists span pages that all repeat the question. Keys are
// Askbot's post ids (questions, answers and comments share one id space), so the repeated question
// and its comments dedupe when several pages are imported.
import type { Element } from 'domhandler';
import type { ForumParser, SourceEvent, SourcePost } from '../source-thread';
import { all, blocksOf, classesOf, detach, lineText, loadPage, one, type Page, readingDeepPages } from './page';
import { pageTitle, truncationWarning } from './page-meta';
import { attributeTime } from './page-time';
import { absoluteUrl, identityHost, pageUrl } from './page-url';

const ASKBOT_MARKS = [/askbot/i, /class="post js-question"/, /class="post answer\b/];
const POST_ID = /^post-id-(\d+)$/;

export const askbotParser: ForumParser = {
  format: 'html',
  sniff(_file, head) {
    return /askbot/i.test(head) && ASKBOT_MARKS.filter((mark) => mark.test(head)).length >= 2;
  },
  async *parse(input) {
    const page = loadPage(await input.text());
    yield* readingDeepPages(() => questionEvents(page));
  },
};

function questionEvents(page: Page): SourceEvent[] {
  const question = one('div.post.js-question, div.post.question, div#question', page.doc);
  const questionId = question ? idOf(question) : null;
  if (!question || !questionId) {
    throw new Error('not an Askbot question page: no question block (div.post.js-question) found');
  }
  const url = pageUrl(page);
  const questionUrl = url ? new URL(url.pathname, url) : null;
  const heading = one('h1', question);
  const events: SourceEvent[] = [
    {
      kind: 'thread',
      thread: {
        identity: `html:${identityHost(url)}:q${questionId}`,
        title: (heading && lineText(heading)) || pageTitle(page) || 'Untitled question',
        url: questionUrl?.href ?? null,
        format: 'html',
      },
    },
  ];
  if (!url)
    events.push({ kind: 'warning', message: 'the page does not say which site it came from: posts have no links' });
  const pages = paginationWarning(page);
  if (pages) events.push({ kind: 'warning', message: pages });
  const truncated = truncationWarning(page);
  if (truncated) events.push({ kind: 'warning', message: truncated });

  const answers = all('div.post.answer', page.doc);
  // Comments are read per post, so the page's hidden comment template (post-id-0) is never one.
  const commentLists = new Map([question, ...answers].map((post) => [post, ownComments(post, answers)]));
  detach([...commentLists.values()].flat());

  events.push(...postEvents(question, questionId, null, questionUrl?.href ?? null));
  for (const comment of commentLists.get(question)!) events.push(commentEvent(comment, questionId, questionUrl));
  for (const answer of answers) {
    const answerId = idOf(answer);
    if (!answerId) continue;
    const link = one('a.permant-link, a.permanent-link, a[title="permanent link"]', answer)?.attribs.href;
    const permalink = absoluteUrl(link, url) ?? (questionUrl ? new URL(`#post-id-${answerId}`, questionUrl) : null);
    events.push(...postEvents(answer, answerId, questionId, permalink?.href ?? null));
    for (const comment of commentLists.get(answer)!) events.push(commentEvent(comment, answerId, permalink));
  }
  return events;
}

/** The post id: `data-post-id`, or the `post-id-N` id Askbot gives the post or its content. */
function idOf(post: Element): string | null {
  const data = post.attribs['data-post-id'];
  if (data && /^\d+$/.test(data)) return data;
  const byId = POST_ID.exec(post.attribs.id ?? '') ?? POST_ID.exec(one('[id^="post-id-"]', post)?.attribs.id ?? '');
  return byId?.[1] ?? null;
}

function ownComments(post: Element, answers: Element[]): Element[] {
  const lists = all('div.comments', post).filter((list) => !answers.some((a) => a !== post && contains(a, list)));
  const comments = lists.flatMap((list) => {
    const found = all('div.comment', list);
    // Askbot can show a post's comments newest first.
    return classesOf(list).includes('ordering-backward') ? found.reverse() : found;
  });
  return comments.filter((c) => commentId(c) !== null);
}

function contains(ancestor: Element, el: Element): boolean {
  for (let up = el.parent; up; up = up.parent) if (up === ancestor) return true;
  return false;
}

function commentId(comment: Element): string | null {
  const id =
    POST_ID.exec(comment.attribs.id ?? '')?.[1] ??
    comment.attribs['data-comment-id'] ??
    comment.attribs['data-post-id'];
  return id && /^\d+$/.test(id) && id !== '0' ? id : null;
}

function postEvents(post: Element, key: string, parentKey: string | null, permalink: string | null): SourceEvent[] {
  const infos = all('.post-update-info', post);
  // The first card is who asked or answered; a later one is the last editor.
  const byline = infos.find((info) => /^\s*(asked|answered|posted)\b/i.test(lineText(info))) ?? infos[0];
  const author = byline && one('.user-info a, .user-info, .user-card a:not(.js-avatar-box)', byline);
  const body = one('.post-body', post);
  // Askbot cuts long posts short on some pages ("… (more)") and loads the rest on demand.
  const expanders = body ? all('.expander', body) : [];
  if (body) detach([...all('.post-update-info-container', body), ...expanders]);
  const deleted = classesOf(post).includes('deleted');
  const read: SourcePost = {
    key,
    parentKey,
    author: author ? firstLine(author) : null,
    postedAt: byline ? timeIn(byline) : null,
    permalink,
    ...(deleted ? { deleted: true } : {}),
    blocks: body && !deleted ? blocksOf(body.children) : [],
  };
  const events: SourceEvent[] = [{ kind: 'post', post: read }];
  if (expanders.length > 0) {
    events.push({
      kind: 'warning',
      message: `post ${key} is shown shortened on this page ("(more)"): only its beginning is imported`,
    });
  }
  return events;
}

function commentEvent(comment: Element, parentKey: string, parentUrl: URL | null): SourceEvent {
  const key = commentId(comment)!;
  const author = one('a.author, .author', comment);
  const body = one('.comment-body', comment);
  const post: SourcePost = {
    key,
    parentKey,
    author: author ? firstLine(author) : null,
    postedAt: timeIn(one('.comment-controls', comment) ?? comment),
    permalink: parentUrl ? new URL(`#post-id-${key}`, parentUrl).href : null,
    blocks: body ? blocksOf(body.children) : [],
  };
  return { kind: 'post', post };
}

function timeIn(el: Element): string | null {
  const abbr = one('abbr.timeago, time', el);
  return abbr ? attributeTime(abbr.attribs.title ?? abbr.attribs.datetime) : null;
}

/** A user card's name, without the reputation and badges printed after it. */
function firstLine(el: Element): string | null {
  const link = el.name === 'a' ? el : one('a', el);
  return (link ? lineText(link) : lineText(el).split(' ')[0]) || null;
}

function paginationWarning(page: Page): string | null {
  const paginator = one('.paginator[data-num-pages]', page.doc);
  const pages = Number(paginator?.attribs['data-num-pages']);
  if (!paginator || !(pages > 1)) return null;
  const current = Number(lineText(one('.curr', paginator) ?? []));
  const count = /(\d+)\s+answers?/i.exec(lineText(one('#questionCount', page.doc) ?? []))?.[1];
  const onPage = current > 0 ? `page ${current} of ${pages}` : `one of ${pages} pages`;
  return `this file is ${onPage} of the question's answers${count ? ` (${count} answers in all)` : ''}: import the other pages to complete the thread`;
}
