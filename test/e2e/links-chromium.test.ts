/** Link badges in Debian's Chromium (playwright-core). */
import { chromiumLinkBrowser } from './links/browsers.js';
import { defineLinkScenarios } from './links/link-scenarios.js';

defineLinkScenarios('chrome', chromiumLinkBrowser);
