/** runtime messaging: the background's listener and the pages' transport for core/messages. */
import type { Runtime } from 'webextension-polyfill';
import type { Envelope, Message, SenderInfo } from '../core/messages.js';
import { ext } from './browser.js';

type Dispatch = (message: unknown, sender: SenderInfo) => Promise<Envelope<unknown>>;

function senderInfo(sender: Runtime.MessageSender): SenderInfo {
  return { id: sender.id, url: sender.url, tabId: sender.tab?.id, frameId: sender.frameId };
}

/** Registers the background's message listener (call at top level). */
export function listenForMessages(dispatch: Dispatch): void {
  // sendResponse + `return true` works in both browsers; Chrome ignores a returned promise.
  ext().runtime.onMessage.addListener(((
    message: unknown,
    sender: Runtime.MessageSender,
    sendResponse: (reply: unknown) => void,
  ) => {
    void dispatch(message, senderInfo(sender)).then(sendResponse);
    return true;
  }) as Parameters<Runtime.Static['onMessage']['addListener']>[0]);
}

/** The transport pages and content scripts pass to `request()`. */
export function sendToBackground(message: Message): Promise<unknown> {
  return ext().runtime.sendMessage(message);
}
