import { isNewsHeading, type Section } from './list.js';
import { foldText } from './query-text.js';

/**
 * Sections whose title matches `name`, best first: exact title, then title containing it, then any
 * heading of the path containing it (case- and accent-insensitive). On a tie, topical sections come
 * before the News block, then list order.
 */
export function findSections(sections: readonly Section[], name: string): Section[] {
  const q = foldText(name.trim()).replace(/\s+/g, ' ');
  if (!q) return [];
  const rank = (s: Section) => {
    const t = foldText(s.title);
    if (t === q) return 0;
    if (t.includes(q)) return 1;
    if (s.path.some((p) => foldText(p).includes(q))) return 2;
    const words = q.split(' ');
    return words.every((w) => t.includes(w)) ? 3 : 9;
  };
  return sections
    .map((s, i) => ({ s, i, r: rank(s) }))
    .filter((x) => x.r < 9)
    .sort((a, b) => a.r - b.r || newsLast(a.s) - newsLast(b.s) || a.i - b.i)
    .map((x) => x.s);
}

function newsLast(s: Section): number {
  return s.path.some(isNewsHeading) ? 1 : 0;
}
