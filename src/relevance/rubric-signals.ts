/**
 * The rubric's distinctions (RUBRIC.md of the labelled fixtures) as features a maintainer can read:
 * what the paper does with the vision-language model, for which task, in which domain. Each signal
 * stands for one rule; the combiner learns how much it weighs (training), and a signal that moved a
 * candidate's score shows up in its "why" with the rule it stands for.
 *
 * The words come from the rubric and from the field's vocabulary (the model families a reader
 * would recognise as a VLM), not from the labelled days: the concepts are the rubric's, so the
 * signals carry to days the model never saw. Which of them matter, and how much, is learned.
 *
 * A concept's evidence is 1 when the title names it (the title says what a paper is about), else
 * 1 - 0.7^(abstract mentions): one mention 0.3, two 0.51, three 0.66 — a word in passing counts little.
 *
 * Each signal also says which way the rubric points (`in` / `out`): training keeps its weight on
 * that side, so the data decide how much a rule weighs but never turn it around.
 */
import { EXACT, type PaperAnalysis } from './analyser.js';
import { stemSequence } from './text-features.js';

/** Phrases of one concept, as written (case-insensitive, plurals and hyphens do not matter). `=CLIP`: that exact spelling. */
const CONCEPTS = {
  /** CLIP-like dual encoders and the open-vocabulary models built on them. */
  dualEncoder: [
    '=CLIP', '=CLIPs', "=CLIP's", '=CLIP’s', 'OpenCLIP', 'SigLIP', 'SigLIP2', 'EVA-CLIP', 'BLIP', 'BLIP-2', 'CoCa', 'FLAVA', 'ImageBind',
    'GLIP', 'OWL-ViT', 'OWLv2', 'Grounding DINO', 'GroundingDINO', 'RegionCLIP', 'MaskCLIP', 'ALBEF', 'LiT',
    'contrastive language-image', 'language-image pre-training', 'image-text contrastive', 'vision-language pre-training', 'VLP',
    'text encoder', 'language-aligned', 'vision-language foundation model', 'vision-language embedding',
  ],
  /** Multimodal LLMs: chat-style models that generate text about images. */
  mllm: [
    'MLLM', 'LVLM', 'LMM', 'multimodal large language model', 'multi-modal large language model', 'large vision-language model',
    'multimodal LLM', 'multi-modal LLM', 'video LLM', 'Video-LLM', 'vision LLM', 'vision-language LLM',
    'large multimodal model', 'vision large language model', 'VLLM', 'LLaVA', 'Qwen', 'Qwen2', 'Qwen3', 'Qwen-VL', 'InternVL', 'InternVL2',
    'InternVL3', 'MiniGPT', 'InstructBLIP', 'Flamingo', 'Kosmos', 'CogVLM', 'GPT-4V', 'GPT-4o', 'GPT-4', 'GPT', 'Gemini', 'Claude',
    'DeepSeek-VL', 'Idefics', 'PaliGemma', 'Molmo',
  ],
  /** Any vision-language model, named generically. */
  vlm: ['vision-language model', 'vision language model', 'VLM', 'visual language model', 'vision-language', 'multimodal foundation model'],
  /** Rule 2's recognition-type tasks. */
  recognition: [
    'classification', 'classifier', 'recognition', 'detection', 'detector', 'segmentation', 'retrieval', 'grounding', 'referring',
    'localization', 'localisation', 'counting', 're-identification', 'ReID', 'anomaly detection', 'OOD', 'out-of-distribution detection',
    'open-vocabulary', 'open vocabulary', 'open-set', 'open-world', 'zero-shot classification', 'action recognition', 'geolocalization',
    'geo-localization', 'tracking', 'novel classes', 'unseen classes', 'category', 'categories', 'identification', 'matching',
  ],
  /** Rule 1: what a chat MLLM is used for when it is not a recognition model. */
  reasoning: [
    'visual question answering', 'question answering', 'VQA', 'reasoning', 'chain-of-thought', 'CoT', 'hallucination', 'hallucinate',
    'sycophancy', 'agent', 'agentic', 'tool use', 'tool', 'GUI', 'OCR', 'document understanding', 'chart', 'math', 'mathematical',
    'dialogue', 'chat', 'conversation', 'instruction tuning', 'instruction-following', 'reinforcement learning', 'GRPO', 'RLHF',
    'reward', 'captioning', 'caption generation', 'video understanding', 'multi-image', 'spatial reasoning', 'puzzle', 'judge',
    'document', 'table', 'infographic',
  ],
  /** Rule 1 too: making an MLLM cheaper to run. */
  efficiency: ['token pruning', 'token compression', 'visual token', 'visual tokens', 'KV cache', 'token reduction', 'speculative decoding', 'inference acceleration', 'token merging'],
  /** Rule 9: generation and editing. */
  generation: [
    'text-to-image', 'text-to-video', 'image generation', 'video generation', 'image editing', 'video editing', 'diffusion model',
    'image synthesis', 'inpainting', 'generative model', 'text-to-3D', 'talking head', 'style transfer',
  ],
  /** Robotics, embodied agents, driving: the VLM is a component, the task is control. */
  control: [
    'robot', 'robotic', 'manipulation', 'vision-language-action', 'VLA', 'embodied', 'navigation', 'autonomous driving', 'driving',
    'planning', 'policy', 'trajectory', 'locomotion', 'grasping',
  ],
  /** Rule 4's domains. */
  medical: ['medical', 'clinical', 'radiology', 'X-ray', 'CT', 'MRI', 'pathology', 'histopathology', 'patient', 'surgical', 'dental', 'fundus', 'ultrasound', 'lesion'],
  remoteSensing: ['remote sensing', 'satellite', 'aerial', 'UAV', 'drone', 'earth observation'],
  /** Rule 4's exclusions. */
  reportGeneration: ['report generation', 'radiology report', 'medical VQA', 'clinical report'],
  /** Rule 7: robustness of CLIP-like models (in) … */
  adversarial: ['adversarial', 'adversarial robustness', 'adversarial attack', 'robust', 'robustness', 'backdoor'],
  /** … versus jailbreaking chat models (out). */
  jailbreak: ['jailbreak', 'safety', 'harmful', 'red teaming', 'unsafe', 'toxic', 'prompt injection'],
  /** What the paper does with the VLM: transfers / adapts it (rule 2). */
  adapt: [
    'prompt tuning', 'prompt learning', 'learnable prompt', 'soft prompt', 'adapter', 'fine-tuning', 'fine-tune', 'parameter-efficient',
    'LoRA', 'few-shot', 'zero-shot', 'test-time adaptation', 'test-time', 'training-free', 'linear probe', 'transfer', 'domain generalization',
    'domain adaptation', 'continual learning', 'incremental learning', 'distillation', 'distill', 'knowledge distillation', 'align', 'alignment',
  ],
  /** Pre-trains it (rule 3 for MLLMs; pre-training sections for dual encoders). */
  pretrain: ['pre-training', 'pretraining', 'pre-train', 'pretrain', 'image-text pairs', 'image-text data', 'scaling', 'web-scale'],
  /** A model release (rule 3). */
  release: ['technical report', 'foundation model', 'model family', 'open-source model', 'open-weight'],
  /** Benchmarks and datasets (the "Datasets for VLM Evaluation" section). */
  benchmark: ['benchmark', 'dataset', 'evaluation', 'evaluate', 'challenge', 'leaderboard'],
  /** Vision-only foundation models (rule 6: no language input). */
  visionOnly: ['=SAM', 'Segment Anything', 'DINOv2', 'DINOv3', '=DINO', 'MAE', 'self-supervised', 'ResNet', 'CNN', 'U-Net', 'YOLO'],
  /** Recognition whose targets come from language (rule 2: open-vocabulary anything, grounding, referring). */
  languageDriven: [
    'open-vocabulary', 'open vocabulary', 'referring', 'referring expression', 'visual grounding', 'text-guided', 'language-guided',
    'text-prompted', 'text prompt', 'text query', 'natural language', 'zero-shot', 'free-form text', 'category name', 'class name',
  ],
  // The taxonomy's sections, as RUBRIC.md describes them: what a section's papers are about.
  /** Pre-training with Contrastive Objective. */
  contrastive: ['contrastive', 'contrastive learning', 'contrastive pre-training', 'image-text contrastive', 'InfoNCE', 'long text', 'multilingual'],
  /** Pre-training with Generative Objective. */
  generativeObjective: ['masked', 'masked modeling', 'masked modelling', 'autoregressive', 'next-token', 'captioning', 'generative pre-training', 'unified model', 'understanding and generation'],
  /** Pre-training with Alignment Objective. */
  alignmentObjective: ['region-word', 'word-region', 'image-text matching', 'grounded pre-training', 'phrase grounding', 'region-text'],
  /** Transfer with Text Prompt Tuning. */
  textPrompt: ['prompt tuning', 'prompt learning', 'learnable prompt', 'text prompt', 'textual prompt', 'context optimization', 'CoOp', 'class description', 'prompt ensembling'],
  /** Transfer with Visual Prompt Tuning. */
  visualPrompt: ['visual prompt', 'visual prompting', 'visual prompt tuning', 'pixel prompt'],
  /** Transfer with Text and Visual Prompt Tuning. */
  multimodalPrompt: ['multi-modal prompt', 'multimodal prompt', 'MaPLe', 'vision-language prompt', 'dual prompt'],
  /** Transfer with Feature Adapter. */
  featureAdapter: ['adapter', 'cache model', 'Tip-Adapter', 'CLIP-Adapter', 'LoRA', 'parameter-efficient', 'lightweight module', 'residual feature'],
  /** Transfer with Other Methods. */
  otherTransfer: [
    'test-time', 'test-time adaptation', 'OOD', 'out-of-distribution', 'few-shot', 'domain adaptation', 'domain generalization', 'continual learning',
    'incremental learning', 'training-free', 'robust fine-tuning', 'robustness', 'calibration', 'composed image retrieval', 'zero-shot enhancement',
  ],
  /** Knowledge Distillation for Object Detection. */
  detectionTask: ['object detection', 'detector', 'open-vocabulary detection', 'open-set detection', 'bounding box', 'detection'],
  /** Knowledge Distillation for Semantic Segmentation. */
  segmentationTask: ['semantic segmentation', 'instance segmentation', 'panoptic segmentation', 'segmentation', 'mask'],
  /** Knowledge Distillation for Other Tasks. */
  otherTasks: [
    '3D', 'point cloud', 'video', 'action recognition', 'tracking', 'referring', 'visual grounding', 'pose', 'depth', 'anomaly', 're-identification', 'ReID',
    'gaze', 'scene understanding', 'sketch', 'emotion', 'human-object interaction', 'affordance', 'landmark',
  ],
  /** The image-classification tables of the datasets. */
  classificationTask: ['image classification', 'classification', 'recognition', 'fine-grained'],
  /** Any language side at all. */
  language: ['text', 'textual', 'language', 'caption', 'prompt', 'vocabulary', 'word', 'sentence', 'description', 'natural language', 'semantic'],
} as const;

