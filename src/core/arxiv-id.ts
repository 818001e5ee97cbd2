/**
 * arXiv identifier rules. Everything in the bot is keyed on the *versionless* id
 * (`2401.01234v3` → `2401.01234`): a new version of a paper is not a new paper.
 *
 * Accepted spellings: `2401.01234`, `2401.01234v3`, `arXiv:2401.01234`, `oai:arXiv.org:2401.01234v3`,
 * old-style `hep-ex/0601001` (also `math.GT/0309136`, whose canonical form is `math/0309136`),
 * and abs/pdf/html/format links on arxiv.org (with or without `www.`/`export.`, `vN`, `.pdf`).
 */

import { parseUrl } from './url.js';

export interface ArxivIdParts {
  /** Versionless, canonical id. */
  id: string;
  /** From a `vN` suffix, when present. */
  version?: number;
}

// New style since April 2007: YYMM.NNNN, five digits from 2015.
const NEW_ID = /^(\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})(?:v(\d+))?$/;
// Old style: archive[.SUBJECT]/YYMMNNN; the subject class is not part of the canonical id.
const OLD_ID = /^([a-z]+(?:-[a-z]+)?)(?:\.[A-Za-z-]+)?\/(\d{2}(?:0[1-9]|1[0-2])\d{3})(?:v(\d+))?$/;
const PREFIX = /^(?:oai:arxiv\.org:|arxiv:)\s*/i;
const URL_PATH = /^\/(?:abs|pdf|html|format|ps)\/(.+?)\/?$/;

/** Parses a bare id (optionally `arXiv:`/`oai:arXiv.org:`-prefixed) or an arXiv URL. Undefined when it is neither. */
export function parseArxivId(text: string): ArxivIdParts | undefined {
  const t = text.trim();
  if (/^https?:\/\//i.test(t)) return parseArxivUrl(t);
  return parseBareId(t.replace(PREFIX, '').replace(/\.pdf$/i, ''));
}

function parseBareId(t: string): ArxivIdParts | undefined {
  const m = NEW_ID.exec(t);
  if (m) return isNewIdInUse(m[1]!) ? withVersion(m[1]!, m[2]) : undefined;
  const o = OLD_ID.exec(t);
  if (o) return withVersion(`${o[1]}/${o[2]}`, o[3]);
  return undefined;
}

// New-style ids began in 0704; the number grew from four to five digits in 1501.
function isNewIdInUse(id: string): boolean {
  const [yymm, number] = id.split('.') as [string, string];
  return yymm >= '0704' && (number.length === 5) === yymm >= '1501';
}

function withVersion(id: string, v: string | undefined): ArxivIdParts {
  return v ? { id, version: Number(v) } : { id };
}

/** Id and version of an arxiv.org abs/pdf/html link; undefined for any other URL. */
export function parseArxivUrl(url: string): ArxivIdParts | undefined {
  const u = parseUrl(url);
  if (!u || !/^(?:[a-z]+\.)?arxiv\.org$/i.test(u.hostname)) return undefined;
  const m = URL_PATH.exec(decodeURIComponent(u.pathname));
  return m ? parseBareId(m[1]!.replace(/\.pdf$/i, '')) : undefined;
}

/** The versionless id of an arXiv abs/pdf/html link (with or without `vN` and `.pdf`), else undefined. */
export function arxivIdFromUrl(url: string): string | undefined {
  return parseArxivUrl(url)?.id;
}

/** Accepts either a bare id or an arXiv URL; returns the versionless id. */
export function arxivIdFromText(text: string): string | undefined {
  return parseArxivId(text)?.id;
}

/** The canonical abstract-page URL for an id. */
export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}
