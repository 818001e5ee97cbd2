/**
 * Relevance scoring and section suggestion for arXiv papers: would the maintainers of the survey
 * add this paper, and where? See {@link RelevanceScorer}.
 */
import { catalogueReferences, type CatalogueView } from './catalogue-view.js';
import { compileKeywords, type KeywordRule } from './keyword-rules.js';
import { sigmoid } from './sigmoid.js';
import { announcementFeatures, Combiner, feedbackShift, Neighbourhood, neighbourhoodFeatures, TextClassifiers, type NeighbourhoodView, type Reference } from './features.js';
import { loadRelevanceModel, type RelevanceModel } from './model.js';
import { PaperAnalyser } from './analyser.js';
import { CONCEPT_NAMES, CONCEPT_PHRASES, conceptEvidence, conceptValues, RUBRIC_FEATURES, rubricReasons, rubricValuesOf } from './rubric-signals.js';
import { sectionConcepts, SectionSuggester, type SectionSuggestion } from './section-suggest.js';
import type { SparseVector } from './tfidf.js';

/** What the scorer needs of a paper; a `FeedPaper` (arxiv/paper.ts) fits. */
export interface ScorablePaper {
  arxivId: string;
  title: string;
  abstract: string;
  /** `cross` / `replace-cross` count against a paper (primary category elsewhere); absent = new. */
  announceType?: string;
}

export interface ScoreResult {
  /** In [0, 1]. 0.5 is the operating point the model was calibrated for (see README). */
  score: number;
  /** Worth a maintainer's look: score ≥ threshold, or an include keyword, and no exclude keyword. */
  candidate: boolean;
  /** The three most likely table sections of the list, best first. Empty for a non-candidate unless explained (see `score`). */
  sections: SectionSuggestion[];
  /** Short human explanations: `matches: CLIP, open-vocabulary`, `near: CoOp (0.41)`. Empty for a non-candidate unless `explainAll`. */
  reasons: string[];
  /** The list entries (and approved papers) most similar to this paper; empty when it is not explained. */
  nearest: { title: string; arxivId?: string; similarity: number }[];
}

export interface ScorerOptions {
  /** Candidate cut-off on `score` (config RELEVANCE_THRESHOLD, default 0.5). */
  threshold: number;
  /** Keywords that make a paper a candidate regardless of score. */
  include: string[];
  /** Keywords that keep a paper out; they win over include keywords. */
  exclude: string[];
  /** The trained model; `data/relevance-model.json` when left out. */
  model?: RelevanceModel;
  /**
   * Explain every paper (`sections`, `reasons`), not only candidates. Off by default: the
   * explanation is the costly part of a score and only candidates are shown to maintainers
   * (`curator poll --all` turns it on).
   */
  explainAll?: boolean;
}

/** A maintainer's triage decision, fed back so similar papers move the same way. */
export interface Feedback {
  arxivId: string;
  title: string;
  abstract: string;
  decision: 'approved' | 'rejected';
  /** Heading path the paper was filed under, when approved into a section. */
  section?: string[];
}

/** How many terms `matches:` and entries `near:` name. */
const MATCH_TERMS = 4;
const NEAREST = 3;
/** Below this similarity a neighbour explains nothing and is not named. */
const EXPLAIN_SIMILARITY = 0.2;
/** An excluded paper's score is cut to this fraction of the threshold, so it sorts below candidates. */
const EXCLUDED_SCORE_FACTOR = 0.5;

/**
 * Scores papers against the list.
 *
 * The score combines two text classifiers (trained offline on the list's titles, weak titles of
 * related and unrelated awesome lists, and the labelled days) with the paper's neighbourhood: the
 * nearest entries of the list and a similarity-weighted vote of the nearest decided papers (the
 * labelled days shipped with the model, plus every {@link Feedback}). Maintainers' decisions also
 * pull directly: an approved paper lifts similar papers, a rejected one pushes them down, by up to
 * 3 logits for a near-duplicate (see `feedbackShift`). A newer decision about the same paper
 * replaces the older one; a paper never counts as its own neighbour.
 *
 * Score 0.5 is the operating point the model was calibrated for: on held-out days, about 85–90% of
 * the papers the maintainers would add score at least that (`npm run eval` prints the trade-off).
 *
 * Cheap per paper: one pass over the text (analyser.ts), one sparse product per text classifier,
 * inverted-index lookups for the neighbours and the sections; the "why" only for candidates. Tens
 * of thousands of papers per CPU-second (README). The catalogue is read once, at construction;
 * build a new scorer after the list changes. Built from plain data (the catalogue view, the model
 * JSON, feedback records) and holding no services, so it can run wherever the data is sent.
 */
