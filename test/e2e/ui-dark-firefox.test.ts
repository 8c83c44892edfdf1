/**
 * Accessibility of the warning page, popup and options page in Firefox ESR's dark scheme. BiDi
 * cannot emulate prefers-color-scheme, so this suite launches Firefox with the dark scheme set by
 * preference; ui-firefox.test.ts covers the light one.
 */
import { firefoxLinkBrowserWith } from './links/firefox-browser.js';
import { defineAccessibilityScenarios } from './ui/ui-scenarios.js';

defineAccessibilityScenarios('firefox', firefoxLinkBrowserWith({ scheme: 'dark' }), 'dark scheme');
