/**
 * The shipped scorer as a blend: the char-CNN's head logits averaged with one or more n-gram
 * models' logits, head by head (a one-head n-gram model serves every head), with fixed weights.
 * The result is a Scorer with the CNN's heads, so thresholds, verdicts and caches work unchanged;
 * the thresholds in metadata.json are those of the blend (the trainer chooses them on the blend's
 * validation scores), which is why a blend with a member missing is refused, never run without it.
 */
import type { ModelFileReader } from '../model/file-names.js';
import { MODEL_FILE_NAME, ModelFormatError, type ModelMetadata } from '../model/metadata.js';
import type { Scorer } from '../model/scorer.js';
import { baggedLogits, canScoreBagged } from './bagged.js';
import { decodeNgramModel, NGRAM_FILE_NAME } from './format.js';
import { createBucketBuffer, ngramLogits, sigmoid, type NgramModel } from './model.js';
import { errorText } from '../error-text.js';

/** One n-gram member: its file in the model directory and the weight of its logit. */
export interface NgramBlendMember {
  readonly file: string;
  readonly weight: number;
}

/**
 * Recorded as `metadata.architecture.ngramBlend`: `{members: [{file, weight}, …]}`, or the older
 * one-member form `{file, weight}`. The CNN's weight is 1 − the members' sum.
 */
export interface NgramBlendSpec {
  readonly members: readonly NgramBlendMember[];
}

/** A member decoded, ready to score. */
export interface LoadedBlendMember {
  readonly model: NgramModel;
  readonly weight: number;
}

function invalid(spec: unknown, why: string): ModelFormatError {
  return new ModelFormatError(`metadata.json architecture.ngramBlend is invalid (${why}): ${JSON.stringify(spec)}`);
}

/** The blend spec of a model, or null for a plain CNN. */
export function ngramBlendOf(metadata: ModelMetadata): NgramBlendSpec | null {
  const spec = (metadata.architecture as { ngramBlend?: unknown }).ngramBlend;
  if (spec === undefined) return null;
  if (typeof spec !== 'object' || spec === null) throw invalid(spec, 'not an object');
  const raw = 'members' in spec ? (spec as { members: unknown }).members : [spec];
  if (!Array.isArray(raw) || raw.length === 0) throw invalid(spec, 'no members');
  const members = raw.map((m: Partial<NgramBlendMember> | null): NgramBlendMember => {
    // The file name is read from the extension package or a model directory: no paths.
    if (typeof m !== 'object' || m === null || typeof m.file !== 'string' || !MODEL_FILE_NAME.test(m.file))
      throw invalid(spec, 'a member needs a plain file name');
    if (!(typeof m.weight === 'number' && m.weight > 0 && m.weight < 1))
      throw invalid(spec, 'a weight must be between 0 and 1');
    return { file: m.file, weight: m.weight };
  });
  const total = members.reduce((s, m) => s + m.weight, 0);
  if (!(total < 1)) throw invalid(spec, 'the members leave the CNN no weight');
  if (new Set(members.map((m) => m.file)).size !== members.length) throw invalid(spec, 'a file appears twice');
  return { members };
}

/** The model files a blend needs beyond the CNN's own (for packaging and checks). */
export function ngramBlendFiles(metadata: ModelMetadata): string[] {
  return ngramBlendOf(metadata)?.members.map((m) => m.file) ?? [];
}

/** For each CNN head, the n-gram head that joins it: the same category, else the n-gram's first head. */
export function headMapping(cnnHeads: readonly string[], ngram: NgramModel): number[] {
  return cnnHeads.map((head) =>
    Math.max(
      0,
      ngram.heads.findIndex((h) => h.category === head),
    ),
  );
}

/** An n-gram model's logits `z` [hosts × its heads] laid out as the CNN's heads, [hosts × cnnHeads] (see headMapping). */
function asCnnHeads(model: NgramModel, cnnHeads: readonly string[], z: Float32Array, hosts: number): Float32Array {
  const map = headMapping(cnnHeads, model);
  const width = model.heads.length;
  const out = new Float32Array(hosts * cnnHeads.length);
  for (let i = 0; i < hosts; i++)
    for (let h = 0; h < cnnHeads.length; h++) out[i * cnnHeads.length + h] = z[i * width + map[h]!]!;
  return out;
}

/** An n-gram model's logits laid out as the CNN's heads, [hosts × cnnHeads] (see headMapping). */
export function ngramHeadLogits(
  model: NgramModel,
  cnnHeads: readonly string[],
  hosts: readonly string[],
  buckets?: Uint32Array,
): Float32Array {
  return asCnnHeads(model, cnnHeads, ngramLogits(model, hosts, buckets), hosts.length);
}

