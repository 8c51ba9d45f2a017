import type { KeyboardEvent, Ref } from 'react';
import type { ThreadSummary } from '../../../shared/model/library';
import { FORMAT_LABEL, formatWhen, plural } from '../lib/format';

export interface ThreadListProps {
  threads: ThreadSummary[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** Moves the selection by `delta` (arrow keys, j/k). */
  onMove: (delta: number) => void;
  ref?: Ref<HTMLUListElement>;
}

export const optionId = (id: number): string => `thread-option-${id}`;

export function ThreadList({ threads, selectedId, onSelect, onMove, ref }: ThreadListProps) {
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, j: 1, k: -1, Home: -Infinity, End: Infinity };
    const delta = moves[e.key];
    if (delta !== undefined) {
      e.preventDefault();
      e.stopPropagation();
      onMove(delta);
    } else if ((e.key === 'Enter' || e.key === ' ') && selectedId === null && threads[0]) {
      e.preventDefault();
      onSelect(threads[0].id);
    }
  };
  return (
    <ul
      ref={ref}
      className="thread-list"
      role="listbox"
      aria-label="Threads"
      tabIndex={0}
      aria-activedescendant={selectedId === null ? undefined : optionId(selectedId)}
      onKeyDown={onKeyDown}
    >
      {threads.map((t) => (
        <li
          key={t.id}
          id={optionId(t.id)}
          role="option"
          aria-selected={t.id === selectedId}
          className={t.id === selectedId ? 'thread-item selected' : 'thread-item'}
          onClick={() => onSelect(t.id)}
        >
          <span className="thread-title">{t.title}</span>
          <span className="thread-meta">
            {FORMAT_LABEL[t.format] ?? t.format} · {plural(t.posts, 'post')} · {plural(t.passages, 'passage')}
          </span>
          <span className="thread-meta">
            Imported <time dateTime={t.importedAt}>{formatWhen(t.importedAt)}</time>
          </span>
        </li>
      ))}
    </ul>
  );
}
