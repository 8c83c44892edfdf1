/**
 * A model directory read whole: the CNN's files and, for a blend, its n-gram members. Apart from
 * files.ts, which the extension's lazily evaluated engine bundles, so that bundle stays free of the
 * n-gram code (the background blends on its own side).
 */
import { readModelBundle, type ModelBundle, type ModelFileReader } from './files.js';
import { ngramBlendOf, readBlendMembers, type LoadedBlendMember } from '../ngram/blend.js';

/** A model directory read and decoded: the CNN's bundle and, for a blend, its n-gram members. */
export interface LoadedModelFiles {
  readonly bundle: ModelBundle;
  readonly members: readonly LoadedBlendMember[];
}

/**
 * Reads the CNN files and then the members its metadata names (none for a plain CNN), unless the
 * caller has them already (`members`, read for the quick check from the same metadata).
 */
export async function readModelFiles(
  read: ModelFileReader,
  members?: Promise<readonly LoadedBlendMember[]>,
): Promise<LoadedModelFiles> {
  const bundle = await readModelBundle(read);
  const spec = ngramBlendOf(bundle.metadata);
  if (!spec) return { bundle, members: [] };
  return { bundle, members: members ? await members : await readBlendMembers(read, spec) };
}

