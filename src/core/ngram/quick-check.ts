/**
 * The quick check: n-gram models scored in plain TypeScript, without the CNN. The extension answers
 * navigations with it while the WASM runtime and the CNN start, then the full blend takes over.
 * Its members are the files metadata.json `quickCheck.files` names (a small model of its own, so a
 * starting worker reads little before its first answer), or else the blend's n-gram members with
 * their weights scaled to sum to one. Its scores are not the blend's, so it carries its own
 * thresholds and calibration, chosen on the same validation benign names with the same
 * false-positive budget; a model without them has no quick check.
 */
import type { ModelMetadata, QuickCheckThresholds } from '../model/metadata.js';
import type { Scorer } from '../model/scorer.js';
import {
  ngramBlendOf,
  ngramOnlyProbabilities,
  readBlendMembers,
  type LoadedBlendMember,
  type NgramBlendSpec,
} from './blend.js';
import type { ModelFileReader } from '../model/file-names.js';
import { createBucketBuffer } from './model.js';

/** The engine name a quick scorer reports (the full blend's is `fast+ngram`). */
export const QUICK_ENGINE = 'ngram-quick';

/** The quick check's thresholds of a model, or null when it ships none. */
export function quickCheckOf(metadata: ModelMetadata): QuickCheckThresholds | null {
  return metadata.quickCheck ?? null;
}

/** The members the quick check scores with: its own files (equal weights) when it names any, else the blend's. */
export function quickMembersOf(metadata: ModelMetadata): NgramBlendSpec | null {
  const files = metadata.quickCheck?.files;
  if (!files || !hasOwnQuickMembers(metadata)) return ngramBlendOf(metadata);
  return { members: files.map((file) => ({ file, weight: 1 / files.length })) };
}

/** Whether the quick check has members of its own, apart from the blend's. */
export function hasOwnQuickMembers(metadata: ModelMetadata): boolean {
  return (metadata.quickCheck?.files?.length ?? 0) > 0;
}

/** Reads and decodes the quick check's members (none for a model without them); a bad file is a ModelFormatError. */
export async function readQuickMembers(read: ModelFileReader, metadata: ModelMetadata): Promise<LoadedBlendMember[]> {
  const spec = quickMembersOf(metadata);
  if (!spec) return [];
  return readBlendMembers(read, spec, hasOwnQuickMembers(metadata) ? 'the quick check scores with' : undefined);
}

/**
 * The metadata the quick scorer decides with: the model's, with the quick check's thresholds and
 * calibration, and a version of its own so its scores are never cached as the full model's.
 */
export function quickMetadata(metadata: ModelMetadata, quick: QuickCheckThresholds): ModelMetadata {
  return {
    ...metadata,
    version: `${metadata.version}+quick`,
    thresholds: quick.thresholds,
    calibration: quick.calibration,
  };
}

/** A Scorer over the members alone; null when the model has no quick-check thresholds or no members. */
export function createQuickScorer(metadata: ModelMetadata, members: readonly LoadedBlendMember[]): Scorer | null {
  const quick = quickCheckOf(metadata);
  if (!quick || members.length === 0) return null;
  const heads = metadata.architecture.heads;
  const buckets = members.map((m) => createBucketBuffer(m.model));
  return {
    metadata: quickMetadata(metadata, quick),
    backend: 'js',
    engine: QUICK_ENGINE,
    predict: async (hosts) => ngramOnlyProbabilities(heads, members, hosts, buckets),
    dispose: () => {},
  };
}
