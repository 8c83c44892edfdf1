// @vitest-environment-options {"url": "http://page.example/"}
import { beforeEach, describe, expect, it } from 'vitest';
import { LINK_LIMITS } from '../../src/core/messages.js';
import { observeLinks } from '../../src/content/observer.js';
import { createBadgeLayer } from '../../src/content/badges.js';
import { createScanner } from '../../src/content/scanner.js';
import { createSlicer } from '../../src/content/slicer.js';
import { createTooltip } from '../../src/content/tooltip.js';
import type { LinkVerdict } from '../../src/core/messages.js';
import { badgeAfter, createHarness, verdictFor } from './helpers.js';

/** A scanner whose batches are answered only when the test says so. */
function manualScanner(badgeWaitMs = 10_000) {
  const slicer = createSlicer({ budgetMs: 8, now: () => performance.now(), defer: (run) => setTimeout(run, 0) });
  const badges = createBadgeLayer(document, createTooltip(document));
  const pending: { hosts: string[]; answer: () => void }[] = [];
  const scanner = createScanner({
    doc: document,
    slicer,
    badges,
    batchSize: 2,
    badgeWaitMs,
    send: (hosts) =>
      new Promise<readonly LinkVerdict[]>((resolve) => {
        pending.push({
          hosts,
          answer: () => resolve(hosts.map(verdictFor).filter((v): v is LinkVerdict => v !== null)),
        });
      }),
  });
  return { slicer, badges, scanner, pending };
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

function linkList(hosts: readonly string[]): string {
  return hosts.map((host, i) => `<a href="http://${host}/p${i}">${i}</a>`).join('');
}

describe('link scanner', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  it('tracks a site under a private suffix after thousands of its neighbours, for the background to budget exactly', async () => {
    const decoys = [
      ...Array.from({ length: 3000 }, (_, i) => `d${i}.github.io`),
      ...Array.from({ length: 2000 }, (_, i) => `h${i}.decoy-cdn.com`),
    ];
    document.body.innerHTML = linkList([...decoys, 'login-evil.github.io']);
    const h = createHarness({ batchSize: 200 });
    h.scanner.examine([document.documentElement]);
    await h.scanner.settled();
    expect(h.scanner.linksTo('login-evil.github.io')).toHaveLength(1);
    expect(h.scanner.stats.hosts).toBe(decoys.length + 1);
  });

  it('asks about every host, with its number of links, in batches of bounded size', async () => {
    const hosts = Array.from({ length: 450 }, (_, i) => `site${i}.example`);
    document.body.innerHTML = linkList([...hosts, ...hosts.slice(0, 10), 'site0.example']);
    const h = createHarness({ batchSize: 200 });
    h.scanner.examine([document.documentElement]);
    await h.scanner.settled();
    const sent = h.batches.flatMap((b) => b.hosts);
    expect(new Set(sent).size).toBe(450);
    // A host seen again after its batch left is sent again with its new count, nothing more.
    expect(sent.length).toBeLessThanOrEqual(450 + 11);
    expect(Math.max(...h.batches.map((b) => b.hosts.length))).toBeLessThanOrEqual(200);
    const countOf = (host: string) =>
      h.batches
        .flatMap((b) => b.hosts.map((x, i) => [x, b.counts[i]] as const))
        .filter(([x]) => x === host)
        .at(-1)![1];
    expect(countOf('site0.example')).toBe(3);
    expect(countOf('site5.example')).toBe(2);
    expect(countOf('site300.example')).toBe(1);
    expect(h.scanner.stats).toMatchObject({ links: 461, hosts: 450 });
  });

  it('never sends more than the per-message limit, whatever the batch size asked for', async () => {
    document.body.innerHTML = linkList(Array.from({ length: 1200 }, (_, i) => `h${i}.example`));
    const h = createHarness({ batchSize: 10_000 });
    h.scanner.examine([document.documentElement]);
    await h.scanner.settled();
    expect(Math.max(...h.batches.map((b) => b.hosts.length))).toBeLessThanOrEqual(LINK_LIMITS.hostsPerMessage);
  });

  it('watches for added links: a burst of insertions is scanned in one debounced pass and badged', async () => {
    document.body.innerHTML = linkList(['news.example']);
    const h = createHarness();
    h.scanner.examine([document.documentElement]);
    await h.scanner.settled();
    let passes = 0;
    const observer = observeLinks({
      root: document.documentElement,
      onAdded: (nodes) => {
        passes++;
        h.scanner.examine(nodes);
      },
      onRemoved: (nodes) => h.scanner.forget(nodes),
      isOwn: h.badges.isOwn,
      quietMs: 20,
      maxWaitMs: 1000,
    });
    // Infinite scroll: 30 chunks appended one after another.
    for (let chunk = 0; chunk < 30; chunk++) {
      const div = document.createElement('div');
      div.innerHTML = linkList([`evil${chunk}.example`, `fine${chunk}.example`]);
      document.body.append(div);
    }
    await new Promise((resolve) => setTimeout(resolve, 80));
    await h.scanner.settled();
    expect(passes).toBe(1);
    const evil = Array.from(document.querySelectorAll('a[href^="http://evil"]'));
    expect(evil).toHaveLength(30);
    for (const link of evil) expect(badgeAfter(h, link)).not.toBeNull();
    for (const link of document.querySelectorAll('a[href^="http://fine"]')) expect(badgeAfter(h, link)).toBeNull();
    // The badges the scanner inserted were not taken for new content.
    expect(passes).toBe(1);
    observer.disconnect();
  });

  it('follows a link whose href changes, and forgets removed links', async () => {
    document.body.innerHTML = '<div id="box"><a id="x" href="http://fine.example/">x</a></div>';
    const h = createHarness();
    const observer = observeLinks({
      root: document.documentElement,
      onAdded: (n) => h.scanner.examine(n),
      onRemoved: (n) => h.scanner.forget(n),
      isOwn: h.badges.isOwn,
      quietMs: 5,
    });
    h.scanner.examine([document.documentElement]);
    await h.scanner.settled();
    const link = document.getElementById('x')!;
    link.setAttribute('href', 'http://evil-changed.example/');
    observer.flush();
    await h.scanner.settled();
    expect(badgeAfter(h, link)).not.toBeNull();
    expect(h.scanner.linksTo('evil-changed.example')).toEqual([link]);
    expect(h.scanner.linksTo('fine.example')).toEqual([]);
    link.remove();
    observer.flush();
    await h.scanner.settled();
    expect(h.scanner.linksTo('evil-changed.example')).toEqual([]);
    expect(h.badges.count).toBe(0);
    observer.disconnect();
  });

  it('answers a link to a host already known to be risky without waiting for the background', async () => {
    document.body.innerHTML = linkList(['evil.example']);
    const h = createHarness();
    h.scanner.examine([document.documentElement]);
    await h.scanner.settled();
    h.decide = () => {
      throw new Error('background unreachable');
    };
    const late = document.createElement('a');
    late.href = 'http://evil.example/late';
    document.body.append(late);
    h.scanner.examine([late]);
    await h.scanner.settled();
    expect(badgeAfter(h, late)).not.toBeNull();
  });
});

