/** Link badges in Debian's Firefox ESR (puppeteer-core over WebDriver BiDi). */
import { firefoxLinkBrowser } from './links/firefox-browser.js';
import { defineLinkScenarios } from './links/link-scenarios.js';

defineLinkScenarios('firefox', firefoxLinkBrowser);
