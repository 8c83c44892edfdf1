/**
 * The scoring interface every surface uses (CLI, server, service worker). The fast engine
 * (fast-scorer.ts) implements it; cli/model/layers-scorer.ts is the reference implementation.
 */
import type { RiskCategory } from './architecture.js';
import type { ModelMetadata } from './metadata.js';

/** Model output for one normalised host. */
export interface HostScore {
  /** Highest head probability: how likely the name is malicious or algorithmically generated. */
  readonly score: number;
  /** The head that gave `score`. */
  readonly category: RiskCategory;
  /** Per-head probabilities in `metadata.architecture.heads` order. */
  readonly heads: readonly number[];
}

export interface Scorer {
  readonly metadata: ModelMetadata;
  /** tfjs backend in use (`wasm`, `cpu`, …). */
  readonly backend: string;
  readonly engine: string;
  /** Head probabilities for normalised hosts, row-major [hosts.length × heads]. */
  predict(hosts: readonly string[]): Promise<Float32Array>;
  dispose(): void;
}

/** Folds raw head probabilities into per-host scores. */
export function toHostScores(metadata: ModelMetadata, probabilities: Float32Array, count: number): HostScore[] {
  const heads = metadata.architecture.heads;
  const out: HostScore[] = new Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    const row: number[] = new Array(heads.length);
    for (let h = 0; h < heads.length; h++) {
      row[h] = probabilities[i * heads.length + h]!;
      if (row[h]! > row[best]!) best = h;
    }
    out[i] = { score: row[best]!, category: heads[best]!, heads: row };
  }
  return out;
}

/** Scores normalised hosts in one call. */
export async function scoreHosts(scorer: Scorer, hosts: readonly string[]): Promise<HostScore[]> {
  if (hosts.length === 0) return [];
  return toHostScores(scorer.metadata, await scorer.predict(hosts), hosts.length);
}
