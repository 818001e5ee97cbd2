import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { LiveCatalogue } from '../../search/live-catalogue.js';
import type { CompletionSource } from '../../core/option-spec.js';
import { findSections } from '../../core/find-section.js';
import { LIMITS } from './limits.js';
import { clipWords } from './text.js';

/**
 * Choices for an option that names a catalogue item, from the live search index: ≤ 25, names and
 * values within Discord's 100 characters. Sections complete from the list's headings (the value is
 * the heading text, which the `section` commands match). Choice names are shown as plain text by
 * Discord, so they are not markdown-escaped.
 */
export function completions(catalogue: LiveCatalogue, source: CompletionSource, partial: string): ApplicationCommandOptionChoiceData<string>[] {
  if (source === 'section') return sectionChoices(catalogue, partial);
  const kind = source === 'entry' ? undefined : source;
  return catalogue.index
    .complete(partial, kind, LIMITS.choices)
    .filter((c) => c.name && c.value && c.value.length <= LIMITS.choiceValue)
    .slice(0, LIMITS.choices)
    .map((c) => ({ name: clipWords(c.name, LIMITS.choiceName), value: c.value }));
}

function sectionChoices(catalogue: LiveCatalogue, partial: string): ApplicationCommandOptionChoiceData<string>[] {
  const sections = catalogue.catalogue.sections.filter((s) => s.totalCount > 0);
  const matches = partial.trim() ? findSections(sections, partial) : sections;
  const seen = new Set<string>();
  const choices: ApplicationCommandOptionChoiceData<string>[] = [];
  for (const s of matches) {
    const value = s.title.slice(0, LIMITS.choiceValue);
    // Two headings with one title (e.g. "Datasets" twice) would be two identical choices.
    if (!value || seen.has(value)) continue;
    seen.add(value);
    choices.push({ name: pathLabel(s.path), value });
    if (choices.length === LIMITS.choices) break;
  }
  return choices;
}

/** `Parent › Child › Section`, dropping the outermost headings first when it is over 100 characters. */
function pathLabel(path: readonly string[]): string {
  for (let from = 0; from < path.length; from++) {
    const label = (from ? '… › ' : '') + path.slice(from).join(' › ');
    if (label.length <= LIMITS.choiceName) return label;
  }
  return clipWords(path[path.length - 1] ?? '', LIMITS.choiceName);
}
