/** The content script's view of the browser: the background, and commands from the extension's pages. */
import { parseContentCommand, type ContentCommand, type ContentReplies } from '../core/messages.js';
import type { Transport } from '../core/messages.js';
import { ext } from './browser.js';
import { sendToBackground } from './messaging.js';

/** Answers a command at once (undefined: no reply). */
export type CommandHandler = (command: ContentCommand) => ContentReplies[ContentCommand['type']];

export interface ContentPlatform {
  /** To the background (core/messages `request`). */
  readonly send: Transport;
  /** Registers the one handler of validated commands sent by this extension (never by a page or another extension). */
  onCommand(handle: CommandHandler): void;
}

/** The content script's platform in the running browser. */
export function contentPlatform(): ContentPlatform {
  const browser = ext();
  return {
    send: sendToBackground,
    onCommand(handle) {
      browser.runtime.onMessage.addListener(((
        message: unknown,
        sender: { id?: string },
        sendResponse: (reply: unknown) => void,
      ) => {
        // Only extension contexts can message a content script; the id check also keeps other extensions out.
        if (sender.id !== browser.runtime.id) return false;
        const command = parseContentCommand(message);
        if (!command) return false;
        const reply = handle(command);
        // Answered synchronously: both browsers accept that without `return true`.
        if (reply !== undefined) sendResponse(reply);
        return false;
      }) as never);
    },
  };
}
