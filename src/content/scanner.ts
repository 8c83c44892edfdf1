/**
 * The link scanner: finds link targets, keeps host → links, asks the background about new hosts
 * in batches, and badges the links of risky hosts. All DOM work runs through the slicer, so a page
 * of thousands of links is handled in short tasks.
 *
 * Badges are inserted together: every frame in which badges appear re-lays out the page, and on a
 * long page that costs about the same for one badge as for hundreds (60–90 ms for a 5,000-link
 * list, measured in Chromium). So badges wait until the scan is done and every batch of new hosts
 * has been answered, or at most `badgeWaitMs` after the first of them, and then go in one run.
 */
import { budgetKey, prefilterAdmits } from '../core/link-budget.js';
import { LINK_LIMITS, type LinkVerdict } from '../core/messages.js';
import type { BadgeLayer } from './badges.js';
import { LINK_SELECTOR, pageLocation, targetHost } from './link-target.js';
import type { Slicer } from './slicer.js';

/** Distinct hosts sent for one page at most, judged or counted as not judged (bounds the scanner's memory). */
const MAX_HOSTS_REPORTED = 6 * LINK_LIMITS.hostsPerPage;

/** Sends one batch to the background; resolves with the risky hosts among them. */
export type SendBatch = (hosts: string[], counts: number[]) => Promise<readonly LinkVerdict[]>;

/** What a badge shows is the same (the tooltip's explanation included). */
function sameVerdict(a: LinkVerdict, b: LinkVerdict): boolean {
  return (
    a.level === b.level &&
    a.score === b.score &&
    a.category === b.category &&
    a.displayHost === b.displayHost &&
    a.registrableDomain === b.registrableDomain &&
    JSON.stringify(a.reason) === JSON.stringify(b.reason) &&
    a.explanation.length === b.explanation.length &&
    a.explanation.every(
      (span, i) =>
        span.start === b.explanation[i]!.start &&
        span.end === b.explanation[i]!.end &&
        span.weight === b.explanation[i]!.weight,
    )
  );
}

export interface ScannerDeps {
  readonly doc: Document;
  readonly slicer: Slicer;
  readonly badges: BadgeLayer;
  readonly send: SendBatch;
  /** Hosts per message (at most LINK_LIMITS.hostsPerMessage). */
  readonly batchSize?: number;
  /** Reports a failed batch (the page itself is never disturbed). */
  readonly onError?: (error: unknown) => void;
  /** Longest a badge waits for the others (see above); 100 ms by default. */
  readonly badgeWaitMs?: number;
}

export interface Scanner {
  /** Queues elements that may be links (or subtrees containing links) for examination. */
  examine(nodes: readonly Node[]): void;
  /** Forgets links inside removed subtrees and removes their badges. */
  forget(nodes: readonly Node[]): void;
  /** Asks the background again about every known host (after the user changed a choice). */
  rescan(): void;
  /** Sends the new hosts found so far now, without waiting for a full batch. */
  sendPending(): void;
  /** Connected links pointing at `host`, in document order of discovery. */
  linksTo(host: string): Element[];
  /** Resolves once queued work and requests have settled (tests, bench). */
  settled(): Promise<void>;
  readonly stats: { readonly links: number; readonly hosts: number; readonly badged: number };
}

