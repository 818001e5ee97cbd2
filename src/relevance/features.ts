/**
 * The features a relevance score is made of, shared by training and scoring so the two can never
 * disagree: logits of the text classifiers, and similarities to the paper's neighbourhood — the
 * list's own entries (what belongs) and decided papers (what maintainers approved or rejected).
 */
import { NeighbourIndex, type Neighbour } from './neighbour-index.js';
import type { Decision, SparseLinear } from './model.js';
import { dotDense, type SparseVector } from './tfidf.js';

/** An entry of the list (or an approved paper): evidence of what belongs. */
export interface Reference {
  title: string;
  /** Present for approved papers; list entries only have a title. */
  abstract?: string;
  arxivId?: string;
  /** Heading path of the section it is listed in. */
  section?: string[];
}

/** How many decided papers vote on a new one. */
const VOTERS = 10;

/** Every feature the combiner can use; text logits are added as `text:<name>`. */
export const NEIGHBOURHOOD_FEATURES = ['vote', 'approvedMax', 'rejectedMax', 'listMax', 'listTop3'] as const;

/** Text classifiers with dense weights, for fast dot products. */
export class TextClassifiers {
  private readonly dense: [string, Float64Array, number][];

  constructor(models: Record<string, SparseLinear>, vocabularySize: number) {
    this.dense = Object.entries(models).map(([name, m]) => {
      const w = new Float64Array(vocabularySize);
      m.terms.forEach((t, k) => (w[t] = m.weights[k]!));
      return [name, w, m.bias];
    });
  }

  /** `{ 'text:<name>': logit }` for every classifier. */
  logits(x: SparseVector): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, w, b] of this.dense) out[`text:${name}`] = dotDense(x, w) + b;
    return out;
  }

  /** Per-term contributions of one classifier to a logit (for explanations). */
  contributions(name: string, x: SparseVector): { term: number; value: number }[] {
    const entry = this.dense.find(([n]) => n === name);
    if (!entry) return [];
    const w = entry[1];
    return Array.from(x.indices, (term, k) => ({ term, value: x.values[k]! * w[term]! }));
  }
}

/** What a paper's neighbourhood looks like: nearest list entries and nearest decided papers. */
export interface NeighbourhoodView {
  references: Neighbour<Reference>[];
  decisions: Neighbour<Decision>[];
  /** The nearest decisions made by maintainers (as opposed to the labelled days shipped with the model). */
  maintainers: Neighbour<Decision>[];
}

/** One paper of the neighbourhood, in whichever roles it plays. */
interface Member {
  reference?: Reference;
  decision?: Decision;
  byMaintainer: boolean;
}

/**
 * The papers a new one is compared with. Grows as maintainers decide; a later decision about the
 * same paper replaces the earlier one (and a rejection takes an approved paper out of the references).
 * One index holds every role, so a paper is looked up once however many roles it plays.
 */
export class Neighbourhood {
  private readonly members = new NeighbourIndex<Member>();
  private readonly latest = new Map<string, number>();

  addReference(ref: Reference, vector: SparseVector): void {
    this.members.add({ reference: ref, byMaintainer: false }, vector);
  }

  /**
   * Records a decision. `byMaintainer` marks a triage decision (it also pulls similar papers, see
   * {@link feedbackShift}); an approved one with `reference` joins the list's references too.
   */
  addDecision(decision: Decision, vector: SparseVector, options: { byMaintainer?: boolean; reference?: Reference } = {}): void {
    const previous = this.latest.get(decision.arxivId);
    if (previous !== undefined) this.members.retire(previous);
    const member: Member = { decision, byMaintainer: options.byMaintainer === true };
    if (options.reference && decision.label === 1) member.reference = options.reference;
    this.latest.set(decision.arxivId, this.members.add(member, vector));
  }

