// Pages of no known forum software: comments under a blog post, a guestbook, a board nobody wrote a
// parser for. Such pages repeat one container per post (`<li class="comment">`, `<div class="reply">`),
// so the largest run of sibling elements with the same tag and classes, each holding real text and
// not mostly links (that is a menu), is taken for the posts. Containers of that kind nested inside
// one another are replies to it.
import type { AnyNode, Element } from 'domhandler';
import type { SourceEvent, SourcePost } from '../source-thread';
import { all, blocksOf, classesOf, detach, isElement, lineText, one, type Page } from './page';
import { pageTitle } from './page-meta';
import { attributeTime } from './page-time';
import { identityHost, pageUrl } from './page-url';

const CONTAINER_TAGS = new Set(['div', 'li', 'article', 'section', 'tr', 'table', 'dd', 'blockquote']);
/** Fewer than this many siblings is a layout, not a conversation. */
const MIN_POSTS = 3;
/** Characters of text that make a container's content substantial rather than a label. */
const MIN_TEXT = 20;
/** Containers whose text is mostly link text are navigation. */
const MAX_LINK_SHARE = 0.5;
/** Classes that say how a post is shown (zebra stripes, state), not what it is. */
const STATE_CLASS = /^(odd|even|alt|first|last|active|new|unread|selected|highlight(ed)?|bg\d*|row\d*)$/i;
const AUTHOR_CLASS = /(author|username|user-?name|poster|(^|[-_])user($|[-_])|nick)/i;
/** Classes of a post's text, most specific first: a "comment-body" often still holds the byline. */
const BODY_CLASSES = ['content', 'text', 'message', 'body'].map(
  (word) => new RegExp(`^((comment|post|message|msg|entry|reply|article)[-_]?|[a-z]+[-_])?${word}$`, 'i'),
);

interface TextSize {
  text: number;
  links: number;
}

/** The page's posts, or null when the page repeats no post-like container. */
export function repeatedPostEvents(page: Page): SourceEvent[] | null {
  const sizes = measure(page.doc.children);
  const best = bestRun(page, sizes);
  if (!best) return null;

  const posts = all('*', best.parent).filter((el) => signature(el) === best.signature);
  const parents = new Map(posts.map((el) => [el, enclosingPost(el, best.parent, best.signature)]));
  const keys = keysOf(posts);
  const url = pageUrl(page);
  // Replies are read on their own, so each post's text is its own.
  detach(posts.filter((el) => parents.get(el)));

  const heading = one('h1', page.doc);
  const title =
    one('meta[property="og:title"]', page.doc)?.attribs.content?.trim() ||
    (heading && !posts.some((p) => contains(p, heading)) ? lineText(heading) : '') ||
    pageTitle(page) ||
    'Untitled page';
  const events: SourceEvent[] = [
    {
      kind: 'thread',
      thread: {
        identity: `html:${identityHost(url)}:${url ? `${url.pathname}${url.search}` : title}`,
        title,
        url: url ? new URL(`${url.pathname}${url.search}`, url).href : null,
        format: 'html',
      },
    },
  ];
  if (!url) events.push({ kind: 'warning', message: 'the page does not say where it came from: posts have no links' });
  for (const el of posts) {
    const parent = parents.get(el);
    const post: SourcePost = {
      key: keys.get(el)!,
      parentKey: parent ? keys.get(parent)! : null,
      author: authorOf(el),
      postedAt: timeOf(el),
      permalink: url && el.attribs.id ? new URL(`#${el.attribs.id}`, url).href : null,
      blocks: bodyBlocks(el),
    };
    events.push({ kind: 'post', post });
  }
  return events;
}

/** Text and link-text lengths of every element, measured bottom-up without recursion. */
function measure(roots: AnyNode[]): Map<Element, TextSize> {
  const sizes = new Map<Element, TextSize>();
  const stack: { node: AnyNode; done: boolean }[] = roots.map((node) => ({ node, done: false }));
  while (stack.length > 0) {
    const top = stack.pop()!;
    const node = top.node;
    if (!isElement(node)) continue;
    if (!top.done) {
      stack.push({ node, done: true });
      for (const child of node.children) stack.push({ node: child, done: false });
      continue;
    }
    const size: TextSize = { text: 0, links: 0 };
    if (node.type === 'tag') {
      for (const child of node.children) {
        if (child.type === 'text') size.text += child.data.trim().length;
        if (!isElement(child)) continue;
        const inner = sizes.get(child);
        if (inner) {
          size.text += inner.text;
          size.links += child.name === 'a' ? inner.text : inner.links;
        }
      }
    }
    sizes.set(node, size);
  }
  return sizes;
}

