/** The arXiv paper as every stage after the feed sees it (dedupe, scoring, triage, the digest). */

export type AnnounceType = 'new' | 'cross' | 'replace' | 'replace-cross';

/** One arXiv paper as every later stage (dedupe, scoring, digest) sees it, whatever feed format it came from. */
export interface FeedPaper {
  /** Versionless, e.g. '2604.01234' (old-style ids like 'hep-ex/0601001' too). */
  arxivId: string;
  /** From vN when present. */
  version?: number;
  /** Plain text: whitespace collapsed, no legacy '(arXiv:… [cat] UPDATED)' suffix or the period before it. */
  title: string;
  /** Plain text: HTML stripped, entities decoded, 'Abstract: ' prefix removed; '' when the feed gave none. */
  abstract: string;
  /** Plain names; [] when the feed gave none. */
  authors: string[];
  /** E.g. ['cs.CV','cs.CL'], primary first when known. */
  categories: string[];
  announceType: AnnounceType;
  /** https://arxiv.org/abs/<id> */
  link: string;
  /** ISO timestamp, if the feed says. */
  published?: string;
  journalRef?: string;
  /** arXiv comments (the Atom API has them). */
  comment?: string;
  doi?: string;
}
