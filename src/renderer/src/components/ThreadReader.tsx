import { useEffect, useMemo, useRef } from 'react';
import type { PassageView, RespondsTo, ThreadView } from '../../../shared/model/library';
import { FORMAT_LABEL, formatWhen, plural } from '../lib/format';
import { ExternalLink, webUrl } from './ExternalLink';

export const passageElementId = (id: number): string => `passage-${id}`;

interface PassageRef {
  text: string;
  author: string | null;
  postNumber: number;
}

export interface ThreadReaderProps {
  view: ThreadView;
  /** Scrolled to and briefly highlighted, e.g. after opening a search hit. */
  focusPassageId: number | null;
  onFocusPassage: (id: number) => void;
}

export function ThreadReader({ view, focusPassageId, onFocusPassage }: ThreadReaderProps) {
  const passages = useMemo(() => {
    const map = new Map<number, PassageRef>();
    view.posts.forEach((post, i) => {
      for (const p of post.passages) map.set(p.id, { text: p.text, author: post.author, postNumber: i + 1 });
    });
    return map;
  }, [view]);
  const postNumbers = useMemo(() => new Map(view.posts.map((p, i) => [p.id, i + 1])), [view]);
  const passageCount = passages.size;
  const threadUrl = webUrl(view.thread.url);
  const topRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (focusPassageId === null) {
      // The scrolling pane, not the article: its padding should stay visible above the title.
      topRef.current?.closest('main')?.scrollTo({ top: 0 });
      return;
    }
    const el = document.getElementById(passageElementId(focusPassageId));
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.classList.remove('flash');
    // Restarts the highlight animation when the same passage is focused twice.
    void el.offsetWidth;
    el.classList.add('flash');
  }, [view, focusPassageId]);

  return (
    <article className="reader" aria-labelledby="reader-title" ref={topRef}>
      <header className="reader-header">
        <h1 id="reader-title">{view.thread.title}</h1>
        <p className="reader-meta">
          {FORMAT_LABEL[view.thread.format] ?? view.thread.format} · {plural(view.posts.length, 'post')} ·{' '}
          {plural(passageCount, 'passage')}
        </p>
        <p className="reader-source" title={view.thread.source}>
          {threadUrl ? <ExternalLink href={threadUrl}>{threadUrl}</ExternalLink> : view.thread.source}
        </p>
      </header>
      {view.posts.length === 0 && <p className="muted">This thread has no posts.</p>}
      {view.posts.map((post, i) => {
        const parent = post.parentId === null ? undefined : postNumbers.get(post.parentId);
        const permalink = webUrl(post.permalink);
        return (
          <section className="post" key={post.id} aria-label={`Post ${i + 1}`}>
            <header className="post-header">
              <span className="post-author">{post.author ?? 'Unknown author'}</span>
              {post.postedAt && (
                <time className="post-time" dateTime={post.postedAt}>
                  {formatWhen(post.postedAt)}
                </time>
              )}
              <span className="post-number">#{i + 1}</span>
              {parent !== undefined && <span className="post-reply">in reply to #{parent}</span>}
              {permalink && (
                <ExternalLink href={permalink} className="post-link">
                  source
                </ExternalLink>
              )}
            </header>
            {post.deleted && <p className="post-note">Deleted at the source.</p>}
            {post.passages.map((passage) => (
              <Passage key={passage.id} passage={passage} passages={passages} onJump={onFocusPassage} />
            ))}
            {post.missingReplies > 0 && (
              <p className="post-note">
                {plural(post.missingReplies, 'reply', 'replies')} to this post{' '}
                {post.missingReplies === 1 ? 'is' : 'are'} not in this export.
              </p>
            )}
          </section>
        );
      })}
    </article>
  );
}

function Passage({
  passage,
  passages,
  onJump,
}: {
  passage: PassageView;
  passages: Map<number, PassageRef>;
  onJump: (id: number) => void;
}) {
  return (
    <div className="passage" id={passageElementId(passage.id)}>
      {passage.respondsTo.map((r, i) => (
        <Quotation key={i} link={r} target={passages.get(r.passageId)} onJump={onJump} />
      ))}
      <p className="passage-text">{passage.text}</p>
    </div>
  );
}

function Quotation({
  link,
  target,
  onJump,
}: {
  link: RespondsTo;
  target: PassageRef | undefined;
  onJump: (id: number) => void;
}) {
  if (!target) {
    return (
      <blockquote className="quote quote-missing">
        <p>Quotes a passage from another thread.</p>
      </blockquote>
    );
  }
  const start = Math.max(0, Math.min(link.start, target.text.length));
  const end = Math.max(start, Math.min(link.end, target.text.length));
  const quoted = end > start ? target.text.slice(start, end) : target.text;
  return (
    <blockquote className={link.kind === 'embedded' ? 'quote quote-embedded' : 'quote'}>
      <p className="quote-text">{quoted}</p>
      <footer className="quote-cite">
        <button type="button" className="link-button" onClick={() => onJump(link.passageId)}>
          {target.author ?? 'Unknown author'}, #{target.postNumber}
        </button>
        {link.kind === 'embedded' && <span className="muted"> · quoted within this passage</span>}
      </footer>
    </blockquote>
  );
}
