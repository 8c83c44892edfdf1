/**
 * The domain-adversarial head: its own weights descend its cross-entropy, the weights it shares
 * with the verdict heads receive that gradient times −λ (finite differences), λ = 0 is the plain
 * recipe bit for bit, and nothing of it reaches the exported model.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { listDataFiles, readLabelledFiles, type Example } from '../../src/cli/data/labelled-files.js';
import { splitByGroup } from '../../src/cli/data/split.js';
import { serializeLayersModel } from '../../src/cli/model/layers-files.js';
import { reversalAt } from '../../src/cli/train/adversary-head.js';
import { allocateBatch, type Batch } from '../../src/cli/train/batch.js';
import { encodeRows } from '../../src/cli/train/encoded-names.js';
import { trainCnn } from '../../src/cli/train/index.js';
import { createParamLayout, type AdversarySpec, type ParamLayout } from '../../src/cli/train/param-layout.js';
import { sourceClasses } from '../../src/cli/train/source-classes.js';
import { batchGradients } from '../../src/cli/train/step-engine.js';
import { SEED_ARCHITECTURE, type ArchitectureConfig } from '../../src/core/model/architecture.js';
import { createRng } from '../../src/core/rng.js';
import { createTokenizer, DEFAULT_TOKENIZER } from '../../src/core/tokenizer.js';

const SMALL: ArchitectureConfig = {
  name: 'adversary-test',
  embeddingDim: 4,
  widths: [2, 3],
  filters: 5,
  hidden: 6,
  dropout: 0.3,
  heads: ['malicious', 'dga'],
};
const SPEC: AdversarySpec = { hidden: 7, groups: [2, 3] };
const NAMES = ['google.com', 'xjw9qk2mz8vfh3lp.com', 'paypal-verify.xyz', 'a.b', 'qqqq.net', 'mail.example.org'];
/**
 * Names that fill every window: where padding windows tie at the max, the trainer feeds each of
 * them the gradient as tfjs does (a subgradient, not the derivative a finite difference sees).
 */
const FULL_NAMES = NAMES.map((_, i) => {
  const rng = createRng(100 + i);
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789-.';
  return Array.from({ length: DEFAULT_TOKENIZER.maxLength + 3 }, () => chars[rng.nextInt(chars.length)]).join('');
});
const TWO_HEADS = { ...SEED_ARCHITECTURE, heads: ['malicious', 'dga'] as const };
const FIXTURE = fileURLToPath(new URL('../fixtures/train-small/', import.meta.url));

function smallBatch(layout: ParamLayout, lambda: number, names = NAMES): Batch {
  const batch = allocateBatch(layout.shape, names.length);
  const rows = encodeRows(createTokenizer(DEFAULT_TOKENIZER), names);
  batch.ids.set(rows.ids);
  batch.lengths.set(rows.lengths);
  batch.targets.set([0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0]);
  // The fourth sample trains no verdict head: only the adversary's gradient reaches its features.
  batch.weights.set([1.5, 0.5, 1, 2, 0.7, 0, 0, 0, 1, 1, 0.3, 0.3]);
  batch.domains.set([0, 4, 2, 3, -1, 1]);
  batch.reversal[0] = lambda;
  return batch;
}

function randomParams(layout: ParamLayout, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: layout.total }, () => (rng.nextFloat() - 0.5) * 1.2);
}

describe('adversary gradients', () => {
  const layout = createParamLayout(SMALL, DEFAULT_TOKENIZER, SPEC);
  const lambda = 0.7;
  const params = randomParams(layout, 11);
  const batch = smallBatch(layout, lambda, FULL_NAMES);
  const size = FULL_NAMES.length;
  const at = (p: Float32Array) => {
    const { loss, adversaryLoss } = batchGradients(layout, p, batch, size, false);
    return { loss, adversaryLoss };
  };
  const { grads, adversaryLoss } = batchGradients(layout, params, batch, size, false);

  /** Central difference of `objective` in weight k (float64 loss sums over float32 weights). */
  function difference(k: number, objective: (l: { loss: number; adversaryLoss: number }) => number): number {
    const h = 1e-3;
    const p = Float32Array.from(params);
    p[k] = params[k]! + h;
    const high = p[k]!; // the step as float32 holds it
    const up = objective(at(p));
    p[k] = params[k]! - h;
    const down = objective(at(p));
    return (up - down) / (high - p[k]!);
  }
  const check = (k: number, objective: (l: { loss: number; adversaryLoss: number }) => number) => {
    const fd = difference(k, objective);
    expect(Math.abs(fd - grads[k]!), `weight ${k}: finite difference ${fd}, gradient ${grads[k]}`).toBeLessThan(
      2e-3 + 0.03 * Math.abs(fd),
    );
  };

  it('has a cross-entropy within each label group', () => {
    expect(adversaryLoss).toBeGreaterThan(0);
    expect(layout.total - layout.exported).toBe(
      SMALL.widths.length * SMALL.filters * SPEC.hidden + SPEC.hidden + SPEC.hidden * 5 + 5,
    );
  });

  it("descends its own cross-entropy in the adversary's weights", () => {
    const a = layout.adversary!;
    const ks = [a.hiddenKernel, a.hiddenBias, a.outputKernel, a.outputBias].flatMap((slot) =>
      [0, 1, 3, slot.size - 1].map((i) => slot.offset + Math.min(i, slot.size - 1)),
    );
    for (const k of ks) check(k, (l) => l.adversaryLoss);
  });

  it('gives the shared weights the verdict gradient minus λ times the adversary gradient', () => {
    const ks = [
      layout.convBiases[0]!.offset,
      layout.convBiases[1]!.offset + 2,
      layout.convKernels[0]!.offset + 3,
      layout.convKernels[1]!.offset + 17,
      layout.embedding.offset + 4 * 3 + 1,
      layout.embedding.offset + 4 * 20 + 2,
    ];
    let adversaryMatters = 0;
    for (const k of ks) {
      check(k, (l) => l.loss - lambda * l.adversaryLoss);
      // Without the reversed term the gradient would be the verdict's alone: it must differ here.
      if (Math.abs(difference(k, (l) => l.loss) - grads[k]!) > 5e-3) adversaryMatters++;
    }
    expect(adversaryMatters).toBeGreaterThanOrEqual(3);
  });

  it('leaves the verdict layers to the verdict loss', () => {
    for (const k of [layout.outputBias.offset, layout.hiddenKernel!.offset + 5, layout.outputKernel.offset + 1])
      check(k, (l) => l.loss);
  });
});

