/** The options page's view of the browser: the background, the extension's version and the organisation's policy. */
import type { Transport } from '../core/messages.js';
import { ext, extensionVersion } from './browser.js';
import { readManagedStorage } from './managed-storage.js';
import { sendToBackground } from './messaging.js';

export interface OptionsPlatform {
  /** To the background (core/messages `request`). */
  readonly send: Transport;
  extensionVersion(): string;
  /** storage.managed as set by the organisation ({} when none). */
  readManaged(): Promise<unknown>;
}

/** The options page's platform in the running browser. */
export function optionsPlatform(): OptionsPlatform {
  return { send: sendToBackground, extensionVersion, readManaged: () => readManagedStorage(ext()) };
}
