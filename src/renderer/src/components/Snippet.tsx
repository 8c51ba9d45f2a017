import { parseSnippet } from '../lib/snippet';

/** Matches become <mark> elements built by React; the imported text stays text. */
export function Snippet({ text }: { text: string }) {
  return <>{parseSnippet(text).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}</>;
}
