/** The guard's hostile and edge cases in Debian's Chromium (playwright-core). */
import { chromiumUnderTest } from './harness/chromium.js';
import { defineGuardScenarios } from './guard/guard-scenarios.js';

defineGuardScenarios('chrome', (dir) => chromiumUnderTest(dir));