describe('λ = 0', () => {
  it("gives the plain recipe's loss and gradients bit for bit", () => {
    const withAdversary = createParamLayout(SMALL, DEFAULT_TOKENIZER, SPEC);
    const plain = createParamLayout(SMALL, DEFAULT_TOKENIZER);
    const params = randomParams(withAdversary, 5);
    const a = batchGradients(withAdversary, params, smallBatch(withAdversary, 0), NAMES.length, true);
    const plainBatch = smallBatch(plain, 0);
    plainBatch.domains.fill(-1);
    const b = batchGradients(plain, params.slice(0, plain.total), plainBatch, NAMES.length, true);
    expect(a.adversaryLoss).toBeGreaterThan(0);
    expect(a.loss).toBe(b.loss);
    expect(Array.from(a.grads.subarray(0, plain.total))).toEqual(Array.from(b.grads));
  });
});

describe('schedule and classes', () => {
  it('ramps λ from 0 to its maximum as 2/(1+e^(−10p))−1', () => {
    expect(reversalAt(0.5, 0)).toBe(0);
    expect(reversalAt(1, 0.5)).toBeCloseTo(2 / (1 + Math.exp(-5)) - 1, 12);
    expect(reversalAt(0.5, 1)).toBeCloseTo(0.49998, 4);
  });

  it("numbers each label's sources together and leaves out a label with one source", () => {
    const ex = (label: Example['label'], source: string): Example => ({ host: 'x.com', label, source, group: 'x.com' });
    const examples = [
      ex('dga', 'dga-b'),
      ex('benign', 'benign-only'),
      ex('malicious', 'm2'),
      ex('dga', 'dga-a'),
      ex('malicious', 'm1'),
    ];
    const classes = sourceClasses(examples);
    expect(classes.groups).toEqual([2, 2]);
    expect(classes.names).toEqual(['m1', 'm2', 'dga-a', 'dga-b']);
    expect(Array.from(classes.classOf)).toEqual([3, -1, 1, 2, 0]);
    expect(Array.from(sourceClasses(examples, ['malicious']).classOf)).toEqual([-1, -1, 1, -1, 0]);
  });
});

describe('trainer with an adversary', () => {
  let train: Example[] = [];
  let validation: Example[] = [];
  beforeAll(async () => {
    const examples = (await readLabelledFiles((await listDataFiles(FIXTURE)).map((p) => ({ path: p })))).examples;
    ({ train, validation } = splitByGroup(examples, { validation: 0.15, test: 0 }, 3));
  });
  const options = {
    architecture: TWO_HEADS,
    epochs: 1,
    batchSize: 32,
    seed: 9,
    weighting: { headMode: 'nested' as const, sourcePower: 1 },
    augmentation: { benignPrefixRate: 0.2 },
  };

  it('exports the plain model: same files, same layout, no adversary weights', async () => {
    const plain = await trainCnn(train, validation, options);
    const dann = await trainCnn(train, validation, { ...options, adversary: { lambda: 1 } });
    expect(dann.history[0]!.adversaryLoss).toBeGreaterThan(0);
    expect(dann.model.params.length).toBe(plain.model.params.length);
    expect(dann.model.params).not.toEqual(plain.model.params);
    const files = async (params: typeof plain) => {
      const model = params.model.toLayersModel();
      try {
        return await serializeLayersModel(model);
      } finally {
        model.dispose();
      }
    };
    const [a, b] = [await files(plain), await files(dann)];
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const name of Object.keys(a)) {
      expect(b[name]!.byteLength, name).toBe(a[name]!.byteLength);
      if (name.endsWith('.json')) expect(new TextDecoder().decode(b[name])).toBe(new TextDecoder().decode(a[name]));
    }
  });

  it('trains the plain recipe exactly at λ = 0, and sums the adversary across threads', async () => {
    const plain = await trainCnn(train, validation, options);
    const zero = await trainCnn(train, validation, { ...options, adversary: { lambda: 0 } });
    expect(Array.from(zero.model.params)).toEqual(Array.from(plain.model.params));
    const one = await trainCnn(train, validation, { ...options, adversary: { lambda: 1 } });
    const two = await trainCnn(train, validation, { ...options, adversary: { lambda: 1 }, threads: 2 });
    expect(two.history[0]!.adversaryLoss).toBeCloseTo(one.history[0]!.adversaryLoss!, 3);
    let worst = 0;
    for (let i = 0; i < one.model.params.length; i++)
      worst = Math.max(worst, Math.abs(one.model.params[i]! - two.model.params[i]!));
    expect(worst).toBeLessThan(1e-3);
  });
});
