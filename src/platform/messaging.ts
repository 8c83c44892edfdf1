/** runtime messaging: the background's listener and the pages' transport for core/messages. */
import type { Browser, Runtime } from 'webextension-polyfill';
import type { Message, SenderInfo } from '../core/messages.js';
import type { Messages } from './background-api.js';
import { ext } from './browser.js';

function senderInfo(sender: Runtime.MessageSender): SenderInfo {
  return { id: sender.id, url: sender.url, tabId: sender.tab?.id, frameId: sender.frameId };
}

/**
 * The background's side over webextension-polyfill's `browser`, whose onMessage sends the
 * listener's resolved promise as the reply in both browsers.
 */
export function backgroundMessages(browser: Browser): Messages {
  return {
    listen(dispatch) {
      browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
        dispatch(message, senderInfo(sender)),
      );
    },
  };
}

/** The transport the page-side facades give `request()`. */
export function sendToBackground(message: Message): Promise<unknown> {
  return ext().runtime.sendMessage(message);
}
