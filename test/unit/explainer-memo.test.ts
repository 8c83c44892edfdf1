import { describe, expect, it } from 'vitest';
import { createExplainer } from '../../src/background/explainer.js';
import { diskModelReader } from '../../src/cli/model-dir.js';
import { parseDomain, type ScorableHost } from '../../src/core/domain.js';
import { readModelBundle } from '../../src/core/model/files.js';
import { readModelFiles } from '../../src/core/model/model-files.js';

const parsed = (name: string): ScorableHost => {
  const p = parseDomain(name);
  if (!p.ok) throw new Error(name);
  return p;
};

describe('background explainer', () => {
  it('works a name out once per head and answers it from memory afterwards', async () => {
    let reads = 0;
    const disk = diskModelReader();
    const explainer = createExplainer(
      () => readModelFiles((file) => (reads++, disk(file))),
      (error) => {
        throw error;
      },
    );
    const heads = (await readModelBundle(disk)).metadata.architecture.heads;
    const name = parsed('www.qxzvbkwtrpl-login.com');
    const first = await explainer.explain(name, heads[0] as never);
    const again = await explainer.explain(parsed('www.qxzvbkwtrpl-login.com'), heads[0] as never);
    expect(again).toBe(first);
    for (const span of first) expect(span.end).toBeLessThanOrEqual(name.displayHost.length);
    // Another name is its own entry; the weights were read once.
    const other = await explainer.explain(parsed('qxzvbkwtrpl-login.com'), heads[0] as never);
    expect(other).not.toBe(first);
    const readsAfter = reads;
    await explainer.preload([parsed('warm-up-name.com')]);
    expect(reads).toBe(readsAfter);
  });
});
