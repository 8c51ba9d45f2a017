import type { SearchHit, SearchResult } from '../../../shared/model/library';
import { plural } from '../lib/format';
import { applySuggestion } from '../lib/suggest';
import { Snippet } from './Snippet';

export interface SearchResultsProps {
  query: string;
  result: SearchResult;
  loadingMore: boolean;
  onOpen: (hit: SearchHit) => void;
  onSearch: (query: string) => void;
  onMore: () => void;
}

export function SearchResults({ query, result, loadingMore, onOpen, onSearch, onMore }: SearchResultsProps) {
  const { hits, total, suggestions, expandedWith } = result;
  return (
    <section className="results" aria-labelledby="results-title">
      <h1 id="results-title" className="results-title">
        {total === 0 ? 'Nothing matches' : `${plural(total, 'result')} ${total === 1 ? 'matches' : 'match'}`}{' '}
        <q>{query}</q>
      </h1>
      {suggestions.length > 0 && (
        <p className="suggestions">
          Did you mean{' '}
          {suggestions.map((s, i) => {
            const corrected = applySuggestion(query, s);
            return (
              <span key={s}>
                {i > 0 && (i === suggestions.length - 1 ? ' or ' : ', ')}
                <button type="button" className="link-button suggestion" onClick={() => onSearch(corrected)}>
                  {corrected}
                </button>
              </span>
            );
          })}
          ?
        </p>
      )}
      {expandedWith.length > 0 && <p className="muted">Also searched for the close words {expandedWith.join(', ')}.</p>}
      {total === 0 && suggestions.length === 0 && (
        <p className="muted">Try fewer or different words. Search finds whole words in every imported passage.</p>
      )}
      <ol className="hits">
        {hits.map((hit) => (
          <li key={hit.kind === 'passage' ? `p${hit.passageId}` : `n${hit.noteId}`}>
            <button type="button" className="hit" onClick={() => onOpen(hit)}>
              {hit.kind === 'passage' ? (
                <span className="hit-where">
                  <span className="hit-thread">{hit.threadTitle}</span>
                  {hit.author && <span className="hit-author"> · {hit.author}</span>}
                </span>
              ) : (
                <span className="hit-where">
                  <span className="hit-kind">Your note</span> · <span className="hit-thread">{hit.title}</span>
                </span>
              )}
              <span className="hit-snippet">
                <Snippet text={hit.snippet} />
              </span>
            </button>
          </li>
        ))}
      </ol>
      {hits.length < total && (
        <button type="button" className="button" onClick={onMore} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : `Show more (${(total - hits.length).toLocaleString()} left)`}
        </button>
      )}
    </section>
  );
}
