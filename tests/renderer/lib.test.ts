import { describe, expect, it } from 'vitest';
import { MATCH_END, MATCH_START } from '../../src/shared/model/library';
import { parseSnippet } from '../../src/renderer/src/lib/snippet';
import { applySuggestion } from '../../src/renderer/src/lib/suggest';

const m = (s: string): string => `${MATCH_START}${s}${MATCH_END}`;

describe('parseSnippet', () => {
  it('splits text and matches, keeping everything else as text', () => {
    expect(parseSnippet(`…foot ${m('traffic')} for <b>${m('shops')}</b>`)).toEqual([
      { text: '…foot ', match: false },
      { text: 'traffic', match: true },
      { text: ' for <b>', match: false },
      { text: 'shops', match: true },
      { text: '</b>', match: false },
    ]);
  });

  it('tolerates stray, repeated and unclosed markers', () => {
    expect(parseSnippet(`${MATCH_END}a${MATCH_START}${MATCH_START}b`)).toEqual([
      { text: 'a', match: false },
      { text: 'b', match: true },
    ]);
    expect(parseSnippet('')).toEqual([]);
    expect(parseSnippet(`${m('a')}${m('b')}`)).toEqual([{ text: 'ab', match: true }]);
  });
});

describe('applySuggestion', () => {
  it('replaces the word the suggestion is closest to', () => {
    expect(applySuggestion('pedestrain zones', 'pedestrian')).toBe('pedestrian zones');
    expect(applySuggestion('cars "foot trafic"', 'traffic')).toBe('cars "foot traffic"');
    expect(applySuggestion('Trafic', 'traffic')).toBe('traffic');
  });

  it('falls back to the suggestion alone for a query without words', () => {
    expect(applySuggestion('"" -', 'traffic')).toBe('traffic');
  });
});
