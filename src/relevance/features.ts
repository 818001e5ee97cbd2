/**
 * The features a relevance score is made of, shared by training and scoring so the two can never
 * disagree: logits of the text classifiers, and similarities to the paper's neighbourhood — the
 * list's own entries (what belongs) and decided papers (what maintainers approved or rejected).
 */
import { NeighbourIndex, type Neighbour } from './neighbour-index.js';
import type { Decision, SparseLinear } from './model.js';
import type { SparseVector } from './tfidf.js';

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

/**
 * Every feature the combiner can use: these, `crossList` (announcementFeatures), the rubric's
 * signals `rubric:<id>` (rubric-signals.ts) and text logits as `text:<name>`.
 */
export const NEIGHBOURHOOD_FEATURES = ['vote', 'approvedMax', 'rejectedMax', 'listMax', 'listTop3'] as const;

/**
 * Text classifiers with dense weights, interleaved term-major (`weights[term * n + c]`), so the
 * logits of all of them are one pass over the paper's terms.
 */
export class TextClassifiers {
  readonly names: string[];
  private readonly weights: Float64Array;
  private readonly biases: Float64Array;

  constructor(models: Record<string, SparseLinear>, vocabularySize: number) {
    this.names = Object.keys(models);
    const n = this.names.length;
    this.weights = new Float64Array(vocabularySize * n);
    this.biases = Float64Array.from(this.names, (name) => models[name]!.bias);
    this.names.forEach((name, c) => {
      const m = models[name]!;
      m.terms.forEach((t, k) => (this.weights[t * n + c] = m.weights[k]!));
    });
  }

  /** The logit of every classifier, in {@link names} order. */
  logitArray(x: SparseVector): Float64Array {
    const n = this.names.length;
    const out = Float64Array.from(this.biases);
    const sums = new Float64Array(n);
    for (let k = 0; k < x.indices.length; k++) {
      const base = x.indices[k]! * n;
      const v = x.values[k]!;
      for (let c = 0; c < n; c++) sums[c]! += v * this.weights[base + c]!;
    }
    // Dot product first, bias after: the same sum as a plain sparse·dense product plus bias.
    for (let c = 0; c < n; c++) out[c] = sums[c]! + out[c]!;
    return out;
  }

  /** `{ 'text:<name>': logit }` for every classifier. */
  logits(x: SparseVector): Record<string, number> {
    const values = this.logitArray(x);
    const out: Record<string, number> = {};
    this.names.forEach((name, c) => (out[`text:${name}`] = values[c]!));
    return out;
  }

  /** Per-term contributions of one classifier to a logit (for explanations). */
  contributions(name: string, x: SparseVector): { term: number; value: number }[] {
    const c = this.names.indexOf(name);
    if (c < 0) return [];
    const n = this.names.length;
    return Array.from(x.indices, (term, k) => ({ term, value: x.values[k]! * this.weights[term * n + c]! }));
  }
}

/** What a paper's neighbourhood looks like: nearest list entries and nearest decided papers. */
export interface NeighbourhoodView {
  references: Neighbour<Reference>[];
  /** The nearest decided papers (labelled days and maintainers alike): the voters. */
  decisions: Neighbour<Decision>[];
  /** The nearest decisions made by maintainers (as opposed to the labelled days shipped with the model). */
  maintainers: Neighbour<Decision>[];
}

/** The part of the neighbourhood every score needs (see {@link Neighbourhood.lookNear}). */
export type NearView = Omit<NeighbourhoodView, 'decisions'>;

/** One paper of the neighbourhood, in whichever roles it plays (see the role bits below). */
interface Member {
  reference?: Reference;
  decision?: Decision;
}

const REFERENCE = 1;
const DECISION = 2;
const MAINTAINER = 4;

/**
 * The papers a new one is compared with. Grows as maintainers decide; a later decision about the
 * same paper replaces the earlier one (and a rejection takes an approved paper out of the references).
 *
 * Two inverted indexes: the near one (the list's entries, approved papers, maintainers' decisions —
 * titles and a few abstracts, what every score reads) and the labelled days shipped with the model
 * (hundreds of abstracts, read only to explain a candidate or when the combiner wants the vote).
 */
