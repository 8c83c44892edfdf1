/**
 * Blocking webRequest (Firefox MV3 keeps it): a top-level request waits for the verdict, so not
 * even the first request reaches a dangerous site. Subframes are reported, never held up.
 */
import type { Browser } from 'webextension-polyfill';
import type { BlockingRequests } from './background-api.js';

export interface RequestEvent {
  readonly tabId: number;
  readonly frameId: number;
  readonly url: string;
  readonly type: 'main_frame' | 'sub_frame';
}

/** `{redirectUrl}` replaces the request; undefined lets it through. */
export type RequestDecision = { readonly redirectUrl: string } | undefined;

/** Frame requests of `browser`, held until the listener decides. */
export function blockingRequests(browser: Browser): BlockingRequests {
  return {
    onFrameRequest(listener) {
      browser.webRequest.onBeforeRequest.addListener(
        (details) => {
          const result = listener(details as unknown as RequestEvent);
          // Firefox treats a resolved `{}` as "no change".
          return result?.then((decision) => decision ?? {});
        },
        { urls: ['http://*/*', 'https://*/*'], types: ['main_frame', 'sub_frame'] },
        ['blocking'],
      );
    },
  };
}
