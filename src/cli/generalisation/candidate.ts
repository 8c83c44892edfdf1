/**
 * What the harness trains and compares. A candidate trains on one fold and returns a scoring
 * function; an ensemble trains nothing and combines the scores of candidates of the same fold.
 */
import type { Example } from '../data/labelled-files.js';

/** A model trained on one fold. Scores: higher is riskier, on a logit scale where the model has one. */
export interface TrainedCandidate {
  score(hosts: readonly string[]): Promise<Float32Array>;
  dispose?(): void;
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

/** Scores of the members on the fold's validation names, with 1 for a risky name and 0 for benign. */
export interface ValidationScores {
  readonly scores: readonly Float32Array[];
  readonly labels: Uint8Array;
}

export interface EnsembleModel {
  readonly name: string;
  readonly description: string;
  /** Candidate names whose scores are combined, in the order `combine` receives them. */
  readonly members: readonly string[];
  combine(scores: readonly Float32Array[], validation: ValidationScores): Float32Array;
}

export type ModelEntry = ({ kind: 'candidate' } & CandidateModel) | ({ kind: 'ensemble' } & EnsembleModel);
