// A small hand-made library for the API, HTTP and end-to-end tests: authors, times, a quotation
// with a span, a reply, a post without author, imported text that looks like HTML, source links
// (one of them hostile), and a post deleted at the source with replies the export left out.
import { createHash } from 'node:crypto';
import { Library } from '../../src/main/core/library/library';

export const XSS_TEXT = 'I tried <img src=x onerror=alert(1)> and <script>alert(2)</script> in my reply.';
export const THREAD_URL = 'https://forum.example/t/cars-downtown/42';
export const FIRST_PERMALINK = 'https://forum.example/t/cars-downtown/42/1';
/** An export can claim any permalink; this one must never become a link. */
export const HOSTILE_PERMALINK = 'javascript:alert(3)';

export interface SeededLibrary {
  library: Library;
  threadId: number;
  /** The passage that is quoted, and the span of it that is. */
  quoted: { passageId: number; start: number; end: number; text: string };
  replyPassageId: number;
  xssPassageId: number;
}

const hash = (text: string): string => createHash('sha256').update(text).digest('hex');

export function seedLibrary(file: string): SeededLibrary {
  const library = Library.open(file);
  const { threads, posts, passages, links, db } = library.stores;
  const seeded = db.transaction(() => {
    const threadId = threads.insert({
      title: 'Should cities ban cars downtown?',
      source: '/tmp/cars-downtown.md',
      format: 'markdown',
      identity: 'seed-cars',
      content_hash: hash('seed-cars'),
      imported_at: '2025-03-04T10:15:00.000Z',
      url: THREAD_URL,
    });
    const addPost = (
      position: number,
      author: string | null,
      postedAt: string | null,
      parent: number | null,
      extra: { permalink?: string; deleted?: number; missing_children?: number } = {},
    ) =>
      posts.insert({
        thread_id: threadId,
        source_key: String(position),
        position,
        author,
        posted_at: postedAt,
        parent_id: parent,
        ...extra,
      });
    let position = 0;
    const addPassage = (postId: number, text: string) =>
      passages.insert({ thread_id: threadId, post_id: postId, position: position++, text, text_hash: hash(text) });

    const p1 = addPost(0, 'Alice', '2025-03-01T09:00:00.000Z', null, { permalink: FIRST_PERMALINK });
    const openingText =
      'Banning cars downtown makes streets safer and quieter. Pedestrian zones in many European cities raised foot traffic for local shops.';
    const opening = addPassage(p1, openingText);
    addPassage(p1, 'Delivery vans can keep early-morning access windows.');

    const p2 = addPost(1, 'Bob', '2025-03-01T11:30:00.000Z', p1, { permalink: HOSTILE_PERMALINK });
    const quotedSpan = 'Pedestrian zones in many European cities raised foot traffic';
    const start = openingText.indexOf(quotedSpan);
    const reply = addPassage(
      p2,
      'Foot traffic is not the same as revenue. Several shopkeepers reported lower takings after the ban.',
    );
    links.insert({ from_passage: reply, to_passage: opening, kind: 'quote', start, end: start + quotedSpan.length });

    const p3 = addPost(2, null, null, p2);
    const xss = addPassage(p3, XSS_TEXT);
    addPost(3, 'Carol', '2025-03-02T08:00:00.000Z', p1, { deleted: 1, missing_children: 2 });

    return {
      library,
      threadId,
      quoted: { passageId: opening, start, end: start + quotedSpan.length, text: quotedSpan },
      replyPassageId: reply,
      xssPassageId: xss,
    };
  })();
  // Rows written behind the importer's back: let search catch up as it would after an import.
  library.search.afterImport();
  return seeded;
}
