/** The popup in Debian's Chromium (playwright-core). */
import { chromiumLinkBrowser } from './links/browsers.js';
import { definePopupScenarios } from './links/popup-scenarios.js';

definePopupScenarios('chrome', chromiumLinkBrowser);
