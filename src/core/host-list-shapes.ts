/**
 * What the imported-list messages carry (core/messages.ts declares them): the options page
 * imports a block or trust list from a file's text (the background parses it: it has the domain
 * parser), views and clears them.
 */
import type { BadLine } from './host-list-file.js';

export type HostListKind = 'block' | 'trust';
export const HOST_LIST_KINDS: readonly HostListKind[] = ['block', 'trust'];
/** A list file larger than this is refused before parsing (100,000 hosts fit in far less). */
export const MAX_HOST_LIST_FILE_CHARS = 16_000_000;
/** Hosts a view carries, for the page to show; the count covers them all. */
export const HOST_LIST_VIEW_HOSTS = 500;

export interface HostListView {
  readonly count: number;
  /** The first HOST_LIST_VIEW_HOSTS hosts, in file order. */
  readonly hosts: readonly string[];
  readonly fileName: string | null;
  /** ISO date of the import; null when the list is empty. */
  readonly importedAt: string | null;
}

export interface HostListsView {
  readonly block: HostListView;
  readonly trust: HostListView;
  /**
   * How the block list is enforced: by the browser's own rules (Chrome's dynamic DNR rules, which
   * hold with the worker stopped) and by the worker's check; Firefox checks every request itself.
   */
  readonly enforcement: { readonly browserRules: boolean; readonly browser: number; readonly worker: number };
}

export interface HostListImport {
  readonly lists: HostListsView;
  readonly kept: number;
  readonly bad: readonly BadLine[];
  readonly badCount: number;
}
