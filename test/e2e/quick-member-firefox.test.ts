/**
 * Firefox ESR: a starting background reads the quick check's own member with the start's metadata
 * and the lookalike tables, and has its quick check ready before the model.
 */
import { describe, expect, it } from 'vitest';
import { launchFirefox } from './harness/firefox.js';
import { allHosts, launchForSuite } from './harness/scenarios.js';

describe('the quick member in Firefox', () => {
  const suite = launchForSuite('firefox', (dir, names, server) =>
    launchFirefox(dir, { hosts: allHosts(names), httpPage: server.url(names.benign[0]!, '/blank') }),
  );

  it('gives a quick check ready before the model', async () => {
    await suite.browser.ready();
    const { stagesMs } = await suite.browser.call('get-metrics', {});
    expect(Object.keys(stagesMs)).toEqual(
      expect.arrayContaining(['metadata parsed', 'lookalike tables bytes read', 'quick check ready']),
    );
    expect(stagesMs['quick check ready']!).toBeLessThan(stagesMs['model loaded'] ?? Number.POSITIVE_INFINITY);
  }, 120_000);
});
