/** The warning page, popup and options in German, in Debian's Chromium with its UI language German. */
import { chromiumLinkBrowser } from './links/browsers.js';
import { defineGermanScenarios } from './i18n/german-scenarios.js';

defineGermanScenarios('chrome', (dir) => chromiumLinkBrowser(dir, undefined, 'de'));
