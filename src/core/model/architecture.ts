/**
 * The char-CNN family: the seed configuration and its wider relatives (cli/model/layers-model.ts
 * builds them as tfjs layers models).
 * Layer names are part of the format: the fast engine and the trainer find weights by them.
 */
/** A non-benign class the model has a sigmoid head for. */
export type RiskCategory = 'malicious' | 'dga';
export const RISK_CATEGORIES: readonly RiskCategory[] = ['malicious', 'dga'];

export interface ArchitectureConfig {
  /** Configuration name: `seed` is the original Snowman model. */
  readonly name: string;
  readonly embeddingDim: number;
  /** Conv1D kernel widths, one branch each. */
  readonly widths: readonly number[];
  /** Filters per width. */
  readonly filters: number;
  /** Units of an optional relu layer after pooling; 0 for none. */
  readonly hidden: number;
  readonly dropout: number;
  /** One sigmoid output per head, in this order. `['malicious']` is the seed's single output. */
  readonly heads: readonly RiskCategory[];
  /**
   * `max` (default, the seed): global max pooling per width. `max-mean`: also global average
   * pooling per width (layers mean_w{k}), concatenated after all max pools — the mean counts how
   * often a pattern fires, which max pooling cannot.
   */
  readonly pooling?: 'max' | 'max-mean';
}

/** The seed architecture exactly: embedding 15; Conv1D 2/4/6 × 15 relu; global max pool; concat; dropout; dense sigmoid. */
export const SEED_ARCHITECTURE: ArchitectureConfig = {
  name: 'seed',
  embeddingDim: 15,
  widths: [2, 4, 6],
  filters: 15,
  hidden: 0,
  dropout: 0.5,
  heads: ['malicious'],
};

export const LAYER = {
  embedding: 'embedding',
  conv: (width: number) => `conv_w${width}`,
  pool: (width: number) => `pool_w${width}`,
  meanPool: (width: number) => `mean_w${width}`,
  concat: 'concat',
  dropout: 'dropout',
  hidden: 'hidden',
  output: 'output',
} as const;

/** Throws unless `config` is internally consistent. */
export function validateArchitecture(config: ArchitectureConfig): void {
  const ok =
    typeof config.name === 'string' &&
    Number.isInteger(config.embeddingDim) && config.embeddingDim > 0 &&
    Array.isArray(config.widths) && config.widths.length > 0 && config.widths.every((w) => Number.isInteger(w) && w > 0 && w <= 16) &&
    Number.isInteger(config.filters) && config.filters > 0 &&
    Number.isInteger(config.hidden) && config.hidden >= 0 &&
    typeof config.dropout === 'number' && config.dropout >= 0 && config.dropout < 1 &&
    Array.isArray(config.heads) && config.heads.length > 0 && config.heads.every((h) => RISK_CATEGORIES.includes(h)) &&
    (config.pooling === undefined || config.pooling === 'max' || config.pooling === 'max-mean');
  if (!ok) throw new Error(`invalid model architecture: ${JSON.stringify(config)}`);
}