  /** Nearest references (3), decisions (the voters) and maintainers' decisions, never the paper itself. */
  look(x: SparseVector, selfId?: string): NeighbourhoodView {
    const other = (m: Member) => selfId === undefined || (m.reference?.arxivId ?? m.decision?.arxivId) !== selfId;
    const [references, decisions, maintainers] = this.members.nearestMany(x, [
      { k: 3, accept: (m) => m.reference !== undefined && other(m) },
      { k: VOTERS, accept: (m) => m.decision !== undefined && other(m) },
      { k: FEEDBACK_NEIGHBOURS, accept: (m) => m.byMaintainer && other(m) },
    ]);
    return {
      references: references!.map((n) => ({ item: n.item.reference!, similarity: n.similarity })),
      decisions: decisions!.map((n) => ({ item: n.item.decision!, similarity: n.similarity })),
      maintainers: maintainers!.map((n) => ({ item: n.item.decision!, similarity: n.similarity })),
    };
  }

  features(x: SparseVector, selfId?: string): Record<(typeof NEIGHBOURHOOD_FEATURES)[number], number> {
    return neighbourhoodFeatures(this.look(x, selfId));
  }
}

/**
 * How far maintainers' decisions move a paper's logit. The combiner cannot learn this from the
 * labelled days — its text classifiers saw those days, so a neighbour's label adds little there —
 * while a fresh decision is news to them. So it is a fixed rule: each decided paper within
 * similarity {@link FEEDBACK_MIN_SIMILARITY} pushes by up to {@link FEEDBACK_STRENGTH} logits
 * (approved up, rejected down), linearly in similarity; the total is capped at the same strength.
 * A near-duplicate of a rejected paper drops by ~2.5 logits; a loosely related one barely moves.
 */
export const FEEDBACK_STRENGTH = 3;
export const FEEDBACK_MIN_SIMILARITY = 0.2;
const FEEDBACK_NEIGHBOURS = 5;

export function feedbackShift(view: NeighbourhoodView): number {
  let shift = 0;
  for (const n of view.maintainers) {
    if (n.similarity <= FEEDBACK_MIN_SIMILARITY) continue;
    const pull = (FEEDBACK_STRENGTH * (n.similarity - FEEDBACK_MIN_SIMILARITY)) / (1 - FEEDBACK_MIN_SIMILARITY);
    shift += n.item.label === 1 ? pull : -pull;
  }
  return Math.max(-FEEDBACK_STRENGTH, Math.min(FEEDBACK_STRENGTH, shift));
}

export function neighbourhoodFeatures(view: NeighbourhoodView): Record<(typeof NEIGHBOURHOOD_FEATURES)[number], number> {
  let weight = 0;
  let approved = 0;
  let approvedMax = 0;
  let rejectedMax = 0;
  for (const v of view.decisions) {
    weight += v.similarity;
    if (v.item.label === 1) {
      approved += v.similarity;
      approvedMax = Math.max(approvedMax, v.similarity);
    } else {
      rejectedMax = Math.max(rejectedMax, v.similarity);
    }
  }
  const list = view.references;
  return {
    // With no voters the vote is the labelled days' share of positives rather than 0 (= "all rejected").
    vote: weight > 0 ? approved / weight : 0.1,
    approvedMax,
    rejectedMax,
    listMax: list[0]?.similarity ?? 0,
    listTop3: list.reduce((s, n) => s + n.similarity, 0) / 3,
  };
}

/**
 * What the announcement itself says: a cross-list has its primary category elsewhere (cs.LG,
 * cs.RO, eess.IV…), which makes a paper for this list rarer. Learned like every other feature.
 */
export function announcementFeatures(paper: { announceType?: string }): { crossList: number } {
  return { crossList: paper.announceType === 'cross' || paper.announceType === 'replace-cross' ? 1 : 0 };
}

/** The combiner's input, in its feature order. Unknown names are an error: the model and code disagree. */
export function featureRow(names: readonly string[], values: Record<string, number>): number[] {
  return names.map((n) => {
    const v = values[n];
    if (v === undefined) throw new Error(`relevance model: the combiner wants feature "${n}", which this code does not compute; retrain the model`);
    return v;
  });
}
