function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = Math.min(above + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length]!;
}

/**
 * The query with `suggestion` in place of the word it most resembles: "Did you mean" offers the
 * whole corrected query, not a bare term. Words inside quotes and operators are left alone when
 * another word is closer.
 */
export function applySuggestion(query: string, suggestion: string): string {
  const words = [...query.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)];
  if (words.length === 0) return suggestion;
  let best = words[0]!;
  let bestDistance = Infinity;
  for (const w of words) {
    const d = editDistance(w[0].toLowerCase(), suggestion.toLowerCase());
    if (d < bestDistance) {
      best = w;
      bestDistance = d;
    }
  }
  const start = best.index;
  return query.slice(0, start) + suggestion + query.slice(start + best[0].length);
}
