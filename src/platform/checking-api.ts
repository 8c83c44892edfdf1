/** The checking page's view of the browser: the background only. */
import type { Transport } from '../core/messages.js';
import { sendToBackground } from './messaging.js';

export interface CheckingPlatform {
  /** To the background (core/messages `request`). */
  readonly send: Transport;
}

/** The checking page's platform in the running browser. */
export function checkingPlatform(): CheckingPlatform {
  return { send: sendToBackground };
}