describe('badges go in together', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  it('holds badges until every batch of new hosts is answered, then inserts them in one run', async () => {
    document.body.innerHTML = linkList(['evil1.example', 'news.example', 'evil2.example', 'odd.example']);
    const m = manualScanner();
    m.scanner.examine([document.documentElement]);
    await tick(20);
    expect(m.pending.map((p) => p.hosts)).toEqual([
      ['evil1.example', 'news.example'],
      ['evil2.example', 'odd.example'],
    ]);
    m.pending[0]!.answer();
    await tick(20);
    // The first answer is in, the second is not: nothing is shown yet (one re-layout later instead of two).
    expect(m.badges.count).toBe(0);
    m.pending[1]!.answer();
    await m.scanner.settled();
    expect(m.badges.count).toBe(3);
  });

  it('sends what the first slice found at once, without waiting for a full batch', async () => {
    document.body.innerHTML = linkList([
      'evil1.example',
      'news.example',
      'odd.example',
      ...Array.from({ length: 20 }, (_, i) => `n${i}.example`),
    ]);
    const m = manualScanner();
    // As at DOMContentLoaded: examine, one short slice in this task (the page and 3 links), then the partial batch goes.
    m.scanner.examine([document.documentElement]);
    m.slicer.runNow(0);
    expect(m.pending.map((p) => p.hosts)).toEqual([['evil1.example', 'news.example']]);
    m.scanner.sendPending();
    expect(m.pending.map((p) => p.hosts)).toEqual([['evil1.example', 'news.example'], ['odd.example']]);
    await tick(50);
    for (const p of m.pending) p.answer();
    await m.scanner.settled();
    expect(m.badges.count).toBe(2);
  });

  it('leaves badges alone when a count update answers the same verdicts', async () => {
    document.body.innerHTML = linkList(['evil1.example', 'news.example']);
    const h = createHarness();
    h.scanner.examine([document.documentElement]);
    await h.scanner.settled();
    const badge = badgeAfter(h, document.querySelector('a')!);
    let shown = 0;
    const show = h.badges.show.bind(h.badges);
    h.badges.show = (link, verdict) => (shown++, show(link, verdict));
    h.scanner.rescan();
    await h.scanner.settled();
    expect(h.batches).toHaveLength(2);
    expect(shown).toBe(0);
    expect(badgeAfter(h, document.querySelector('a')!)).toBe(badge);
  });

  it('shows what it has once the wait is over, if the background is slow to answer the rest', async () => {
    document.body.innerHTML = linkList(['evil1.example', 'news.example', 'evil2.example', 'odd.example']);
    const m = manualScanner(30);
    m.scanner.examine([document.documentElement]);
    await tick(20);
    m.pending[0]!.answer();
    await tick(80);
    expect(m.badges.count).toBe(1);
    m.pending[1]!.answer();
    await m.scanner.settled();
    expect(m.badges.count).toBe(3);
  });
});

