/**
 * What the harness trains and compares. A candidate trains on one fold and returns a scoring
 * function; an ensemble trains nothing and combines the scores of candidates of the same fold.
 */
import type { RiskCategory } from '../../core/model/architecture.js';
import type { Example } from '../data/labelled-files.js';
import { maxOverShiftedHeads } from './combine.js';

/** A model trained on one fold. Scores: higher is riskier, on a logit scale where the model has one. */
export interface TrainedCandidate {
  /** Head categories, in the order headLogits returns them. */
  readonly categories: readonly RiskCategory[];
  /** Per-head logits, one column per head. */
  headLogits(hosts: readonly string[]): Promise<Float32Array[]>;
  /** Heads → decision score: the single head itself, or the worst head against its own threshold. */
  decide(heads: readonly Float32Array[]): Float32Array;
  dispose?(): void;
}

/** A candidate's decision scores for hosts. */
export async function scoreHosts(candidate: TrainedCandidate, hosts: readonly string[]): Promise<Float32Array> {
  return candidate.decide(await candidate.headLogits(hosts));
}

export interface TrainContext {
  readonly seed: number;
  readonly epochs: number;
  readonly log: (line: string) => void;
}

export interface CandidateModel {
  readonly name: string;
  readonly description: string;
  train(train: readonly Example[], validation: readonly Example[], context: TrainContext): Promise<TrainedCandidate>;
}

/** One member's scores on a fold: held-out names and validation names, decision score and per head. */
export interface MemberScores {
  readonly eval: Float32Array;
  readonly validation: Float32Array;
  readonly categories: readonly RiskCategory[];
  readonly evalHeads: readonly Float32Array[];
  readonly validationHeads: readonly Float32Array[];
}

export interface EnsembleModel {
  readonly name: string;
  readonly description: string;
  /** Candidate names whose scores are combined, in the order `combine` receives them. */
  readonly members: readonly string[];
  /** `validationLabels`: 1 for a risky validation name, 0 for benign. */
  combine(members: readonly MemberScores[], validationLabels: Uint8Array): Float32Array;
}

export type ModelEntry = ({ kind: 'candidate' } & CandidateModel) | ({ kind: 'ensemble' } & EnsembleModel);

/**
 * A trained candidate from per-head logits: one head decides alone; several are each held against
 * their own threshold on the validation names (like the trainer's metadata thresholds), and a name
 * takes its worst head.
 */
export async function headsCandidate(
  categories: readonly RiskCategory[],
  headLogits: (hosts: readonly string[]) => Promise<Float32Array[]>,
  validation: readonly Example[],
): Promise<TrainedCandidate> {
  if (categories.length === 1) return { categories, headLogits, decide: (heads) => heads[0]! };
  const validationHeads = await headLogits(validation.map((e) => e.host));
  const validationLabels = Uint8Array.from(validation, (e) => (e.label === 'benign' ? 0 : 1));
  return { categories, headLogits, decide: (heads) => maxOverShiftedHeads(heads, validationHeads, validationLabels) };
}
