/**
 * Readers for the relevance training material: the labelled days (`dev.jsonl`: a careful reader's
 * 0/1 per paper, with the survey section) and the weak list-membership titles (which awesome list a
 * title comes from). Both live in the shared fixtures, `../shared/fixtures/relevance/` by default.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the labelled relevance fixtures live unless told otherwise. */
export const DEFAULT_RELEVANCE_DIR = resolve(REPO_ROOT, '../shared/fixtures/relevance');

/** One paper of a labelled day. */
export interface LabelledPaper {
  arxivId: string;
  /** Announcement day, `YYYY-MM-DD`. */
  date: string;
  announceType: string;
  title: string;
  abstract: string;
  label: 0 | 1;
  confidence: 'high' | 'low';
  /** The survey's section name (a heading text) for positives. */
  section?: string;
}

/** A title from some awesome list: 1 = a vision-language list, 0 = an unrelated vision list. */
export interface WeakTitle {
  title: string;
  abstract?: string;
  label: 0 | 1;
  /** `owner/repo` the title was taken from. */
  list: string;
  /** Heading path in that list, when known. */
  section?: string[];
  /** A negative whose title contains a vision-language keyword anyway (e.g. language-embedded 3DGS). */
  ambiguous: boolean;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`relevance data: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)}); the labelled fixtures live in ../shared/fixtures/relevance`, { cause: err });
  }
}

function readJsonl(path: string): Record<string, unknown>[] {
  return readText(path)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch (err) {
        throw new Error(`relevance data: ${path}:${i + 1} is not JSON (${(err as Error).message})`);
      }
    });
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function loadLabelledPapers(path = resolve(DEFAULT_RELEVANCE_DIR, 'dev.jsonl')): LabelledPaper[] {
  return readJsonl(path).map((r, i) => {
    const arxivId = str(r.arxivId);
    const date = str(r.date);
    const title = str(r.title);
    if (!arxivId || !date || !title || (r.label !== 0 && r.label !== 1)) {
      throw new Error(`relevance data: ${path}:${i + 1} needs arxivId, date, title and label 0|1`);
    }
    const paper: LabelledPaper = {
      arxivId,
      date,
      announceType: str(r.announceType) ?? 'new',
      title,
      abstract: str(r.abstract) ?? '',
      label: r.label,
      confidence: r.confidence === 'low' ? 'low' : 'high',
    };
    const section = str(r.section);
    if (section) paper.section = section;
    return paper;
  });
}

export function loadWeakTitles(path = resolve(DEFAULT_RELEVANCE_DIR, 'weak/list-membership-titles.jsonl')): WeakTitle[] {
  return readJsonl(path).flatMap((r) => {
    const title = str(r.title);
    if (!title || (r.label !== 0 && r.label !== 1)) return [];
    const weak: WeakTitle = {
      title,
      label: r.label,
      list: (str(r.source) ?? '').split('@')[0]!,
      ambiguous: r.ambiguous_keyword === true,
    };
    const abstract = str(r.abstract);
    if (abstract) weak.abstract = abstract;
    const section = str(r.section);
    if (section) weak.section = section.split(' > ').map((s) => s.trim());
    return [weak];
  });
}

/** Days present in the labels, in order. */
export function labelledDays(papers: readonly LabelledPaper[]): string[] {
  return [...new Set(papers.map((p) => p.date))].sort();
}

/** A section of the survey's taxonomy as RUBRIC.md describes it. */
export interface SectionDescription {
  name: string;
  text: string;
}

/** The `- "Section name" (what belongs there)` bullets of RUBRIC.md; one bullet may name several sections. */
export function loadSectionDescriptions(path = resolve(DEFAULT_RELEVANCE_DIR, 'RUBRIC.md')): SectionDescription[] {
  const out: SectionDescription[] = [];
  for (const line of readText(path).split('\n')) {
    const m = /^-\s+((?:"[^"]+"\s*\/?\s*)+)\((.+)\)\s*$/.exec(line);
    if (!m) continue;
    for (const name of m[1]!.matchAll(/"([^"]+)"/g)) out.push({ name: name[1]!, text: m[2]! });
  }
  return out;
}