export class RelevanceScorer {
  private readonly model: RelevanceModel;
  private readonly analyser: PaperAnalyser;
  private readonly text: TextClassifiers;
  private readonly hood = new Neighbourhood();
  private readonly sections: SectionSuggester;
  private readonly include: KeywordRule[];
  private readonly exclude: KeywordRule[];
  /** The text classifier whose terms `matches:` names: the one that learned from everything. */
  private readonly explainer: string;
  private readonly combiner: Combiner;

  constructor(catalogue: CatalogueView, private readonly options: ScorerOptions, feedback: readonly Feedback[] = []) {
    if (!(options.threshold >= 0 && options.threshold <= 1)) {
      throw new RangeError(`relevance scorer: threshold must be within [0, 1], got ${options.threshold}`);
    }
    this.model = options.model ?? loadRelevanceModel();
    this.include = compileKeywords(options.include);
    this.exclude = compileKeywords(options.exclude);
    // Phrase groups of the one pass: the rubric's concepts, then include rules, then exclude rules.
    const groups = [...CONCEPT_PHRASES, ...[...this.include, ...this.exclude].map((r) => [r.stems])];
    this.analyser = new PaperAnalyser(this.model.vocabulary.terms, this.model.vocabulary.idf, groups);

    this.text = new TextClassifiers(this.model.text, this.analyser.size);
    this.combiner = new Combiner(this.model.combiner, this.text.features, RUBRIC_FEATURES);
    this.explainer = 'all' in this.model.text ? 'all' : (Object.keys(this.model.text)[0] ?? 'all');
    this.sections = new SectionSuggester(catalogue, this.model.sections, this.analyser, this.model.sectionRanker);
    for (const ref of catalogueReferences(catalogue)) this.hood.addReference(ref, this.analyser.vectorise(ref));
    for (const d of this.model.decisions) this.hood.addDecision(d, this.analyser.vectorise(d));
    for (const f of feedback) this.addFeedback(f);
  }

  /** Records a maintainer's decision; it moves the scores of similar papers from now on. */
  addFeedback(f: Feedback): void {
    const vector = this.analyser.vectorise(f);
    const approved = f.decision === 'approved';
    const ref: Reference = { title: f.title, arxivId: f.arxivId, abstract: f.abstract, ...(f.section && { section: f.section }) };
    this.hood.addDecision({ arxivId: f.arxivId, title: f.title, abstract: f.abstract, label: approved ? 1 : 0 }, vector, { byMaintainer: true, reference: ref });
    if (approved && f.section) this.sections.addExample(f.section, vector);
  }

