/**
 * Watches the page for links added or changed later (single-page apps, infinite scroll). The
 * MutationObserver callback only collects nodes; the scan runs after the page has been quiet for
 * `quietMs`, or at the latest `maxWaitMs` after the first change, so a page that mutates
 * constantly is still scanned while one burst of insertions costs one pass.
 */

export interface ObserverDeps {
  readonly root: Node;
  /** Nodes that were added, or whose link attribute changed. */
  readonly onAdded: (nodes: Node[]) => void;
  readonly onRemoved: (nodes: Node[]) => void;
  /** Our own insertions (badges) are not news. */
  readonly isOwn: (node: Node) => boolean;
  readonly quietMs?: number;
  readonly maxWaitMs?: number;
  readonly setTimer?: (run: () => void, ms: number) => unknown;
  readonly clearTimer?: (timer: unknown) => void;
  readonly now?: () => number;
}

export interface LinkObserver {
  /** Delivers what is pending now (tests; page hide). */
  flush(): void;
  disconnect(): void;
}

/** Attributes that change where an element leads. */
export const LINK_ATTRIBUTES = ['href', 'action', 'formaction'];

export function observeLinks(deps: ObserverDeps): LinkObserver {
  const quietMs = deps.quietMs ?? 60;
  const maxWaitMs = deps.maxWaitMs ?? 250;
  const setTimer = deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = deps.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const now = deps.now ?? (() => performance.now());
  const added: Node[] = [];
  const removed: Node[] = [];
  let timer: unknown = null;
  let firstAt = 0;

  function flush(): void {
    // Records not yet delivered to the callback belong to this flush too.
    collect(observer.takeRecords());
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (removed.length > 0) deps.onRemoved(removed.splice(0));
    if (added.length > 0) deps.onAdded(added.splice(0));
  }

  function collect(records: readonly MutationRecord[]): void {
    for (const record of records) {
      if (record.type === 'attributes') {
        added.push(record.target);
        continue;
      }
      for (const node of record.addedNodes) if (node.nodeType === 1 && !deps.isOwn(node)) added.push(node);
      for (const node of record.removedNodes) if (node.nodeType === 1 && !deps.isOwn(node)) removed.push(node);
    }
  }

  const observer = new MutationObserver((records) => {
    collect(records);
    if (added.length === 0 && removed.length === 0) return;
    if (timer === null) firstAt = now();
    else clearTimer(timer);
    const wait = Math.max(0, Math.min(quietMs, firstAt + maxWaitMs - now()));
    timer = setTimer(flush, wait);
  });
  observer.observe(deps.root, { childList: true, subtree: true, attributes: true, attributeFilter: LINK_ATTRIBUTES });

  return {
    flush,
    disconnect() {
      observer.disconnect();
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