export type Concept = keyof typeof CONCEPTS;
export const CONCEPT_NAMES = Object.keys(CONCEPTS) as Concept[];

/** The concepts that tell sections apart (section-suggest.ts compares a paper's with a section's). */
export const SECTION_CONCEPTS: readonly Concept[] = [
  'benchmark', 'pretrain', 'release', 'contrastive', 'generativeObjective', 'alignmentObjective', 'textPrompt', 'visualPrompt', 'multimodalPrompt',
  'featureAdapter', 'otherTransfer', 'detectionTask', 'segmentationTask', 'otherTasks', 'classificationTask', 'adversarial', 'mllm', 'dualEncoder',
];

/** The phrases as the analyser wants them: stems, or `=Spelling` words kept as written. */
function phraseWords(phrase: string): string[] {
  return phrase.startsWith(EXACT) ? [phrase] : stemSequence(phrase);
}

/** Phrase groups for the analyser, one per concept, in {@link CONCEPT_NAMES} order. */
export const CONCEPT_PHRASES: readonly (readonly string[][])[] = CONCEPT_NAMES.map((c) => CONCEPTS[c].map(phraseWords));

/** How a concept matched: its evidence in [0, 1) and the phrase that matched first, as the lexicon writes it. */
export interface ConceptEvidence {
  evidence: number;
  phrase?: string;
}

