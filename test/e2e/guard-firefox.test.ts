/** The guard's hostile and edge cases in Debian's Firefox ESR (puppeteer-core over WebDriver BiDi). */
import { firefoxUnderTest } from './harness/firefox.js';
import { allHosts, type Launcher } from './harness/scenarios.js';
import { defineGuardScenarios } from './guard/guard-scenarios.js';

const launch: Launcher = (dir, names, server) =>
  firefoxUnderTest(dir, {
    hosts: allHosts(names),
    httpPage: server.url(names.benign[0]!, '/blank'),
    idleTimeoutMs: 2000,
  });

defineGuardScenarios('firefox', launch);
