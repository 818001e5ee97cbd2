/**
 * Where an approved paper goes: a topical section of the list with a paper table (never the News
 * block, never a dataset table — their rows have another shape). Picked by rank among the
 * candidate's suggested sections (1️⃣ 2️⃣ 3️⃣, `triage approve 12 2`), by name (`triage approve 12
 * prompt tuning`), or by default: the best-ranked suggestion that can take a paper row.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import { UserError } from '../core/errors.js';
import { findSections } from '../search/find-section.js';
import { sectionLabel } from '../search/present.js';
import type { CandidateRecord } from './store.js';

/** How many suggested sections a candidate message numbers (1️⃣ 2️⃣ 3️⃣). */
export const MAX_RANK = 3;

/** Whether `path` is a topical section with a paper table in `catalogue`. */
export function takesPapers(catalogue: Catalogue, path: readonly string[]): boolean {
  const key = path.join('\u0000');
  return catalogue.paperSections().some((s) => s.path.join('\u0000') === key);
}

/**
 * The section of a suggestion rank (1-based), or without a rank the best-ranked suggestion that
 * takes papers. Undefined when there is none — the candidate needs a section named by a maintainer.
 */
export function suggestedTarget(candidate: CandidateRecord, catalogue: Catalogue, rank?: number): string[] | undefined {
  if (rank !== undefined) return candidate.sections[rank - 1]?.path;
  return candidate.sections.slice(0, MAX_RANK).find((s) => takesPapers(catalogue, s.path))?.path;
}

/**
 * The section a maintainer named: a rank `1`-`3` among the suggestions, a heading path
 * (`A › B`, `A > B`), or a heading name or part of one, matched against the topical paper sections.
 * Throws a UserError that lists the options when nothing matches.
 */
export function resolveSection(arg: string | undefined, candidate: CandidateRecord, catalogue: Catalogue): string[] {
  const text = arg?.trim() ?? '';
  if (!text) {
    const target = suggestedTarget(candidate, catalogue);
    if (!target) throw new UserError('no-section', `Candidate #${candidate.id} has no suggested section that takes papers; name one: \`triage approve ${candidate.id} <section>\`.`);
    return target;
  }
  if (/^\d+$/.test(text)) {
    const rank = Number(text);
    const target = rank >= 1 && rank <= MAX_RANK ? suggestedTarget(candidate, catalogue, rank) : undefined;
    if (!target) throw new UserError('no-section', `Candidate #${candidate.id} has no suggested section ${text}. ${suggestionsHint(candidate)}`);
    return target;
  }
  const sections = catalogue.paperSections();
  const parts = text.split(/\s*(?:›|>)\s*/).filter(Boolean);
  const exact = parts.length > 1 ? sections.find((s) => s.path.length === parts.length && s.path.every((p, i) => p.toLowerCase() === parts[i]!.toLowerCase())) : undefined;
  const found = exact ?? findSections(sections, parts.at(-1) ?? text)[0];
  if (!found) throw new UserError('no-section', `No section with a paper table matches “${text}”. ${suggestionsHint(candidate)} See \`sections\` for the list.`);
  return [...found.path];
}

function suggestionsHint(candidate: CandidateRecord): string {
  const s = candidate.sections.slice(0, MAX_RANK);
  return s.length ? `Its suggestions: ${s.map((x, i) => `${i + 1} = ${sectionLabel(x.path)}`).join('; ')}.` : 'It has no suggested sections.';
}
