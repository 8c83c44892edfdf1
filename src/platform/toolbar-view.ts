/** What the toolbar button shows: the background decides it, the platform draws it. */
export type ToolbarState = 'safe' | 'suspicious' | 'dangerous' | 'unscored' | 'error';

export interface ToolbarView {
  readonly state: ToolbarState;
  readonly badge: string;
  /** Badge background, CSS colour. */
  readonly color: string;
  readonly title: string;
}
