/** Background entry (Chrome service worker, Firefox event page): the background on the running browser. */
import { webExtensionPlatform } from '../platform/webext-platform.js';
import { createBackground } from './create-background.js';

createBackground(webExtensionPlatform());