/**
 * Reads the concepts out of an analysis whose phrase groups start with {@link CONCEPT_PHRASES}
 * (at `offset`, when other groups come first).
 */
export function conceptValues(a: PaperAnalysis, offset = 0): Record<Concept, number> {
  const out = {} as Record<Concept, number>;
  for (let i = 0; i < CONCEPT_NAMES.length; i++) {
    const g = offset + i;
    out[CONCEPT_NAMES[i]!] = a.titleHits[g]! > 0 ? 1 : abstractEvidence(a.abstractHits[g]!);
  }
  return out;
}

/** {@link conceptValues} with the phrase that matched first, for the why. */
export function conceptEvidence(a: PaperAnalysis, offset = 0): Record<Concept, ConceptEvidence> {
  const out = {} as Record<Concept, ConceptEvidence>;
  for (let i = 0; i < CONCEPT_NAMES.length; i++) {
    const g = offset + i;
    const title = a.titleHits[g]!;
    const abstract = a.abstractHits[g]!;
    const evidence = title > 0 ? 1 : abstractEvidence(abstract);
    out[CONCEPT_NAMES[i]!] = evidence === 0 ? NONE : { evidence, phrase: DISPLAY[i]![a.firstPhrase[g]!]! };
  }
  return out;
}

const NONE: ConceptEvidence = Object.freeze({ evidence: 0 });
/** The phrases as the why quotes them (`=CLIP` → `CLIP`). */
const DISPLAY = CONCEPT_NAMES.map((c) => CONCEPTS[c].map((p) => p.replace(EXACT, '')));
/** 1 - 0.7^n for the first few n (the rest computed). */
const ABSTRACT_EVIDENCE = Array.from({ length: 16 }, (_, n) => 1 - 0.7 ** n);
function abstractEvidence(n: number): number {
  return n < ABSTRACT_EVIDENCE.length ? ABSTRACT_EVIDENCE[n]! : 1 - 0.7 ** n;
}

