// Edit distance as typists make errors: insertions, deletions, substitutions and swapped
// neighbours ("recieve") each cost one (optimal string alignment). lunr finds candidates; this
// ranks them, and re-checks them, since lunr's automaton is built from the query alone.

export function editDistance(a: string, b: string, max = Infinity): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[t.length]!;
}

/** How many edits a word of this length may need before a match is more likely a different word. */
export function allowedEdits(word: string): number {
  const n = [...word].length;
  if (n < 4) return 0;
  return n < 7 ? 1 : 2;
}
