/** What the toolbar button shows: the background decides it, the platform draws it. */
export type ToolbarState = 'safe' | 'suspicious' | 'dangerous' | 'unscored' | 'error';

export interface ToolbarView {
  readonly state: ToolbarState;
  readonly badge: string;
  /** Badge background, CSS colour. */
  readonly color: string;
  readonly title: string;
  /**
   * The popup's address for the tab (package-relative, core/popup-snapshot.ts): it names the tab
   * and carries what the toolbar shows, so the popup needs no round trip to show it. Absent for
   * the default of all tabs, which keeps the manifest's popup.
   */
  readonly popup?: string;
}
