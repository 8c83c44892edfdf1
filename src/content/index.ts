/**
 * Content script entry (top frame of http(s) pages). Injected at document_start only to be first
 * in line for DOMContentLoaded: document_end injection can trail it by hundreds of milliseconds on
 * a busy page, and the scan starts the moment the DOM is complete. Wires the scanner to the
 * page and to the background. Talks to the background only through runtime messaging, which the
 * page can neither read nor forge; never uses window.postMessage, CustomEvents or DOM attributes.
 */
import { hexOf } from '../core/hex.js';
import { request } from '../core/messages.js';
import { contentPlatform } from '../platform/content-api.js';
import { isExpectedError } from '../platform/expected-error.js';
import { createBadgeLayer } from './badges.js';
import { wireTooltips } from './hover.js';
import { observeLinks } from './observer.js';
import { revealLink } from './reveal.js';
import { createScanner } from './scanner.js';
import { createSlicer } from './slicer.js';
import { createTooltip } from './tooltip.js';

/** Budget of the first slice, which adds to the task that dispatches DOMContentLoaded. */
const FIRST_SLICE_MS = 16;

/** Identifies this document to the background's page summary (a restored or new document gets a new one). */
function newPageId(): string {
  return hexOf(crypto.getRandomValues(new Uint8Array(12)));
}

/**
 * Schedules a new task without setTimeout's clamping: chained timeouts wait at least 4 ms each
 * after the fifth, which on a 5,000-link page adds more idle time than the scan takes. A message
 * on a channel of our own (the page cannot post to it) is a task that runs as soon as it is due.
 */
function nextTask(): (run: () => void) => void {
  const queue: (() => void)[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => queue.shift()?.();
  return (run) => {
    queue.push(run);
    channel.port2.postMessage(null);
  };
}

function start(): void {
  const platform = contentPlatform();
  const doc = document;
  let pageId = newPageId();
  const slicer = createSlicer({ budgetMs: 8, urgentBudgetMs: 12, now: () => performance.now(), defer: nextTask() });
  const tooltip = createTooltip(doc);
  const badges = createBadgeLayer(doc, tooltip);
  let failures = 0;
  const scanner = createScanner({
    doc,
    slicer,
    badges,
    send: async (hosts, counts) => (await request(platform.send, 'score-links', { pageId, hosts, counts })).risky,
    onError(error) {
      // The extension was reloaded or the model is down: the page goes on unmarked; say it once.
      if (!isExpectedError(error) && failures++ === 0)
        console.warn('[snowman] link check failed:', error instanceof Error ? error.message : error);
    },
  });
  wireTooltips(doc, badges, tooltip);
  scanner.examine([doc.documentElement]);
  // The first slice runs here, inside DOMContentLoaded, and what it found goes at once: the
  // background works on it while the browser lays out and paints the page for the first time
  // (100–200 ms on a 5,000-link page), instead of after.
  slicer.runNow(FIRST_SLICE_MS);
  scanner.sendPending();
  observeLinks({
    root: doc.documentElement,
    onAdded: (nodes) => scanner.examine(nodes),
    onRemoved: (nodes) => scanner.forget(nodes),
    isOwn: badges.isOwn,
  });

  // A page restored from the back-forward cache is a new visit for the background's summary.
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    pageId = newPageId();
    scanner.rescan();
  });

  platform.onCommand((command) => {
    if (command.type === 'reveal-host') return { revealed: revealLink(doc, scanner.linksTo(command.host)[0]) };
    scanner.rescan();
    return undefined;
  });
}

// Only the top frame of web pages (the manifest says so; this guards a mis-declared match).
if (window === window.top && (location.protocol === 'http:' || location.protocol === 'https:')) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
