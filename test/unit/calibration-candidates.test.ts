import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/cli/data/labelled-files.js';
import type { CandidateModel, TrainedCandidate } from '../../src/cli/generalisation/candidate.js';
import { withoutCalibrationHoldout } from '../../src/cli/generalisation/calibration-candidates.js';
import { MODEL_REGISTRY } from '../../src/cli/generalisation/registry.js';
import { holdOutCalibration } from '../../src/cli/train/calibration-holdout.js';

function ex(host: string, label: Example['label'], source: string): Example {
  return { host, label, source, group: host.split('.').slice(-2).join('.') };
}

const train: Example[] = [
  ...Array.from({ length: 1_000 }, (_, i) => ex(`site${i}.com`, 'benign', 'benign-top')),
  ...Array.from({ length: 200 }, (_, i) => ex(`shop${i}.net`, 'benign', 'benign-tail')),
  ...Array.from({ length: 300 }, (_, i) => ex(`xk${i}q.org`, 'dga', 'dga-x')),
];
const validation: Example[] = [ex('valid.com', 'benign', 'benign-top'), ex('qzx.org', 'dga', 'dga-x')];

/** A candidate that records what it was trained on. */
function recorder(): { model: CandidateModel; seen: { train: readonly Example[]; validation: readonly Example[] }[] } {
  const seen: { train: readonly Example[]; validation: readonly Example[] }[] = [];
  const trained: TrainedCandidate = {
    categories: ['malicious'],
    headLogits: async (hosts) => [new Float32Array(hosts.length)],
    decide: (heads) => heads[0]!,
  };
  return {
    seen,
    model: {
      name: 'rec',
      description: 'records its training names',
      async train(t, v) {
        seen.push({ train: t, validation: v });
        return trained;
      },
    },
  };
}

describe('withoutCalibrationHoldout', () => {
  it('trains its base without the hold-out the trainer would keep for calibration, validation untouched', async () => {
    const { model, seen } = recorder();
    const wrapped = withoutCalibrationHoldout(model, 0.1);
    expect(wrapped.name).toBe('rec-cal');
    await wrapped.train(train, validation, { seed: 1, epochs: 1, log: () => {} });
    const { calibration } = holdOutCalibration(train, 0.1, 1);
    const held = new Set(calibration.map((e) => e.group));
    expect(held.size).toBe(120);
    expect(seen[0]!.train.filter((e) => held.has(e.group))).toEqual([]);
    expect(seen[0]!.train.length).toBe(train.length - 120);
    expect(seen[0]!.train.filter((e) => e.label === 'dga').length).toBe(300);
    expect(seen[0]!.validation).toBe(validation);
  });

  it('is registered for the CNN and the lure-trained members, and as the end-to-end blend', () => {
    for (const name of ['compact-cal', 'ngram-n6-lures5k-cal', 'ngram-n6-hash3-lures-cal'])
      expect(MODEL_REGISTRY.get(name)?.kind).toBe('candidate');
    const blend = MODEL_REGISTRY.get('shipped-lures5k-cal');
    expect(blend?.kind === 'ensemble' && blend.members).toEqual([
      'compact-cal',
      'ngram-n6-lures5k-cal',
      'ngram-n6-hash2-lures5k-cal',
      'ngram-n6-hash3-lures5k-cal',
    ]);
  });
});
