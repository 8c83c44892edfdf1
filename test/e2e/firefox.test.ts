/** The extension in Debian's Firefox ESR (puppeteer-core over WebDriver BiDi): every issue-3 scenario. */
import { firefoxUnderTest } from './harness/firefox.js';
import { allHosts, defineExtensionScenarios } from './harness/scenarios.js';

// A 2 s idle timeout makes Firefox suspend the event page between steps, as it does after 30 s in use.
defineExtensionScenarios('firefox', (dir, names, server) => firefoxUnderTest(dir, { hosts: allHosts(names), httpPage: server.url(names.benign[0]!, '/blank'), idleTimeoutMs: 2000 }));
