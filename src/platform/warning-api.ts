/** The warning page's view of the browser: the background and the extension's version. */
import type { Transport } from '../core/messages.js';
import { extensionVersion } from './browser.js';
import { sendToBackground } from './messaging.js';

export interface WarningPlatform {
  /** To the background (core/messages `request`). */
  readonly send: Transport;
  extensionVersion(): string;
}

/** The warning page's platform in the running browser. */
export function warningPlatform(): WarningPlatform {
  return { send: sendToBackground, extensionVersion };
}
