/** The extension in Debian's Chromium (playwright-core): every issue-3 scenario. */
import { chromiumUnderTest } from './harness/chromium.js';
import { defineExtensionScenarios } from './harness/scenarios.js';

defineExtensionScenarios('chrome', (dir) => chromiumUnderTest(dir));
