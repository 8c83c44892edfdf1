/** Warning page, popup and options controls and accessibility in Debian's Chromium (playwright-core). */
import { chromiumLinkBrowser } from './links/browsers.js';
import { defineUiScenarios } from './ui/ui-scenarios.js';

defineUiScenarios('chrome', chromiumLinkBrowser, { inventedHosts: true });
