/**
 * Maintainers' keyword lists: `include` keywords make a paper a candidate whatever its score,
 * `exclude` keywords keep it out. A keyword matches as a phrase of whole words, compared the way the
 * scorer compares text (case, plurals, hyphens and stop words do not matter: "open-vocabulary"
 * matches "Open Vocabulary", "VLM" matches "VLMs").
 */
import { stemSequence } from './text-features.js';

export interface KeywordRule {
  keyword: string;
  stems: string[];
}

/** Compiles keywords; blank ones, or ones made only of stop words, are dropped. */
export function compileKeywords(keywords: readonly string[]): KeywordRule[] {
  return keywords
    .map((keyword) => ({ keyword: keyword.trim(), stems: stemSequence(keyword) }))
    .filter((r) => r.keyword !== '' && r.stems.length > 0);
}

/** The keywords whose phrase occurs in the word sequence, in rule order. */
export function matchKeywords(rules: readonly KeywordRule[], words: readonly string[]): string[] {
  const hits: string[] = [];
  for (const rule of rules) {
    const [first, ...rest] = rule.stems;
    for (let i = 0; i + rule.stems.length <= words.length; i++) {
      if (words[i] === first && rest.every((s, k) => words[i + 1 + k] === s)) {
        hits.push(rule.keyword);
        break;
      }
    }
  }
  return hits;
}
