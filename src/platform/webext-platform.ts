/**
 * The background's platform in a real browser, on webextension-polyfill: one promise-based
 * `browser` in Chrome and Firefox (in Firefox the polyfill is the native object itself).
 */
import type { Browser } from 'webextension-polyfill';
import type { BackgroundPlatform } from './background-api.js';
import { createToolbar } from './action.js';
import { backgroundMessages } from './messaging.js';
import { navigationEvents, tabOperations } from './navigation.js';
import { netRules } from './net-rules.js';
import { earlyReadsSource, packageFileReader } from './package-files.js';
import { storageAreas } from './storage.js';
import { blockingRequests } from './web-request.js';

declare const require: (id: 'webextension-polyfill') => Browser;
/**
 * Required rather than imported: the bundler turns a default import of a CommonJS module into a
 * copy of every property of its exports, and where the browser has a `browser` namespace of its
 * own the polyfill exports that object, whose extension APIs are each built on first access: the
 * copy built all of them (~10 ms of a starting worker's evaluation, before its first listener).
 */
const browser = require('webextension-polyfill');

/** The running browser as the background's platform (Firefox: blocking webRequest; Chrome: DNR rules). */
export function webExtensionPlatform(): BackgroundPlatform {
  const url = (path: string): string => browser.runtime.getURL(path);
  return {
    extension: {
      id: browser.runtime.id,
      origin: url(''),
      url,
      read: packageFileReader(url),
      startFilesSource: earlyReadsSource(),
      wasmDirectory: url('wasm/'),
      onInstalled: (listener) => browser.runtime.onInstalled.addListener((details) => listener(details.reason)),
    },
    tabs: tabOperations(browser),
    navigation: navigationEvents(browser),
    requests: __FIREFOX__ ? blockingRequests(browser) : null,
    storage: storageAreas(browser),
    rules: __FIREFOX__ ? null : netRules(browser),
    toolbar: createToolbar(browser),
    messages: backgroundMessages(browser),
  };
}
