/**
 * The features a relevance score is made of, shared by training and scoring so the two can never
 * disagree: logits of the text classifiers, and similarities to the paper's neighbourhood — the
 * list's own entries (what belongs) and decided papers (what maintainers approved or rejected).
 */
import { NeighbourIndex, type Neighbour } from './neighbour-index.js';
import type { Decision, DenseLinear, SparseLinear } from './model.js';
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
  /** `text:<name>`, the combiner's names for the logits. */
  readonly features: string[];
  private readonly weights: Float64Array;
  private readonly biases: Float64Array;

  constructor(models: Record<string, SparseLinear>, vocabularySize: number) {
    this.names = Object.keys(models);
    this.features = this.names.map((name) => `text:${name}`);
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
    const { weights } = this;
    if (n === 3) {
      // The shipped model's three classifiers, unrolled (this runs for every paper).
      let a = 0;
      let b = 0;
      let c = 0;
      for (let k = 0; k < x.indices.length; k++) {
        const base = x.indices[k]! * 3;
        const v = x.values[k]!;
        a += v * weights[base]!;
        b += v * weights[base + 1]!;
        c += v * weights[base + 2]!;
      }
      out[0] = a + out[0]!;
      out[1] = b + out[1]!;
      out[2] = c + out[2]!;
      return out;
    }
    const sums = new Float64Array(n);
    for (let k = 0; k < x.indices.length; k++) {
      const base = x.indices[k]! * n;
      const v = x.values[k]!;
      for (let c = 0; c < n; c++) sums[c]! += v * weights[base + c]!;
    }
    // Dot product first, bias after: the same sum as a plain sparse·dense product plus bias.
    for (let c = 0; c < n; c++) out[c] = sums[c]! + out[c]!;
    return out;
  }

  /** `{ 'text:<name>': logit }` for every classifier. */
  logits(x: SparseVector): Record<string, number> {
    const values = this.logitArray(x);
    const out: Record<string, number> = {};
    this.features.forEach((f, c) => (out[f] = values[c]!));
    return out;
  }

  /** Per-term contributions of one classifier to a logit, by position in `x` (zeros for an unknown classifier). */
  contributionArray(name: string, x: SparseVector): Float64Array {
    const c = this.names.indexOf(name);
    const out = new Float64Array(x.indices.length);
    if (c < 0) return out;
    const n = this.names.length;
    for (let k = 0; k < out.length; k++) out[k] = x.values[k]! * this.weights[x.indices[k]! * n + c]!;
    return out;
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

/** The part of the neighbourhood every score needs: the maintainers' decisions close to it (see {@link feedbackShift}). */
export type MaintainersView = Pick<NeighbourhoodView, 'maintainers'>;

/** One paper of the neighbourhood, in whichever roles it plays (see the role bits below). */
interface Member {
  reference?: Reference;
  decision?: Decision;
}

const REFERENCE = 1;
const DECISION = 2;
const MAINTAINER = 4;

type Hit = Neighbour<Member>;

/** The `k` most similar of two best-first lists, best first (on a tie the first list's). */
function merged(a: readonly Hit[], b: readonly Hit[], k: number): Hit[] {
  return [...a, ...b].sort((x, y) => y.similarity - x.similarity).slice(0, k);
}

/**
 * The papers a new one is compared with. Grows as maintainers decide; a later decision about the
 * same paper replaces the earlier one (and a rejection takes an approved paper out of the references).
 *
 * Three inverted indexes, by what each score needs: maintainers' decisions (few; every score reads
 * them, they pull similar papers), the list's entries (read to explain a candidate, or when the
 * combiner wants list similarity) and the labelled days shipped with the model (hundreds of
 * abstracts, read only to explain a candidate or when the combiner wants the vote).
 */
export class Neighbourhood {
  private readonly maintainers = new NeighbourIndex<Member>();
  private readonly list = new NeighbourIndex<Member>();
  private readonly labelled = new NeighbourIndex<Member>();
  private readonly latest = new Map<string, { index: NeighbourIndex<Member>; handle: number }>();

  addReference(ref: Reference, vector: SparseVector): void {
    this.list.add({ reference: ref }, vector, { roles: REFERENCE, ...(ref.arxivId !== undefined && { key: ref.arxivId }) });
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
    const index = byMaintainer ? this.maintainers : member.reference ? this.list : this.labelled;
    this.latest.set(decision.arxivId, { index, handle: index.add(member, vector, { roles, key }) });
  }

  /** The nearest maintainers' decisions, never the paper itself: what every score reads. */
  lookMaintainers(x: SparseVector, selfId?: string): MaintainersView {
    const [maintainers] = this.maintainers.nearestMany(x, [{ k: FEEDBACK_NEIGHBOURS, roles: MAINTAINER }], selfId);
    return { maintainers: maintainers!.map((n) => ({ item: n.item.decision!, similarity: n.similarity })) };
  }

  /** Everything: nearest references (3), voters (the nearest decided papers) and maintainers' decisions. */
  look(x: SparseVector, selfId?: string): NeighbourhoodView {
    const [refsOfMaintainers, votersOfMaintainers, maintainers] = this.maintainers.nearestMany(
      x,
      [
        { k: 3, roles: REFERENCE },
        { k: VOTERS, roles: DECISION },
        { k: FEEDBACK_NEIGHBOURS, roles: MAINTAINER },
      ],
      selfId,
    );
    const [refsOfList, votersOfList] = this.list.nearestMany(x, [{ k: 3, roles: REFERENCE }, { k: VOTERS, roles: DECISION }], selfId);
    const [votersLabelled] = this.labelled.nearestMany(x, [{ k: VOTERS, roles: DECISION }], selfId);
    return {
      references: merged(refsOfList!, refsOfMaintainers!, 3).map((n) => ({ item: n.item.reference!, similarity: n.similarity })),
      decisions: merged(merged(votersOfMaintainers!, votersOfList!, VOTERS), votersLabelled!, VOTERS).map((n) => ({ item: n.item.decision!, similarity: n.similarity })),
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

export function feedbackShift(view: MaintainersView): number {
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

function unknownFeature(name: string): Error {
  return new Error(`relevance model: the combiner wants feature "${name}", which this code does not compute; retrain the model`);
}

/**
 * The combiner compiled once against where each of its features comes from (a text logit, a
 * rubric signal, the announcement, the neighbourhood), so a score is one loop over typed arrays.
 * Sums in the combiner's feature order, like {@link featureRow} + the dot product training uses.
 */
export class Combiner {
  /** Per feature: [source, index] — 0 text logit, 1 rubric signal, 2 cross-list, 3 neighbourhood (by name). */
  private readonly sources: [number, number][];
  private readonly weightByName: Map<string, number>;
  /** Does it read the neighbourhood (list similarity, the vote)? Then every score looks it up. */
  readonly needsNeighbourhood: boolean;

  constructor(
    private readonly model: DenseLinear,
    textFeatures: readonly string[],
    rubricFeatures: readonly string[],
  ) {
    const hood: readonly string[] = NEIGHBOURHOOD_FEATURES;
    this.sources = model.features.map((f): [number, number] => {
      if (textFeatures.includes(f)) return [0, textFeatures.indexOf(f)];
      if (rubricFeatures.includes(f)) return [1, rubricFeatures.indexOf(f)];
      if (f === 'crossList') return [2, 0];
      if (hood.includes(f)) return [3, hood.indexOf(f)];
      throw unknownFeature(f);
    });
    this.needsNeighbourhood = this.sources.some(([source]) => source === 3);
    this.weightByName = new Map(model.features.map((f, i) => [f, model.weights[i]!]));
  }

  /** The combined logit; `hood` is needed when {@link needsNeighbourhood}. */
  logit(text: Float64Array, rubric: Float64Array, crossList: number, hood?: Record<(typeof NEIGHBOURHOOD_FEATURES)[number], number>): number {
    let z = this.model.bias;
    this.sources.forEach(([source, index], i) => {
      const v = source === 0 ? text[index]! : source === 1 ? rubric[index]! : source === 2 ? crossList : hood![NEIGHBOURHOOD_FEATURES[index]!];
      z = z + v * this.model.weights[i]!;
    });
    return z;
  }

  /** A feature's weight (0 when the combiner does not use it). */
  weight(feature: string): number {
    return this.weightByName.get(feature) ?? 0;
  }
}

/** The combiner's input, in its feature order. Unknown names are an error: the model and code disagree. */
export function featureRow(names: readonly string[], values: Record<string, number>): number[] {
  return names.map((n) => {
    const v = values[n];
    if (v === undefined) throw unknownFeature(n);
    return v;
  });
}
