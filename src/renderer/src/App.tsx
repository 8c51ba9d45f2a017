import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { CruxEvent } from '../../shared/api/events';
import type { ImportSummary, SearchHit, SearchResult, ThreadSummary, ThreadView } from '../../shared/model/library';
import { api, ApiCallError } from './api/client';
import { ErrorBanner, type BannerError } from './components/ErrorBanner';
import { ImportForm } from './components/ImportForm';
import { SearchResults } from './components/SearchResults';
import { ThreadList, optionId } from './components/ThreadList';
import { ThreadReader } from './components/ThreadReader';
import { plural } from './lib/format';
import { isTypingTarget, MOD_LABEL } from './lib/keys';

const PAGE_SIZE = 20;
const IMPORT_MENU = `File › Import Files… (${MOD_LABEL}O)`;

type Progress = { label: string; fraction: number | null };

export function App() {
  const [threads, setThreads] = useState<ThreadSummary[] | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [thread, setThread] = useState<ThreadView | null>(null);
  const [focusPassageId, setFocusPassageId] = useState<number | null>(null);
  const [mode, setMode] = useState<'thread' | 'search'>('thread');
  const [queryText, setQueryText] = useState('');
  const [search, setSearch] = useState<{ query: string; result: SearchResult } | null>(null);
  const [searching, setSearching] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [errors, setErrors] = useState<BannerError[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);

  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  const nextErrorId = useRef(1);
  // Answers can arrive out of order; only the latest request of each kind may update the screen.
  const threadRequest = useRef(0);
  const searchRequest = useRef(0);

  const report = useCallback((title: string, error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const issues = error instanceof ApiCallError ? error.issues : [];
    // The same failure twice (say, a search retried) is one banner, not a stack of them.
    setErrors((list) => [
      ...list.filter((e) => e.title !== title || e.message !== message).slice(-3),
      { id: nextErrorId.current++, title, message, issues },
    ]);
  }, []);

  const loadThreads = useCallback(async () => {
    try {
      setThreads(await api.call('threads.list', {}));
    } catch (e) {
      report('Could not list the threads.', e);
      setThreads((t) => t ?? []);
    }
  }, [report]);

  const openThread = useCallback(
    async (id: number, passageId: number | null = null) => {
      setSelectedId(id);
      setMode('thread');
      setFocusPassageId(passageId);
      if (thread?.thread.id === id) return;
      const request = ++threadRequest.current;
      try {
        const view = await api.call('threads.show', { threadId: id });
        if (request === threadRequest.current) setThread(view);
      } catch (e) {
        if (request === threadRequest.current) report('Could not open the thread.', e);
      }
    },
    [thread, report],
  );

  const runSearch = useCallback(
    async (raw: string) => {
      const query = raw.trim();
      setQueryText(raw);
      if (query === '') {
        setSearch(null);
        setMode('thread');
        return;
      }
      const request = ++searchRequest.current;
      setSearching(true);
      try {
        const result = await api.call('search.query', { query, limit: PAGE_SIZE });
        if (request !== searchRequest.current) return;
        setSearch({ query, result });
        setMode('search');
        mainRef.current?.scrollTo({ top: 0 });
      } catch (e) {
        if (request === searchRequest.current) report('Search failed.', e);
      } finally {
        if (request === searchRequest.current) setSearching(false);
      }
    },
    [report],
  );

  const loadMore = async (): Promise<void> => {
    if (!search) return;
    const request = searchRequest.current;
    setLoadingMore(true);
    try {
      const more = await api.call('search.query', {
        query: search.query,
        limit: PAGE_SIZE,
        offset: search.result.hits.length,
      });
      if (request !== searchRequest.current) return;
      setSearch({ query: search.query, result: { ...more, hits: [...search.result.hits, ...more.hits] } });
    } catch (e) {
      report('Could not load more results.', e);
    } finally {
      setLoadingMore(false);
    }
  };

  const afterImport = useCallback(
    (imported: ImportSummary[]) => {
      void loadThreads();
      const last = imported[imported.length - 1];
      if (!last) return;
      const passages = imported.reduce((n, s) => n + s.newPassages, 0);
      setNotice(
        imported.length === 1
          ? `Imported “${last.title}”: ${plural(last.newPassages, 'new passage')}.`
          : `Imported ${imported.length} threads: ${plural(passages, 'new passage')}.`,
      );
      void openThread(last.threadId);
    },
    [loadThreads, openThread],
  );

  useEffect(() => {
    void loadThreads();
  }, [loadThreads]);

  // Electron pushes import progress from the File menu; the HTTP door never sends events.
  const afterImportRef = useRef(afterImport);
  afterImportRef.current = afterImport;
  useEffect(
    () =>
      api.onEvent((event: CruxEvent) => {
        switch (event.type) {
          case 'import.started':
            setNotice(null);
            setProgress({ label: `Importing ${plural(event.files.length, 'file')}…`, fraction: null });
            break;
          case 'import.progress': {
            const name = event.file.split(/[\\/]/).pop() ?? event.file;
            const which = event.fileCount > 1 ? ` (${event.fileIndex + 1} of ${event.fileCount})` : '';
            setProgress({ label: `Importing ${name}${which}…`, fraction: event.fraction });
            break;
          }
          case 'import.finished':
            setProgress(null);
            afterImportRef.current(event.imported);
            break;
          case 'library.changed':
            void loadThreads();
            break;
        }
      }),
    [loadThreads],
  );

  const move = useCallback(
    (delta: number) => {
      if (!threads || threads.length === 0) return;
      const at = threads.findIndex((t) => t.id === selectedId);
      const target =
        at < 0
          ? delta > 0
            ? 0
            : threads.length - 1
          : Math.max(0, Math.min(threads.length - 1, at + (Number.isFinite(delta) ? delta : delta * threads.length)));
      const next = threads[target]!;
      void openThread(next.id);
      document.getElementById(optionId(next.id))?.scrollIntoView({ block: 'nearest' });
    },
    [threads, selectedId, openThread],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'j' || e.key === 'k') {
        e.preventDefault();
        move(e.key === 'j' ? 1 : -1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move]);

  useEffect(() => {
    document.title = mode === 'thread' && thread ? `${thread.thread.title} — Crux` : 'Crux';
  }, [mode, thread]);

  const onSubmitSearch = (e: FormEvent): void => {
    e.preventDefault();
    void runSearch(queryText);
  };

  const openHit = (hit: SearchHit): void => {
    if (hit.kind === 'passage') void openThread(hit.threadId, hit.passageId);
    else if (hit.target.kind === 'thread' && hit.target.threadId !== null) void openThread(hit.target.threadId);
  };

  const isElectron = api.kind === 'electron';
  const empty = threads !== null && threads.length === 0;

  let content;
  if (threads === null) {
    content = <p className="muted pane-message">Opening the library…</p>;
  } else if (empty) {
    content = (
      <div className="empty">
        <h1>Your library is empty</h1>
        <p>
          Crux reads debate threads saved as plain text or Markdown, and forum exports (Discourse, Reddit, Hacker News,
          mailing lists, saved web pages), one by one or a whole folder or .zip at a time.
        </p>
        {isElectron ? (
          <p>
            To add some, choose <strong>{IMPORT_MENU}</strong>, or <strong>File › Import Folder…</strong> for a whole
            folder.
          </p>
        ) : (
          <>
            <p>
              Type the full path of a thread file on this computer and choose <strong>Import</strong>. The desktop app
              has File › Import… for the same.
            </p>
            <ImportForm onImported={afterImport} onError={report} />
          </>
        )}
      </div>
    );
  } else if (mode === 'search' && search) {
    content = (
      <SearchResults
        query={search.query}
        result={search.result}
        loadingMore={loadingMore}
        onOpen={openHit}
        onSearch={(q) => void runSearch(q)}
        onMore={() => void loadMore()}
      />
    );
  } else if (thread && thread.thread.id === selectedId) {
    content = (
      <>
        {search && (
          <button type="button" className="link-button back" onClick={() => setMode('search')}>
            ← Back to results for <q>{search.query}</q>
          </button>
        )}
        <ThreadReader view={thread} focusPassageId={focusPassageId} onFocusPassage={setFocusPassageId} />
      </>
    );
  } else if (selectedId !== null) {
    content = <p className="muted pane-message">Opening the thread…</p>;
  } else {
    const passages = threads.reduce((n, t) => n + t.passages, 0);
    content = (
      <div className="empty">
        <h1>
          {plural(threads.length, 'thread')}, {plural(passages, 'passage')}
        </h1>
        <p>Choose a thread on the left to read it as a conversation.</p>
        <ul className="hints">
          <li>
            <kbd>{MOD_LABEL}K</kbd> search every passage
          </li>
          <li>
            <kbd>j</kbd> <kbd>k</kbd> or <kbd>↓</kbd> <kbd>↑</kbd> move through the threads
          </li>
          {isElectron && <li>{IMPORT_MENU} adds threads</li>}
        </ul>
      </div>
    );
  }

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Crux</span>
        <form role="search" className="search" onSubmit={onSubmitSearch}>
          <input
            ref={searchRef}
            type="search"
            aria-label="Search passages"
            placeholder="Search every passage"
            value={queryText}
            maxLength={20_000}
            onChange={(e) => setQueryText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && mode === 'search') {
                e.preventDefault();
                setMode('thread');
                listRef.current?.focus();
              }
            }}
          />
          {/* Hidden once there is text: the field's own clear button takes that corner. */}
          {queryText === '' && (
            <kbd className="search-key" aria-hidden="true">
              {MOD_LABEL}K
            </kbd>
          )}
        </form>
        {searching && <span className="muted small">Searching…</span>}
      </header>
      {progress && (
        <div className="progress" role="status">
          <span>{progress.label}</span>
          <progress max={1} value={progress.fraction ?? undefined} />
        </div>
      )}
      <ErrorBanner errors={errors} onDismiss={(id) => setErrors((list) => list.filter((e) => e.id !== id))} />
      {notice && (
        <div className="banner banner-notice" role="status">
          <span className="banner-body">{notice}</span>
          <button type="button" className="banner-close" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
      <div className="columns">
        <nav className="sidebar" aria-label="Library">
          <h2 className="sidebar-title">
            Threads{threads && threads.length > 0 && <span className="count">{threads.length}</span>}
          </h2>
          {threads && threads.length > 0 && (
            <ThreadList
              ref={listRef}
              threads={threads}
              selectedId={selectedId}
              onSelect={(id) => void openThread(id)}
              onMove={move}
            />
          )}
          {empty && <p className="muted small sidebar-empty">No threads yet.</p>}
          {threads && threads.length > 0 && (
            <div className="sidebar-footer">
              {isElectron ? (
                <p className="muted small">{IMPORT_MENU} adds threads.</p>
              ) : (
                <details>
                  <summary>Import more threads</summary>
                  <ImportForm onImported={afterImport} onError={report} />
                </details>
              )}
            </div>
          )}
        </nav>
        <main className="content" ref={mainRef}>
          {content}
        </main>
      </div>
    </div>
  );
}
