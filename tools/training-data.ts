/**
 * Readers for the relevance training material: the labelled days (`dev.jsonl`: a careful reader's
 * 0/1 per paper, with the survey section) and the weak list-membership titles (which awesome list a
 * title comes from). Both live in the shared fixtures, `../shared/fixtures/relevance/` by default.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorMessage } from '../src/core/errors.js';

/** The repository root (one level above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the labelled relevance fixtures live unless told otherwise. */
export const DEFAULT_RELEVANCE_DIR = resolve(REPO_ROOT, '../shared/fixtures/relevance');

/** Later versions of the survey list (file name = date and commit), `../shared/fixtures/survey/history/` by default. */
export const DEFAULT_LIST_HISTORY_DIR = resolve(REPO_ROOT, '../shared/fixtures/survey/history');

/**
 * The newest later version of the list, as text (none when the folder is missing): what a checkout
 * of the real list looks like — tables the bundled list lacks. The section ranker learns on it too.
 */
export function loadLatestListVersion(dir = DEFAULT_LIST_HISTORY_DIR): string[] {
  const path = latestListVersionPath(dir);
  return path ? [readText(path)] : [];
}

/** The file of the newest later version of the list, if the folder has one. */
export function latestListVersionPath(dir = DEFAULT_LIST_HISTORY_DIR): string | undefined {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  } catch {
    return undefined;
  }
  return files.length ? resolve(dir, files[files.length - 1]!) : undefined;
}

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
        throw new Error(`relevance data: ${path}:${i + 1} is not JSON (${errorMessage(err)})`, { cause: err });
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

/** One statement of the labelling policy (RUBRIC.md): a concept and the label the policy gives it. */
export interface RubricConcept {
  text: string;
  label: 0 | 1;
}

/**
 * The policy statements of RUBRIC.md as labelled pseudo-documents: each section description and the
 * "Label 1 when" sentence (1), each "Label 0 when" bullet (0), and each clause of the adjudication
 * rules that ends in a verdict (`…: 1 (low)`, `…: label 0`). They teach the text classifier the
 * policy's own vocabulary (reasoning chains, hallucination, VLA policies → 0; open-vocabulary
 * detection, prompt tuning → 1) independently of which papers happened to appear on the labelled days.
 */
export function loadRubricConcepts(path = resolve(DEFAULT_RELEVANCE_DIR, 'RUBRIC.md')): RubricConcept[] {
  const out: RubricConcept[] = [];
  let inLabel0List = false;
  for (const raw of readText(path).split('\n')) {
    const line = raw.trim();
    if (line === '') {
      inLabel0List = false;
      continue;
    }
    const section = /^-\s+((?:"[^"]+"\s*\/?\s*)+)\((.+)\)\s*$/.exec(line);
    if (section) {
      out.push({ text: `${section[1]!.replace(/"/g, ' ').trim()} ${section[2]!}`, label: 1 });
    } else if (/^label 1\b/i.test(line)) {
      out.push({ text: line.replace(/^label 1\s*(\([^)]*\))?\s*when\s*/i, ''), label: 1 });
    } else if (/^label 0\b/i.test(line)) {
      inLabel0List = true;
    } else if (inLabel0List && line.startsWith('-')) {
      out.push({ text: line.slice(1).trim().replace(/[;.]$/, ''), label: 0 });
    } else {
      const rule = /^\d+\.\s+(.*)$/.exec(line);
      if (!rule) continue;
      for (const clause of rule[1]!.split(/;\s+|\.\s+(?=[A-Z])/)) {
        const verdict = /^(.*?):\s*(?:label\s*)?([01])\b/i.exec(clause);
        if (verdict) out.push({ text: verdict[1]!.trim(), label: verdict[2] === '1' ? 1 : 0 });
      }
    }
  }
  return out;
}