/**
 * `li.comment`: the tag and the first class that names what the element is (sites append per-post
 * classes after it: `comment byuser bypostauthor thread-even`); null for anonymous elements.
 */
function signature(el: Element): string | null {
  if (!CONTAINER_TAGS.has(el.name)) return null;
  const kind = classesOf(el).find((c) => !/\d/.test(c) && !STATE_CLASS.test(c));
  if (kind) return `${el.name}.${kind}`;
  const idPattern = el.attribs.id?.replace(/\d+/g, '#');
  return idPattern && idPattern !== el.attribs.id ? `${el.name}#${idPattern}` : null;
}

function bestRun(page: Page, sizes: Map<Element, TextSize>): { parent: Element; signature: string } | null {
  const substantial = (el: Element): boolean => {
    const size = sizes.get(el);
    return !!size && size.text >= MIN_TEXT && size.links <= size.text * MAX_LINK_SHARE;
  };
  let best: { parent: Element; signature: string; score: number } | null = null;
  for (const parent of all('*', page.doc)) {
    const runs = new Map<string, number>();
    for (const child of parent.children) {
      const sig = isElement(child) ? signature(child) : null;
      if (!sig || !substantial(child as Element)) continue;
      runs.set(sig, (runs.get(sig) ?? 0) + sizes.get(child as Element)!.text);
    }
    for (const [sig, score] of runs) {
      // A run nested in a post of its own kind is a reply list, counted with the outer run.
      if (sig === signature(parent) || (best && score <= best.score)) continue;
      // Replies nested under the run count as posts too: a short thread may have two top-level
      // comments and a reply.
      const posts = all('*', parent).filter((el) => signature(el) === sig && substantial(el)).length;
      if (posts >= MIN_POSTS) best = { parent, signature: sig, score };
    }
  }
  return best;
}

function enclosingPost(el: Element, root: Element, sig: string): Element | null {
  for (let up = el.parent; up && up !== root; up = up.parent) {
    if (isElement(up) && signature(up) === sig) return up;
  }
  return null;
}

function contains(ancestor: Element, el: Element): boolean {
  for (let up = el.parent; up; up = up.parent) if (up === ancestor) return true;
  return false;
}

/** The page's own ids where it gives unique ones (`comment-123`), else the post's place on the page. */
function keysOf(posts: Element[]): Map<Element, string> {
  const ids = posts.map((el) => el.attribs.id ?? el.attribs['data-id'] ?? el.attribs['data-comment-id'] ?? '');
  const unique = ids.every((id) => id !== '') && new Set(ids).size === ids.length;
  return new Map(posts.map((el, i) => [el, unique ? ids[i]! : `post-${i + 1}`]));
}

function authorOf(el: Element): string | null {
  const marked =
    one('[itemprop~=author]', el) ??
    one('[rel~=author]', el) ??
    all('*', el).find(
      (e) => classesOf(e).some((c) => AUTHOR_CLASS.test(c) && !/avatar|image|photo/i.test(c)) && lineText(e),
    );
  if (!marked) return null;
  const named = one('[itemprop~=name]', marked) ?? marked;
  const name = lineText(named)
    .replace(/^(by|posted by|von|par)\s+/i, '')
    .replace(/\s+(says|said|wrote)\s*:?$/i, '')
    .trim();
  return name || null;
}

function timeOf(el: Element): string | null {
  const stamped = one('time[datetime], [itemprop~=datePublished], [itemprop~=dateCreated]', el);
  if (!stamped) return null;
  return attributeTime(stamped.attribs.datetime ?? stamped.attribs.content ?? lineText(stamped));
}

function bodyBlocks(el: Element): ReturnType<typeof blocksOf> {
  const inside = all('*', el);
  const body =
    one('[itemprop~=text], [itemprop~=articleBody], [itemprop~=commentText]', el) ??
    BODY_CLASSES.map((re) => inside.find((e) => classesOf(e).some((c) => re.test(c)))).find(Boolean);
  if (body) return blocksOf(body.children);
  // No marked body: the post less its byline, date and buttons.
  detach(
    all(
      '[itemprop~=author], [rel~=author], time, [itemprop~=datePublished], [itemprop~=dateCreated], form, button, nav, footer, header, .reply, .meta',
      el,
    ),
  );
  detach(all('*', el).filter((e) => classesOf(e).some((c) => AUTHOR_CLASS.test(c))));
  return blocksOf(el.children);
}
