/**
 * Firefox ESR reads the files the build packs with gzip for a starting background (the start's
 * metadata, the lookalike tables, the quick check's member): inflated, they give a quick check
 * ready before the model (a member it could not inflate would leave it without one).
 */
import { describe, expect, it } from 'vitest';
import { launchFirefox } from './harness/firefox.js';
import { allHosts, launchForSuite } from './harness/scenarios.js';

describe('packed start files in Firefox', () => {
  const suite = launchForSuite('firefox', (dir, names, server) =>
    launchFirefox(dir, { hosts: allHosts(names), httpPage: server.url(names.benign[0]!, '/blank') }),
  );

  it('are inflated: the quick check is ready before the model', async () => {
    await suite.browser.ready();
    const { stagesMs } = await suite.browser.call('get-metrics', {});
    expect(Object.keys(stagesMs)).toEqual(
      expect.arrayContaining(['metadata parsed', 'lookalike tables bytes read', 'quick check ready']),
    );
    expect(stagesMs['quick check ready']!).toBeLessThan(stagesMs['model loaded'] ?? Number.POSITIVE_INFINITY);
  }, 120_000);
});
