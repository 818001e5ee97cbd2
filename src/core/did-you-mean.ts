/**
 * "Did you mean …?" for a mistyped command or option: the closest candidate by edit distance
 * (letters swapped count as one edit), within a distance that grows with the word's length, or the
 * only candidate the word is a prefix of.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const all = [...candidates];
  const allowed = w.length <= 4 ? 1 : w.length <= 8 ? 2 : 3;
  let best: { name: string; d: number } | undefined;
  for (const name of all) {
    const d = editDistance(w, name.toLowerCase());
    if (d <= allowed && (!best || d < best.d)) best = { name, d };
  }
  if (best) return best.name;
  const prefixed = w.length >= 3 ? all.filter((n) => n.toLowerCase().startsWith(w)) : [];
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** " Did you mean `x`?" or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>, show: (name: string) => string = (n) => `\`${n}\``): string {
  const match = closest(word, candidates);
  return match ? ` Did you mean ${show(match)}?` : '';
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
