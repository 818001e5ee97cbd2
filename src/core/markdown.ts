/** Small, dependency-free readers for the bits of markdown the list uses. */

export interface MdLink {
  label: string;
  url: string;
}

const LINK = /\[((?:[^[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/** All `[label](url)` links in a fragment, in order. */
export function findLinks(text: string): MdLink[] {
  const out: MdLink[] = [];
  for (const m of text.matchAll(LINK)) out.push({ label: m[1]!.trim(), url: m[2]! });
  return out;
}

/** A cell that is exactly one link (`[Title](url)`), else undefined. */
export function wholeLink(cell: string): MdLink | undefined {
  const t = cell.trim();
  const m = /^\[((?:[^[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?\s*\)$/.exec(t);
  return m ? { label: m[1]!.trim(), url: m[2]! } : undefined;
}

/** Splits a table row into trimmed cells; leading/trailing pipes are optional, `\|` is kept literal. */
export function splitRow(line: string): string[] {
  let t = line.trim();
  if (t.startsWith('|')) t = t.slice(1);
  if (t.endsWith('|') && !t.endsWith('\\|')) t = t.slice(0, -1);
  return t.split(/(?<!\\)\|/).map((c) => c.trim());
}

/** A table delimiter row: `|---|:---:|`. */
export function isDelimiterRow(line: string): boolean {
  const cells = splitRow(line);
  return cells.length > 0 && cells.every((c) => /^:?-{1,}:?$/.test(c));
}

/** `## Title` → { level: 2, text: 'Title' }. */
export function parseHeading(line: string): { level: number; text: string } | undefined {
  const m = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/.exec(line.replace(/\r?\n$/, ''));
  return m ? { level: m[1]!.length, text: m[2]!.trim() } : undefined;
}

/** Plain text of a markdown fragment: links become their labels, emphasis and code marks go. */
export function plainText(md: string): string {
  return md
    .replace(LINK, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