/** One rule of the rubric as a feature: its value from the concepts, and how the why says it. */
interface RubricSignal {
  id: string;
  /** Which rule of RUBRIC.md it stands for. */
  rule: string;
  /** Which way the rule points: towards the list (`in`) or away from it (`out`). */
  points: 'in' | 'out';
  value(e: Record<Concept, number>): number;
  /** The why: which words made it fire (`names(concept)` quotes the phrase that matched). */
  says(names: (c: Concept) => string): string;
}

const any = (...xs: number[]) => Math.max(...xs);

export const RUBRIC_SIGNALS: readonly RubricSignal[] = [
  {
    id: 'vlm',
    points: 'in',
    rule: 'scope',
    value: (e) => any(e.dualEncoder, e.mllm, e.vlm),
    says: (n) => `names a vision-language model (${n('dualEncoder') || n('mllm') || n('vlm')})`,
  },
  {
    id: 'recognitionVlm',
    points: 'in',
    rule: 'rule 2',
    value: (e) => any(e.dualEncoder, e.mllm, e.vlm) * e.recognition,
    says: (n) => `a VLM (${n('dualEncoder') || n('mllm') || n('vlm')}) for a recognition task (${n('recognition')})`,
  },
  {
    id: 'languageRecognition',
    points: 'in',
    rule: 'rule 2',
    value: (e) => e.languageDriven * e.recognition,
    says: (n) => `recognition driven by language (${n('languageDriven')}, ${n('recognition')})`,
  },
  {
    id: 'transfersVlm',
    points: 'in',
    rule: 'rule 2',
    value: (e) => any(e.dualEncoder, e.vlm) * e.adapt,
    says: (n) => `adapts a VLM (${n('dualEncoder') || n('vlm')}): ${n('adapt')}`,
  },
  {
    id: 'dualEncoder',
    points: 'in',
    rule: 'scope',
    value: (e) => e.dualEncoder,
    says: (n) => `builds on a CLIP-like model (${n('dualEncoder')})`,
  },
  {
    id: 'mllmReasoning',
    points: 'out',
    rule: 'rule 1',
    value: (e) => any(e.mllm, e.vlm) * any(e.reasoning, e.efficiency) * (1 - e.recognition),
    says: (n) => `an MLLM as a reasoning/chat system (${n('reasoning') || n('efficiency')})`,
  },
  {
    id: 'reasoning',
    points: 'out',
    rule: 'rule 1',
    value: (e) => any(e.reasoning, e.efficiency),
    says: (n) => `reasoning / VQA / efficiency (${n('reasoning') || n('efficiency')})`,
  },
  {
    id: 'pretrainsVlm',
    points: 'in',
    rule: 'rule 3',
    value: (e) => any(e.dualEncoder, e.mllm, e.vlm) * any(e.pretrain, e.release),
    says: (n) => `pre-trains or releases a VLM (${n('pretrain') || n('release')})`,
  },
  {
    id: 'benchmarksVlm',
    points: 'in',
    rule: 'datasets',
    value: (e) => any(e.dualEncoder, e.mllm, e.vlm) * e.benchmark * e.recognition,
    says: (n) => `benchmarks VLMs on recognition (${n('benchmark')}, ${n('recognition')})`,
  },
  {
    id: 'domainRecognition',
    points: 'in',
    rule: 'rule 4',
    value: (e) => any(e.medical, e.remoteSensing) * any(e.dualEncoder, e.mllm, e.vlm) * e.recognition,
    says: (n) => `a ${n('medical') || n('remoteSensing')} VLM for recognition (${n('recognition')})`,
  },
  {
    id: 'domainReport',
    points: 'out',
    rule: 'rule 4',
    value: (e) => any(e.medical, e.remoteSensing) * any(e.reportGeneration, e.reasoning),
    says: (n) => `${n('medical') || n('remoteSensing')} report generation / VQA / reasoning (${n('reportGeneration') || n('reasoning')})`,
  },
  {
    id: 'robustClip',
    points: 'in',
    rule: 'rule 7',
    value: (e) => e.dualEncoder * e.adversarial,
    says: (n) => `robustness of a CLIP-like model (${n('adversarial')})`,
  },
  {
    id: 'jailbreak',
    points: 'out',
    rule: 'rule 7',
    value: (e) => e.jailbreak,
    says: (n) => `jailbreak / safety of chat models (${n('jailbreak')})`,
  },
  {
    id: 'generation',
    points: 'out',
    rule: 'rule 9',
    value: (e) => e.generation * (1 - e.recognition),
    says: (n) => `image/video generation or editing (${n('generation')})`,
  },
  {
    id: 'control',
    points: 'out',
    rule: 'control',
    value: (e) => e.control,
    says: (n) => `robotics / embodied / driving (${n('control')})`,
  },
  {
    id: 'visionOnly',
    points: 'out',
    rule: 'rule 6',
    value: (e) => (1 - any(e.dualEncoder, e.mllm, e.vlm)) * (1 - e.language),
    says: () => 'no language side (vision-only)',
  },
];

