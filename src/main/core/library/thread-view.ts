import type { ThreadView } from '../../../shared/model/library';
import { CruxError } from '../errors';
import type { Stores } from '../store';

/** A thread in reading order: posts by position, each with its passages and what they answer. */
export function threadView(stores: Stores, threadId: number): ThreadView {
  const thread = stores.threads.byId(threadId);
  if (!thread) throw new CruxError('not-found', `no thread with id ${threadId} in this library`);
  return {
    thread: { id: thread.id, title: thread.title, format: thread.format, source: thread.source, url: thread.url },
    posts: stores.posts.ofThread(threadId).map((post) => ({
      id: post.id,
      author: post.author,
      postedAt: post.posted_at,
      parentId: post.parent_id,
      permalink: post.permalink,
      deleted: post.deleted === 1,
      missingReplies: post.missing_children,
      passages: stores.passages.ofPost(post.id).map((p) => ({
        id: p.id,
        text: p.text,
        respondsTo: stores.links.respondsTo(p.id),
      })),
    })),
  };
}