  /**
   * Scores one paper: relevance, candidacy, the three best sections and why. The sections and the
   * why — the costly part — are worked out for candidates, for every paper under `explainAll`, and
   * when `explain` is asked for (a paper someone suggested is posted whatever its score). Never
   * throws for odd text.
   */
  score(paper: ScorablePaper, options: { explain?: boolean } = {}): ScoreResult {
    const analysis = this.analyser.analyse(paper);
    const { vector, titleHits, abstractHits } = analysis;
    const rubric = rubricValuesOf(conceptValues(analysis));
    // Every score reads the maintainers' decisions; the list and the labelled days (the costly
    // lookups) only when the combiner wants them or the paper is explained.
    let look: NeighbourhoodView | undefined = this.combiner.needsNeighbourhood ? this.hood.look(vector, paper.arxivId) : undefined;
    const maintainers = look ?? this.hood.lookMaintainers(vector, paper.arxivId);
    const logit = this.combiner.logit(this.text.logitArray(vector), rubric, announcementFeatures(paper).crossList, look && neighbourhoodFeatures(look));
    let score = sigmoid(logit + feedbackShift(maintainers));

    const hit = (g: number) => titleHits[CONCEPT_NAMES.length + g]! + abstractHits[CONCEPT_NAMES.length + g]! > 0;
    const included = this.include.filter((_, i) => hit(i)).map((r) => r.keyword);
    const excluded = this.exclude.filter((_, i) => hit(this.include.length + i)).map((r) => r.keyword);
    const { threshold } = this.options;
    let candidate = score >= threshold;
    if (excluded.length > 0) {
      candidate = false;
      score = Math.min(score, threshold * EXCLUDED_SCORE_FACTOR);
    } else if (included.length > 0) {
      candidate = true;
      score = Math.max(score, threshold);
    }
    const keywordReasons = [...included.map((k) => `include keyword: ${k}`), ...excluded.map((k) => `exclude keyword: ${k}`)];

    // The why (sections, nearest entries, reasons) is for maintainers, who see candidates: the rest skip its cost.
    const explain = candidate || this.options.explainAll === true || options.explain === true;
    if (!explain) return { score, candidate, sections: [], reasons: keywordReasons, nearest: [] };
    look ??= this.hood.look(vector, paper.arxivId);
    const nearest = look.references.slice(0, NEAREST).map((n) => ({
      title: n.item.title,
      ...(n.item.arxivId && { arxivId: n.item.arxivId }),
      similarity: round2(n.similarity),
    }));
    const reasons = [
      ...rubricReasons(conceptEvidence(analysis), (f) => this.combiner.weight(f) * (rubric[RUBRIC_FEATURES.indexOf(f)] ?? 0)),
      ...this.matchReason(vector),
      ...nearest.filter((n) => n.similarity >= EXPLAIN_SIMILARITY).slice(0, 2).map((n) => `near: ${shortTitle(n.title)} (${n.similarity.toFixed(2)})`),
      ...decisionReasons(look),
      ...keywordReasons,
    ];
    return { score, candidate, sections: this.sections.suggest(vector, sectionConcepts(analysis), 3), reasons, nearest };
  }

  /** `matches: …` — the terms that raised the score most, bigrams in place of their own words. */
  private matchReason(vector: SparseVector): string[] {
    // Positive contributions, largest first (a stable sort of term positions: ties keep term order).
    const values = this.text.contributionArray(this.explainer, vector);
    const order: number[] = [];
    for (let k = 0; k < values.length; k++) if (values[k]! > 0) order.push(k);
    order.sort((a, b) => values[b]! - values[a]!);
    const top = order.map((k) => ({ term: vector.indices[k]! }));
    const picked: { term: number; name: string }[] = [];
    for (const { term } of top) {
      const name = this.analyser.terms[term]!;
      const words = name.split(' ');
      if (words.every((w) => picked.some((p) => p.name.split(' ').includes(w)))) continue;
      // A bigram replaces the words of it already named ("open", then "open vocabulary").
      for (let i = picked.length - 1; i >= 0; i--) if (words.includes(picked[i]!.name)) picked.splice(i, 1);
      picked.push({ term, name });
      if (picked.length === MATCH_TERMS) break;
    }
    return picked.length > 0 ? [`matches: ${picked.map((p) => this.analyser.surfaceOf(p.term)).join(', ')}`] : [];
  }
}

/** `like approved: …` / `like rejected: …` when a decided paper is close. */
function decisionReasons(look: NeighbourhoodView): string[] {
  const near = look.decisions.filter((n) => n.similarity >= EXPLAIN_SIMILARITY);
  const approved = near.find((n) => n.item.label === 1);
  const rejected = near.find((n) => n.item.label === 0);
  return [
    ...(approved ? [`like approved: ${shortTitle(approved.item.title)} (${approved.similarity.toFixed(2)})`] : []),
    ...(rejected ? [`like rejected: ${shortTitle(rejected.item.title)} (${rejected.similarity.toFixed(2)})`] : []),
  ];
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** `CoOp: Learning to Prompt …` → `CoOp`; long titles are cut at a word boundary. */
function shortTitle(title: string): string {
  const acronym = /^([^:]{2,24}):\s/.exec(title);
  if (acronym) return acronym[1]!;
  return title.length <= 60 ? title : `${title.slice(0, 57).replace(/\s+\S*$/, '')}…`;
}
