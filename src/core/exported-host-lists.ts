/**
 * The imported block and trust lists inside a settings export (settings-file.ts): each list's hosts
 * with the file it came from and when. Checked twice on import: its shape here (the options page,
 * which has no domain parser), every host by the background before anything changes.
 */
import { MAX_IMPORTED_HOSTS, type HostNormaliser } from './host-list-file.js';
import type { HostListKind } from './host-list-shapes.js';

export interface ExportedHostList {
  readonly fileName: string;
  /** ISO date of the original import. */
  readonly importedAt: string;
  readonly hosts: readonly string[];
}

/** Only the lists that hold hosts; an absent list is left as it is on import. */
export type ExportedHostLists = Partial<Record<HostListKind, ExportedHostList>>;

const KINDS: readonly HostListKind[] = ['block', 'trust'];
const MAX_FILE_NAME = 200;
const MAX_HOST = 253;

export type CheckedHostLists =
  | { readonly ok: true; readonly lists: ExportedHostLists }
  | { readonly ok: false; readonly reasons: readonly string[] };

function checkList(kind: HostListKind, value: unknown, reasons: string[]): ExportedHostList | null {
  const where = `hostLists.${kind}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    reasons.push(`${where} is not an object`);
    return null;
  }
  const { fileName, importedAt, hosts } = value as Record<string, unknown>;
  const before = reasons.length;
  if (typeof fileName !== 'string' || fileName.length > MAX_FILE_NAME)
    reasons.push(`${where}.fileName is not a file name`);
  if (typeof importedAt !== 'string' || Number.isNaN(Date.parse(importedAt)))
    reasons.push(`${where}.importedAt is not a date`);
  if (!Array.isArray(hosts) || hosts.length === 0 || hosts.length > MAX_IMPORTED_HOSTS)
    reasons.push(`${where}.hosts is not a list of 1 to ${MAX_IMPORTED_HOSTS} hosts`);
  else {
    const index = hosts.findIndex((host) => typeof host !== 'string' || host.length === 0 || host.length > MAX_HOST);
    if (index !== -1) reasons.push(`${where}.hosts[${index}] is not a host name`);
  }
  return reasons.length === before
    ? { fileName: fileName as string, importedAt: importedAt as string, hosts: hosts as string[] }
    : null;
}

/**
 * Checks the shape of a file's `hostLists` (undefined: the file carries none). With `normalise`
 * (the background's domain parser) every host must also be one the list could hold, as written.
 */
export function checkExportedHostLists(value: unknown, normalise?: HostNormaliser): CheckedHostLists {
  if (value === undefined) return { ok: true, lists: {} };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reasons: ['hostLists is not an object'] };
  const reasons: string[] = [];
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record))
    if (!KINDS.includes(key as HostListKind)) reasons.push(`hostLists.${key.slice(0, 40)} is not block or trust`);
  const lists: Partial<Record<HostListKind, ExportedHostList>> = {};
  for (const kind of KINDS) {
    if (record[kind] === undefined) continue;
    const list = checkList(kind, record[kind], reasons);
    if (!list) continue;
    if (normalise) {
      const index = list.hosts.findIndex((host) => {
        const kept = normalise(host);
        return !('host' in kept) || kept.host !== host;
      });
      if (index !== -1) {
        reasons.push(
          `hostLists.${kind}.hosts[${index}] (${list.hosts[index]!.slice(0, 60)}) is not a host a list can hold`,
        );
        continue;
      }
    }
    lists[kind] = list;
  }
  return reasons.length === 0 ? { ok: true, lists } : { ok: false, reasons };
}
