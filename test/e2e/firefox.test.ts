/** The extension in Debian's Firefox ESR (puppeteer-core over WebDriver BiDi): every extension scenario, then a build whose model cannot load. */
import { firefoxUnderTest } from './harness/firefox.js';
import { allHosts, defineBrokenModelScenario, defineExtensionScenarios, type Launcher } from './harness/scenarios.js';

// A 2 s idle timeout makes Firefox suspend the event page between steps, as it does after 30 s in use.
const launch: Launcher = (dir, names, server) =>
  firefoxUnderTest(dir, {
    hosts: allHosts(names),
    httpPage: server.url(names.benign[0]!, '/blank'),
    idleTimeoutMs: 2000,
  });

defineExtensionScenarios('firefox', launch);
defineBrokenModelScenario('firefox', launch);
