import { arxivIdFromUrl } from '../core/arxiv-id.js';
import type { EntryLinks } from '../core/list.js';
import type { MdLink } from '../core/markdown.js';

/**
 * `CoOp: Learning to Prompt …` → `CoOp`; `Chinese CLIP: …` → `Chinese CLIP`.
 * A prefix counts as an acronym when it is one word (`Detic: …`), or two words of which one looks
 * like a name (an inner capital or a digit); so `Prompt, Generate, then Cache: …` keeps none.
 */
export function acronymPrefix(title: string): string | undefined {
  const m = /^([^:]{1,30}):\s+\S/.exec(title);
  if (!m) return undefined;
  const prefix = m[1]!.trim();
  const words = prefix.split(/\s+/);
  if (words.length === 1) return /^[\p{L}\p{N}][\p{L}\p{N}+-]*$/u.test(prefix) ? prefix : undefined;
  if (words.length > 2) return undefined;
  return words.some((w) => /.[A-Z0-9]/.test(w)) ? prefix : undefined;
}

/** `Learning Transferable … Supervision (CLIP)` → `CLIP` (numbered-list style). */
export function acronymSuffix(title: string): string | undefined {
  const m = /\(([A-Za-z][\w-]{1,24})\)\s*$/.exec(title);
  return m && /.[A-Z0-9]/.test(m[1]!) ? m[1] : undefined;
}

/** `CVPR 2023` → { venue: 'CVPR', year: 2023 }; `arXiv 2022` → { venue: 'arXiv', year: 2022 }. */
export function parseVenue(text: string): { venue?: string; year?: number } {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t || t === '-') return {};
  const m = /^(.*?)[\s']*((?:19|20)\d{2})$/.exec(t);
  if (m) {
    const venue = m[1]!.trim();
    return venue ? { venue, year: Number(m[2]) } : { year: Number(m[2]) };
  }
  return { venue: t };
}

/** A year cell (`2021`), else undefined. */
export function parseYear(text: string): number | undefined {
  const m = /^\s*((?:19|20)\d{2})\s*$/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Sorts bracketed links (`[[Paper](…)][[Code](…)]`, `[Project](…)`) into paper/code/project by label. */
export function classifyLinks(links: MdLink[], titleUrl?: string): EntryLinks {
  const out: EntryLinks = {};
  if (titleUrl) out.paper = titleUrl;
  for (const { label, url } of links) {
    const l = label.toLowerCase();
    if (/code/.test(l) && !out.code) out.code = url;
    else if (/project|page|website|homepage|demo/.test(l) && !out.project) out.project = url;
    else if (/paper|pdf|arxiv/.test(l) && !out.paper) out.paper = url;
  }
  return out;
}

/** The versionless arXiv id of the first arXiv link among the entry's links. */
export function arxivIdOf(links: EntryLinks): string | undefined {
  for (const url of [links.paper, links.project, links.code]) {
    const id = url ? arxivIdFromUrl(url) : undefined;
    if (id) return id;
  }
  return undefined;
}
