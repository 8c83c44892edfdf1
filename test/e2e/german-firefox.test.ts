/** The warning page, popup and options in German, in Firefox ESR with its UI language German. */
import { firefoxLinkBrowserWith } from './links/firefox-browser.js';
import { defineGermanScenarios } from './i18n/german-scenarios.js';

defineGermanScenarios('firefox', firefoxLinkBrowserWith({ language: 'de' }));
