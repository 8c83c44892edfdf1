/** The background's answers to the options page's imported-list messages (core/messages.ts). */
import type { Handlers } from '../core/messages.js';
import type { HostLists } from './host-lists.js';

export type HostListHandlers = Pick<
  Handlers,
  'get-host-lists' | 'import-host-list' | 'clear-host-list' | 'export-host-lists'
>;

/** Handlers over the imported-lists service. */
export function createHostListHandlers(lists: HostLists): HostListHandlers {
  return {
    'get-host-lists': () => lists.view(),
    'import-host-list': ({ list, fileName, text }) => lists.importFile(list, fileName, text),
    'clear-host-list': ({ list }) => lists.clear(list),
    'export-host-lists': () => lists.exportLists(),
  };
}
