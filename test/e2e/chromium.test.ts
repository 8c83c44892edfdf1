/** The extension in Debian's Chromium (playwright-core): every extension scenario, then a build whose model cannot load. */
import { chromiumUnderTest } from './harness/chromium.js';
import { defineBrokenModelScenario, defineExtensionScenarios } from './harness/scenarios.js';

defineExtensionScenarios('chrome', (dir) => chromiumUnderTest(dir));
defineBrokenModelScenario('chrome', (dir) => chromiumUnderTest(dir));
