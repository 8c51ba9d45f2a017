// FTS5 MATCH strings built from pieces that are always quoted: user text only ever appears inside
// "…" (with " doubled), so no input can reach FTS5's operators, column filters or NEAR groups.
// The callers guarantee each quoted piece holds at least one token; an empty phrase would make
// FTS5 match nothing rather than fail, but it would silently empty an AND.

export function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A phrase (or single word): the tokens in this order. */
export function phrase(text: string): string {
  return quote(text);
}

/** FTS5's own prefix query. Porter stems the prefix too (`ans*` finds what `an*` finds), so the planner prefers vocabulary expansion. */
export function nativePrefix(text: string): string {
  return `${quote(text)}*`;
}

export function anyOf(parts: readonly string[]): string {
  if (parts.length === 0) throw new Error('anyOf needs at least one part');
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

export function allOf(parts: readonly string[]): string {
  if (parts.length === 0) throw new Error('allOf needs at least one part');
  return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
}

/** FTS5's NOT is binary and binds tightest, hence the parentheses on both sides. */
export function excluding(positive: string, negatives: readonly string[]): string {
  return negatives.length === 0 ? positive : `(${positive}) NOT ${anyOf(negatives)}`;
}
