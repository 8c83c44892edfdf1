/** Warning page, popup and options controls and accessibility in Firefox ESR (puppeteer-core over BiDi). */
import { firefoxLinkBrowser } from './links/firefox-browser.js';
import { defineUiScenarios } from './ui/ui-scenarios.js';

// Firefox resolves only the names declared at launch (network.dns.localDomains): no extra names here.
defineUiScenarios('firefox', firefoxLinkBrowser, { inventedHosts: false });
