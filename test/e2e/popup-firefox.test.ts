/** The popup in Debian's Firefox ESR (puppeteer-core over WebDriver BiDi). */
import { firefoxLinkBrowser } from './links/firefox-browser.js';
import { definePopupScenarios } from './links/popup-scenarios.js';

definePopupScenarios('firefox', firefoxLinkBrowser);
