/** The toolbar button: icon, badge and tooltip, per tab or as the default for all tabs. */
import { ext } from './browser.js';

export type ToolbarState = 'safe' | 'suspicious' | 'dangerous' | 'unscored' | 'error';

export interface ToolbarView {
  readonly state: ToolbarState;
  readonly badge: string;
  /** Badge background, CSS colour. */
  readonly color: string;
  readonly title: string;
}

export const ICON_SIZES = [16, 32, 48, 128] as const;

/** Package paths of one state's icons, keyed by size. */
export function iconPaths(state: ToolbarState): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const size of ICON_SIZES) paths[String(size)] = `/icons/${state}-${size}.png`;
  return paths;
}

/** Shows `view` on one tab, or on every tab without its own state when `tabId` is undefined. */
export async function showToolbar(view: ToolbarView, tabId?: number): Promise<void> {
  const action = ext().action;
  const target = tabId === undefined ? {} : { tabId };
  await Promise.all([
    action.setIcon({ ...target, path: iconPaths(view.state) }),
    action.setBadgeText({ ...target, text: view.badge }),
    action.setBadgeBackgroundColor({ ...target, color: view.color }),
    action.setTitle({ ...target, title: view.title }),
  ]);
}