export class Neighbourhood {
  private readonly near = new NeighbourIndex<Member>();
  private readonly labelled = new NeighbourIndex<Member>();
  private readonly latest = new Map<string, { index: NeighbourIndex<Member>; handle: number }>();

  addReference(ref: Reference, vector: SparseVector): void {
    this.near.add({ reference: ref }, vector, { roles: REFERENCE, ...(ref.arxivId !== undefined && { key: ref.arxivId }) });
  }

  /**
   * Records a decision. `byMaintainer` marks a triage decision (it also pulls similar papers, see
   * {@link feedbackShift}); an approved one with `reference` joins the list's references too.
   */
  addDecision(decision: Decision, vector: SparseVector, options: { byMaintainer?: boolean; reference?: Reference } = {}): void {
    const previous = this.latest.get(decision.arxivId);
    if (previous !== undefined) previous.index.retire(previous.handle);
    const member: Member = { decision };
    const byMaintainer = options.byMaintainer === true;
    let roles = DECISION | (byMaintainer ? MAINTAINER : 0);
    if (options.reference && decision.label === 1) {
      member.reference = options.reference;
      roles |= REFERENCE;
    }
    const key = member.reference?.arxivId ?? decision.arxivId;
    const index = byMaintainer || member.reference ? this.near : this.labelled;
    this.latest.set(decision.arxivId, { index, handle: index.add(member, vector, { roles, key }) });
  }

  /** Nearest references (3) and maintainers' decisions, never the paper itself: what every score reads. */
  lookNear(x: SparseVector, selfId?: string): NearView {
    return this.lookBoth(x, selfId, false);
  }

  /** Everything: the near view and the voters (the nearest decided papers of both indexes). */
  look(x: SparseVector, selfId?: string): NeighbourhoodView {
    return this.lookBoth(x, selfId, true) as NeighbourhoodView;
  }

  features(x: SparseVector, selfId?: string): Record<(typeof NEIGHBOURHOOD_FEATURES)[number], number> {
    return neighbourhoodFeatures(this.look(x, selfId));
  }

  private lookBoth(x: SparseVector, selfId: string | undefined, voters: boolean): NearView & { decisions?: Neighbour<Decision>[] } {
    const [references, nearDecisions, maintainers] = this.near.nearestMany(
      x,
      [
        { k: 3, roles: REFERENCE },
        { k: voters ? VOTERS : 0, roles: DECISION },
        { k: FEEDBACK_NEIGHBOURS, roles: MAINTAINER },
      ],
      selfId,
    );
    const view: NearView & { decisions?: Neighbour<Decision>[] } = {
      references: references!.map((n) => ({ item: n.item.reference!, similarity: n.similarity })),
      maintainers: maintainers!.map((n) => ({ item: n.item.decision!, similarity: n.similarity })),
    };
    if (voters) {
      const [labelled] = this.labelled.nearestMany(x, [{ k: VOTERS, roles: DECISION }], selfId);
      // Best first across both indexes (stable: on a tie the near one first).
      view.decisions = [...nearDecisions!, ...labelled!]
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, VOTERS)
        .map((n) => ({ item: n.item.decision!, similarity: n.similarity }));
    }
    return view;
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

export function feedbackShift(view: Pick<NeighbourhoodView, 'maintainers'>): number {
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
  return {
    // With no voters the vote is the labelled days' share of positives rather than 0 (= "all rejected").
    vote: weight > 0 ? approved / weight : 0.1,
    approvedMax,
    rejectedMax,
    ...nearFeatures(view),
  };
}

/** The features of the near view alone: how close the list's nearest entries are. */
export function nearFeatures(view: Pick<NeighbourhoodView, 'references'>): { listMax: number; listTop3: number } {
  const list = view.references;
  return { listMax: list[0]?.similarity ?? 0, listTop3: list.reduce((s, n) => s + n.similarity, 0) / 3 };
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
