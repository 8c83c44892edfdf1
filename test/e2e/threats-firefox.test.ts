/** The packaged threat list in Firefox ESR: the blocking webRequest guard stops listed names before the model loads. */
import { firefoxUnderTest } from './harness/firefox.js';
import { defineThreatScenarios } from './harness/threat-scenarios.js';

defineThreatScenarios('firefox', (dir, hosts, server) =>
  firefoxUnderTest(dir, { hosts, httpPage: server.url('plain-start-page.example.org', '/blank'), idleTimeoutMs: 2000 }),
);