/** Adds each member's weight × logits to `z` [hosts × cnnHeads]. */
function addMemberLogits(
  z: Float64Array,
  cnnHeads: readonly string[],
  members: readonly LoadedBlendMember[],
  hosts: readonly string[],
  buckets?: readonly Uint32Array[],
): void {
  // Bagged members (the same n-grams under other hash seeds) share one walk over each name.
  const group = baggedGroup(members.map((m) => m.model));
  const bagged =
    group.length > 0
      ? baggedLogits(
          group.map((j) => members[j]!.model),
          hosts,
        )
      : [];
  members.forEach((member, j) => {
    const at = group.indexOf(j);
    const logits =
      at >= 0
        ? asCnnHeads(member.model, cnnHeads, bagged[at]!, hosts.length)
        : ngramHeadLogits(member.model, cnnHeads, hosts, buckets?.[j]);
    for (let k = 0; k < z.length; k++) z[k] = z[k]! + member.weight * logits[k]!;
  });
}

/** Blends CNN head probabilities [n × heads] with the members' logits for the same hosts; returns probabilities. */
export function blendProbabilities(
  cnn: Float32Array,
  cnnHeads: readonly string[],
  members: readonly LoadedBlendMember[],
  hosts: readonly string[],
  buckets?: readonly Uint32Array[],
): Float32Array {
  const cnnWeight = 1 - members.reduce((s, m) => s + m.weight, 0);
  const z = new Float64Array(cnn.length);
  for (let i = 0; i < cnn.length; i++) {
    const p = Math.min(Math.max(cnn[i]!, 1e-7), 1 - 1e-7);
    z[i] = cnnWeight * Math.log(p / (1 - p));
  }
  addMemberLogits(z, cnnHeads, members, hosts, buckets);
  return Float32Array.from(z, sigmoid);
}

/**
 * The members without the CNN, their weights scaled to sum to one, as probabilities laid out as
 * the CNN's heads: the quick check's scores (quick-check.ts), plain TypeScript with no tfjs.
 */
export function ngramOnlyProbabilities(
  cnnHeads: readonly string[],
  members: readonly LoadedBlendMember[],
  hosts: readonly string[],
  buckets?: readonly Uint32Array[],
): Float32Array {
  const total = members.reduce((s, m) => s + m.weight, 0);
  const z = new Float64Array(hosts.length * cnnHeads.length);
  addMemberLogits(
    z,
    cnnHeads,
    members.map((m) => ({ model: m.model, weight: m.weight / total })),
    hosts,
    buckets,
  );
  return Float32Array.from(z, sigmoid);
}

/**
 * Indices of the members that can share one walk (canScoreBagged with the first such member),
 * or none: a blend of bagged n-grams plus a structure-token member bags the n-grams and scores
 * the other on its own.
 */
export function baggedGroup(models: readonly NgramModel[]): number[] {
  for (let first = 0; first < models.length; first++) {
    const group = models.flatMap((m, j) => (j >= first && canScoreBagged([models[first]!, m]) ? [j] : []));
    if (group.length >= 2) return group;
  }
  return [];
}

/** Wraps a CNN scorer with n-gram members; other members of the scorer (explain, …) pass through. */
export function blendWithNgrams<S extends Scorer>(scorer: S, members: readonly LoadedBlendMember[]): S {
  const heads = scorer.metadata.architecture.heads;
  // Bagged members share one walk (bagged.ts); the others each need a bucket buffer.
  const buckets = members.map((m) => createBucketBuffer(m.model));
  return {
    ...scorer,
    engine: `${scorer.engine}+ngram`,
    async predict(hosts: readonly string[]) {
      return blendProbabilities(await scorer.predict(hosts), heads, members, hosts, buckets);
    },
    dispose: () => scorer.dispose(),
  };
}

/** Reads and decodes a blend's members; a missing or corrupt member is a ModelFormatError naming its file and `role`. */
export async function readBlendMembers(
  read: ModelFileReader,
  spec: NgramBlendSpec,
  role = 'the model blends in',
): Promise<LoadedBlendMember[]> {
  return Promise.all(
    spec.members.map(async ({ file, weight }) => {
      let bytes: Uint8Array;
      try {
        bytes = await read(file);
      } catch (error) {
        throw new ModelFormatError(`${role} ${file}, which cannot be read: ${errorText(error)}`);
      }
      try {
        return { model: decodeNgramModel(bytes).model, weight };
      } catch (error) {
        throw new ModelFormatError(`${role} ${file}, which is not a valid n-gram model: ${errorText(error)}`);
      }
    }),
  );
}

/**
 * Loaders call this after loading the CNN: a blended model gets its n-gram members from the same
 * directory; a plain CNN is returned as it is.
 */
export async function withNgramBlend<S extends Scorer>(read: ModelFileReader, scorer: S): Promise<S> {
  const spec = ngramBlendOf(scorer.metadata);
  if (!spec) return scorer;
  return blendWithNgrams(scorer, await readBlendMembers(read, spec));
}

export { NGRAM_FILE_NAME };
