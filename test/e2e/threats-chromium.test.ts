/** The packaged threat list in Debian's Chromium: static DNR rules stop listed names with the worker stopped. */
import { chromiumUnderTest } from './harness/chromium.js';
import { defineThreatScenarios } from './harness/threat-scenarios.js';

defineThreatScenarios('chrome', (dir) => chromiumUnderTest(dir));
