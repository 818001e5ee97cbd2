/**
 * Where an approved paper goes: a section of the list with a table of its own (a paper table, or a
 * dataset table for a new benchmark — see row-format.ts), never the News block. Picked by rank
 * among the candidate's suggested sections (1️⃣ 2️⃣ 3️⃣, `triage approve 12 2`), by name (`triage
 * approve 12 prompt tuning`), or by default: the best-ranked suggestion that can take a row.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import { isNewsHeading } from '../core/list.js';
import type { Section } from '../core/list.js';
import { UserError } from '../core/errors.js';
import { sectionLabel } from '../core/reply.js';
import { MAX_RANK } from '../core/services.js';
import { findSections } from '../core/find-section.js';
import { writableTable } from './row-format.js';
import type { CandidateRecord } from './store.js';

/** Sections an approval can write into: a table of their own, outside the News block. */
export function targetSections(catalogue: Catalogue): Section[] {
  return catalogue.sections.filter((s) => writableTable(s) && !s.path.some(isNewsHeading));
}

/** Whether an approval can write into the section at `path` of `catalogue`. */
export function canTake(catalogue: Catalogue, path: readonly string[]): boolean {
  const section = catalogue.sectionByPath(path);
  return section !== undefined && writableTable(section) !== undefined && !path.some(isNewsHeading);
}

/**
 * The section of a suggestion rank (1-based), or without a rank the best-ranked suggestion that
 * takes papers. Undefined when there is none — the candidate needs a section named by a maintainer.
 */
export function suggestedTarget(candidate: CandidateRecord, catalogue: Catalogue, rank?: number): string[] | undefined {
  if (rank !== undefined) return candidate.sections[rank - 1]?.path;
  return candidate.sections.slice(0, MAX_RANK).find((s) => canTake(catalogue, s.path))?.path;
}

/**
 * The section a maintainer named: a rank `1`-`3` among the suggestions, a heading path
 * (`A › B`, `A > B`), or a heading name or part of one, matched against the sections with a table.
 * Throws a UserError that lists the options when nothing matches.
 */
export function resolveSection(arg: string | undefined, candidate: CandidateRecord, catalogue: Catalogue): string[] {
  const text = arg?.trim() ?? '';
  if (!text) {
    const target = suggestedTarget(candidate, catalogue);
    if (!target) throw new UserError('no-section', `Candidate #${candidate.id} has no suggested section with a table; name one: \`triage approve ${candidate.id} <section>\`.`);
    return target;
  }
  if (/^\d+$/.test(text)) {
    const rank = Number(text);
    const target = rank >= 1 && rank <= MAX_RANK ? suggestedTarget(candidate, catalogue, rank) : undefined;
    if (!target) throw new UserError('no-section', `Candidate #${candidate.id} has no suggested section ${text}. ${suggestionsHint(candidate)}`);
    return target;
  }
  const sections = targetSections(catalogue);
  const parts = text.split(/\s*(?:›|>)\s*/).filter(Boolean);
  const exact = parts.length > 1 ? sections.find((s) => s.path.length === parts.length && s.path.every((p, i) => p.toLowerCase() === parts[i]!.toLowerCase())) : undefined;
  const found = exact ?? findSections(sections, parts.at(-1) ?? text)[0];
  if (!found) throw new UserError('no-section', `No section with a table matches “${text}”. ${suggestionsHint(candidate)} See \`sections\` for the list.`);
  return [...found.path];
}

function suggestionsHint(candidate: CandidateRecord): string {
  const s = candidate.sections.slice(0, MAX_RANK);
  return s.length ? `Its suggestions: ${s.map((x, i) => `${i + 1} = ${sectionLabel(x.path)}`).join('; ')}.` : 'It has no suggested sections.';
}
