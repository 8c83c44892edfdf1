/** Popup actions for DOM tests that only look at what the popup shows: each does nothing. */
import type { PopupActions } from '../../src/popup/view.js';

const none = (): void => undefined;

export const NO_POPUP_ACTIONS: PopupActions = {
  trust: none,
  untrust: none,
  block: none,
  unblock: none,
  pause: none,
  copyReport: none,
  saveReport: none,
  reveal: none,
};
