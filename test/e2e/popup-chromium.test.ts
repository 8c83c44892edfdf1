/** The popup in Debian's Chromium (playwright-core); this run also saves the README screenshots. */
import { chromiumLinkBrowser } from './links/browsers.js';
import { definePopupScenarios } from './links/popup-scenarios.js';

definePopupScenarios('chrome', chromiumLinkBrowser, { screenshots: true });
