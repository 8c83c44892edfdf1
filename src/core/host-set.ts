/**
 * Membership of a host or any of its parent domains in a set of hosts: how an imported list (like
 * the packaged threat list and Chrome's `requestDomains`) covers a host and its sub-domains.
 */

export interface HostSet {
  readonly size: number;
  /** The entry covering `host` (`host` itself or a parent domain), or null. */
  match(host: string): string | null;
}

/** A set over `hosts` (normalised: ASCII, lowercase). */
export function createHostSet(hosts: readonly string[]): HostSet {
  const set = new Set(hosts);
  return {
    size: set.size,
    match(host) {
      for (let at = 0; at !== -1 && at < host.length;) {
        const candidate = at === 0 ? host : host.slice(at);
        if (set.has(candidate)) return candidate;
        const dot = host.indexOf('.', at);
        at = dot === -1 ? -1 : dot + 1;
      }
      return null;
    },
  };
}

export const EMPTY_HOST_SET: HostSet = createHostSet([]);
