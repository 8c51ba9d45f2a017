import { MATCH_END, MATCH_START } from '../../../shared/model/library';

export interface SnippetPart {
  text: string;
  match: boolean;
}

/**
 * Splits a search snippet at its match markers. The result is rendered as text nodes and <mark>
 * elements, never as HTML: the snippet is imported text. Stray or nested markers are tolerated.
 */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let current = '';
  const flush = (): void => {
    if (current === '') return;
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += current;
    else parts.push({ text: current, match });
    current = '';
  };
  for (const ch of snippet) {
    if (ch === MATCH_START || ch === MATCH_END) {
      flush();
      match = ch === MATCH_START;
    } else {
      current += ch;
    }
  }
  flush();
  return parts;
}