describe('slicer', () => {
  it("runs a slice at once on request, in the caller's task", () => {
    const seen: number[] = [];
    const slicer = createSlicer({ budgetMs: 8, now: () => performance.now(), defer: () => {} });
    slicer.queue([1, 2, 3], (x) => seen.push(x));
    expect(seen).toEqual([]);
    expect(slicer.scanning).toBe(true);
    slicer.runNow();
    expect(seen).toEqual([1, 2, 3]);
    expect(slicer.busy).toBe(false);
  });

  it('splits long work into slices of the time budget and yields between them', async () => {
    let clock = 0;
    const slices: number[] = [];
    let current = 0;
    const slicer = createSlicer({
      budgetMs: 8,
      now: () => clock,
      defer: (run) =>
        setTimeout(() => {
          current = 0;
          slices.push(0);
          run();
        }, 0),
    });
    const done = new Promise<void>((resolve) => slicer.whenIdle(resolve));
    slicer.queue(
      Array.from({ length: 5000 }, (_, i) => i),
      () => {
        clock += 0.05; // each item "costs" 50 µs on the fake clock
        current++;
        slices[slices.length - 1] = current;
      },
    );
    await done;
    expect(slices.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(slices.length).toBeGreaterThan(25);
    // No slice ran past its budget by more than the clock-check interval (4 items × 50 µs).
    for (const items of slices) expect(items).toBeLessThanOrEqual(8 / 0.05 + 4);
  });

  it('runs urgent work (badges for new verdicts) before the rest of the scan', async () => {
    let clock = 0;
    const order: string[] = [];
    const slicer = createSlicer({ budgetMs: 1, now: () => clock, defer: (run) => setTimeout(run, 0) });
    slicer.queue(
      Array.from({ length: 100 }, (_, i) => i),
      (i) => {
        clock += 0.1;
        if (i === 20) slicer.queue(['badge'], (x) => order.push(x), true);
        order.push(`scan${i}`);
      },
    );
    await new Promise<void>((resolve) => slicer.whenIdle(resolve));
    // Queued while link 20 was scanned: it runs at the start of the next slice, long before link 99.
    expect(order.indexOf('badge')).toBeLessThan(order.indexOf('scan40'));
    expect(order.indexOf('badge')).toBeGreaterThan(order.indexOf('scan20'));
    expect(order.filter((x) => x.startsWith('scan'))).toHaveLength(100);
  });
});

describe('link scanner past the per-page cap', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  it('budgets by domain: 5,000 decoy sub-domains of one name leave the dangerous link judged and badged', async () => {
    const decoys = Array.from({ length: LINK_LIMITS.hostsPerPage }, (_, i) => `d${i}.decoy.example`);
    document.body.innerHTML = linkList([...decoys, ...decoys, 'evil-late.example']);
    const h = createHarness({ batchSize: 500 });
    h.scanner.examine([document.documentElement]);
    await h.scanner.settled();
    const evil = h.scanner.linksTo('evil-late.example');
    expect(evil).toHaveLength(1);
    expect(badgeAfter(h, evil[0]!)).not.toBeNull();
    expect(h.scanner.stats.badged).toBe(1);
  });

  it('still sends the hosts past the cap once, so the background can count what it did not judge', async () => {
    const decoys = Array.from({ length: LINK_LIMITS.hostsPerPage }, (_, i) => `decoy-${i}.example`);
    document.body.innerHTML = linkList([...decoys, 'evil-late.example', 'evil-late.example', 'other-late.example']);
    const h = createHarness({ batchSize: 500 });
    h.scanner.examine([document.documentElement]);
    await h.scanner.settled();
    const sent = h.batches.flatMap((b) => b.hosts);
    expect(sent.filter((host) => host === 'evil-late.example')).toHaveLength(1);
    expect(sent).toContain('other-late.example');
    expect(new Set(sent).size).toBe(sent.length);
  });
});
