/**
 * `snowman train --arch seed-heads+ngram+ngram-parts` and friends: a registry CNN and n-gram
 * models trained on the same split, blended head by head with fixed weights
 * (src/core/ngram/blend.ts). The model directory holds the CNN files plus one .bin per n-gram
 * member, and metadata.architecture.ngramBlend tells every loader to blend them, so the thresholds
 * chosen on the blend's validation scores are the ones applied. Every blend also gets the quick
 * check's own small member (quick-member.ts), trained on the same split.
 */
import {
  blendProbabilities,
  ngramOnlyProbabilities,
  type LoadedBlendMember,
  type NgramBlendSpec,
} from '../../core/ngram/blend.js';
import type { ArchEntry, TrainedModel } from '../train/archs.js';
import { CNN_ARCHS } from '../train/cnn-archs.js';
import { QUICK_MEMBER_FILE, trainMemberFile, trainQuickMember } from './quick-member.js';
import type { NgramModelOptions } from './train-model.js';

/** One n-gram member of a blend: how it is trained, the file it ships as, the weight of its logit. */
export interface BlendMemberRecipe {
  readonly name: string;
  readonly recipe: NgramModelOptions;
  readonly file: string;
  readonly weight: number;
}

/** A blend entry for the CNN registered as `cnnArch` with the given n-gram members (named `cnn+member+…` unless `name` is given). */
export function blendArch(
  cnnArch: string,
  members: readonly BlendMemberRecipe[],
  summary: string,
  name = [cnnArch, ...members.map((m) => m.name)].join('+'),
): ArchEntry {
  return {
    name,
    summary,
    async train(train, validation, options): Promise<TrainedModel> {
      const cnnEntry = CNN_ARCHS[cnnArch];
      if (!cnnEntry) throw new Error(`no CNN registered as ${cnnArch}`);
      const cnn = await cnnEntry.train(train, validation, options);
      const trained = members.map((member) => {
        // The n-gram members keep their own epoch count (the CNN's is for the CNN); early stopping keeps their best.
        const settings: NgramModelOptions = { ...member.recipe, seed: options.seed ?? member.recipe.seed };
        return { member, ...trainMemberFile(member.name, train, validation, settings) };
      });
      const quick = trainQuickMember(train, validation, options.seed ?? 1);
      const loaded: LoadedBlendMember[] = trained.map((t) => ({ model: t.model, weight: t.member.weight }));
      const spec: NgramBlendSpec = { members: members.map((m) => ({ file: m.file, weight: m.weight })) };
      return {
        architecture: { ...cnn.architecture, ngramBlend: spec },
        heads: cnn.heads,
        predict: (hosts) => blendProbabilities(cnn.predict(hosts), cnn.heads, loaded, hosts),
        quickPredict: (hosts) => ngramOnlyProbabilities(cnn.heads, [{ model: quick.model, weight: 1 }], hosts),
        quickFiles: [QUICK_MEMBER_FILE],
        modelFiles: async () => ({
          ...(await cnn.modelFiles()),
          ...Object.fromEntries(trained.map((t) => [t.member.file, t.bytes])),
          [QUICK_MEMBER_FILE]: quick.bytes,
        }),
        weightBytes: () => {
          const parts = [cnn.weightBytes(), ...trained.map((t) => t.bytes)];
          const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
          let offset = 0;
          for (const p of parts) {
            out.set(p, offset);
            offset += p.length;
          }
          return out;
        },
        history: cnn.history,
        bestEpoch: cnn.bestEpoch,
        recipe: {
          ...cnn.recipe,
          ngramBlend: {
            cnnWeight: Number((1 - members.reduce((s, m) => s + m.weight, 0)).toFixed(6)),
            members: trained.map((t) => ({ ...t.recipe, file: t.member.file, weight: t.member.weight })),
          },
          quickMember: { ...quick.recipe, file: QUICK_MEMBER_FILE },
        },
      };
    },
  };
}