export function createScanner(deps: ScannerDeps): Scanner {
  const { doc, slicer, badges } = deps;
  const batchSize = Math.min(deps.batchSize ?? 200, LINK_LIMITS.hostsPerMessage);
  const hostOf = new WeakMap<Element, string>();
  const linksByHost = new Map<string, Set<Element>>();
  /** Budget keys of the tracked hosts (see core/link-budget.ts). */
  const budgetKeys = new Set<string>();
  /** Risky verdicts by host; safe hosts are absent. */
  const verdicts = new Map<string, LinkVerdict>();
  /** Hosts never asked about: sent as soon as a batch is full, so the first badges come early. */
  const fresh = new Set<string>();
  /** Hosts already asked about whose number of links changed: sent once the scan is idle, in big messages. */
  const recount = new Set<string>();
  /** Per host, the number of the latest request that asked about it: an older reply never undoes a newer one. */
  const asked = new Map<string, number>();
  let requests = 0;
  const inFlight = new Set<Promise<void>>();
  /** Requests about new hosts not answered yet (count updates do not hold badges back). */
  let freshInFlight = 0;
  let links = 0;
  /** Badge changes waiting to go in together. */
  const held: [Element, LinkVerdict | undefined][] = [];
  let heldTimer: ReturnType<typeof setTimeout> | null = null;
  const badgeWaitMs = deps.badgeWaitMs ?? 100;

  function paint([link, verdict]: [Element, LinkVerdict | undefined]): void {
    if (verdict) badges.show(link, verdict);
    else badges.hide(link);
  }

  function release(): void {
    if (heldTimer !== null) clearTimeout(heldTimer);
    heldTimer = null;
    slicer.queue(held.splice(0), paint, true);
  }

  /** Holds badge changes until the scan and the answers about new hosts are in (or the wait is over). */
  function hold(work: readonly [Element, LinkVerdict | undefined][]): void {
    held.push(...work);
    releaseWhenReady();
  }

  function releaseWhenReady(): void {
    if (held.length === 0) return;
    if (freshInFlight === 0 && !slicer.scanning) return release();
    heldTimer ??= setTimeout(release, badgeWaitMs);
  }

  let here = pageLocation(doc);

  function detach(link: Element, host: string): void {
    linksByHost.get(host)?.delete(link);
    hostOf.delete(link);
    badges.hide(link);
    links--;
  }

  function consider(link: Element): void {
    const host = targetHost(link, here);
    const previous = hostOf.get(link);
    if (previous === host) return;
    if (previous !== undefined) detach(link, previous);
    if (host === null) return;
    let set = linksByHost.get(host);
    if (!set) {
      const key = budgetKey(host);
      if (!prefilterAdmits({ hosts: linksByHost.size, domains: budgetKeys.size, hasKey: budgetKeys.has(key) })) {
        // Past the per-page cap a host's links are not tracked, but the host is still sent once
        // (up to a bound): the background counts it as not judged, so the popup can say how many
        // domains went unchecked instead of nothing.
        if (!asked.has(host) && !fresh.has(host) && asked.size < MAX_HOSTS_REPORTED) {
          fresh.add(host);
          if (fresh.size >= batchSize) send(fresh, batchSize);
        }
        return;
      }
      set = new Set();
      linksByHost.set(host, set);
      budgetKeys.add(key);
    }
    set.add(link);
    hostOf.set(link, host);
    links++;
    if (asked.has(host)) recount.add(host);
    else fresh.add(host);
    const known = verdicts.get(host);
    if (known) held.push([link, known]);
    if (fresh.size >= batchSize) send(fresh, batchSize);
  }

  function examineNode(node: Node): void {
    if (node.nodeType !== 1 || badges.isOwn(node)) return;
    const element = node as Element;
    if (element.matches(LINK_SELECTOR)) consider(element);
    // Subtrees are expanded lazily, inside a slice, so a huge insertion is sliced too.
    if (element.firstElementChild) slicer.queue(element.querySelectorAll(LINK_SELECTOR), consider);
  }

  function apply(request: number, hosts: readonly string[], risky: readonly LinkVerdict[]): void {
    const byHost = new Map(risky.map((v) => [v.host, v]));
    const work: [Element, LinkVerdict | undefined][] = [];
    for (const host of hosts) {
      if ((asked.get(host) ?? 0) > request) continue;
      const verdict = byHost.get(host);
      const was = verdicts.get(host);
      if (verdict) verdicts.set(host, verdict);
      else verdicts.delete(host);
      // Count updates answer the same verdicts again: the links already carry them (consider() badges new ones).
      if (!verdict ? !was : was !== undefined && sameVerdict(was, verdict)) continue;
      for (const link of linksByHost.get(host) ?? []) work.push([link, verdict]);
    }
    hold(work);
  }

  /** Sends everything pending: new hosts first, then count updates (cached in the background, cheap). */
  function flush(): void {
    send(fresh, batchSize);
    send(recount, LINK_LIMITS.hostsPerMessage);
    // The scan is idle: badges for links it found to known-risky hosts may go (with the rest held).
    releaseWhenReady();
  }

  function send(pending: Set<string>, size: number): void {
    const isFresh = pending === fresh;
    while (pending.size > 0) {
      const hosts = [...pending].slice(0, size);
      const number = ++requests;
      for (const host of hosts) {
        pending.delete(host);
        asked.set(host, number);
      }
      const counts = hosts.map((host) =>
        Math.max(1, Math.min(linksByHost.get(host)?.size ?? 1, LINK_LIMITS.linksPerHost)),
      );
      if (isFresh) freshInFlight++;
      const request = deps
        .send(hosts, counts)
        .then(
          (risky) => apply(number, hosts, risky),
          (error: unknown) => deps.onError?.(error),
        )
        .finally(() => {
          inFlight.delete(request);
          if (isFresh) freshInFlight--;
          releaseWhenReady();
        });
      inFlight.add(request);
    }
  }

  return {
    examine(nodes) {
      here = pageLocation(doc);
      slicer.queue(nodes, examineNode);
      slicer.whenIdle(flush);
    },
    forget(nodes) {
      slicer.queue(nodes, (node) => {
        if (node.nodeType !== 1 || badges.isOwn(node)) return;
        const element = node as Element;
        const inside = element.matches(LINK_SELECTOR) ? [element] : [];
        if (element.firstElementChild) inside.push(...element.querySelectorAll(LINK_SELECTOR));
        for (const link of inside) {
          const host = hostOf.get(link);
          // A node moved elsewhere in the page is still a link of this page.
          if (host !== undefined && !link.isConnected) detach(link, host);
        }
      });
    },
    rescan() {
      here = pageLocation(doc);
      for (const host of linksByHost.keys()) if (!fresh.has(host)) recount.add(host);
      slicer.whenIdle(flush);
    },
    sendPending() {
      send(fresh, batchSize);
    },
    linksTo(host) {
      return [...(linksByHost.get(host) ?? [])].filter((link) => link.isConnected);
    },
    async settled() {
      for (;;) {
        await new Promise<void>((resolve) => slicer.whenIdle(resolve));
        if (inFlight.size === 0 && !slicer.busy && held.length === 0) return;
        await Promise.all(inFlight);
        // Badges still held wait for their timer at most.
        if (inFlight.size === 0 && held.length > 0) await new Promise((resolve) => setTimeout(resolve, badgeWaitMs));
      }
    },
    get stats() {
      return { links, hosts: linksByHost.size, badged: badges.count };
    },
  };
}