/** Combiner feature names of the signals: `rubric:<id>`. */
export const RUBRIC_FEATURES = RUBRIC_SIGNALS.map((s) => `rubric:${s.id}`);

/**
 * The sign a combiner weight must keep: +1 for a feature the rubric says raises relevance (and for
 * the text classifiers' logits: each was trained to say "relevant"), -1 lowers it, 0 free.
 */
export function featureSign(feature: string): -1 | 0 | 1 {
  if (feature.startsWith('text:')) return 1;
  const signal = RUBRIC_SIGNALS.find((s) => `rubric:${s.id}` === feature);
  return signal === undefined ? 0 : signal.points === 'in' ? 1 : -1;
}

/** Every signal's value, keyed by feature name. */
export function rubricFeatures(concepts: Record<Concept, ConceptEvidence>): Record<string, number> {
  const values = rubricValues(concepts);
  const out: Record<string, number> = {};
  RUBRIC_FEATURES.forEach((f, i) => (out[f] = values[i]!));
  return out;
}

/** Every signal's value from {@link conceptValues}, in {@link RUBRIC_SIGNALS} order (the scorer's fast path). */
export function rubricValuesOf(e: Record<Concept, number>): Float64Array {
  const out = new Float64Array(RUBRIC_SIGNALS.length);
  for (let i = 0; i < RUBRIC_SIGNALS.length; i++) out[i] = RUBRIC_SIGNALS[i]!.value(e);
  return out;
}

/** Every signal's value, in {@link RUBRIC_SIGNALS} order. */
export function rubricValues(concepts: Record<Concept, ConceptEvidence>): Float64Array {
  const e = {} as Record<Concept, number>;
  for (const c of CONCEPT_NAMES) e[c] = concepts[c].evidence;
  return rubricValuesOf(e);
}

/**
 * The why of the signals that moved a score: `rule 2 ↑ a VLM (CLIP) for a recognition task
 * (segmentation)`, strongest first; `contribution(feature)` is weight × value in the combiner.
 */
export function rubricReasons(concepts: Record<Concept, ConceptEvidence>, contribution: (feature: string) => number, min = 0.25, max = 3): string[] {
  const names = (c: Concept) => concepts[c].phrase ?? '';
  return RUBRIC_SIGNALS.map((s) => ({ s, c: contribution(`rubric:${s.id}`) }))
    .filter((x) => Math.abs(x.c) >= min)
    .sort((a, b) => Math.abs(b.c) - Math.abs(a.c))
    .slice(0, max)
    .map(({ s, c }) => tidy(`${s.rule} ${c > 0 ? '↑' : '↓'} ${s.says(names)}`));
}

/** Drops what an unmatched concept leaves behind: `()`, `(, x)`, `x: `. */
function tidy(text: string): string {
  return text.replace(/\(\s*,\s*/g, '(').replace(/,\s*\)/g, ')').replace(/\s*\(\s*\)/g, '').replace(/:\s*$/, '');
}
