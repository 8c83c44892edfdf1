/**
 * Debian's Chromium driven by playwright-core with the built extension loaded (PLATFORM.md):
 * a persistent profile (restartable), invented host names mapped to 127.0.0.1, and the extension
 * worker reachable for stopping it (CDP) and for messages (through an extension page).
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'webextension-polyfill';
import type { MessageType, RequestOf, ResponseOf } from '../../../src/core/messages.js';
import { pollHref, type BrowserUnderTest, type TestTab } from './driver.js';

export const CHROMIUM = '/usr/bin/chromium';

export interface ChromiumSession {
  readonly context: BrowserContext;
  readonly extensionId: string;
  /** `chrome-extension://<id>/`. */
  readonly origin: string;
  readonly profileDir: string;
  /** Sends a protocol message from an extension page (so privileged messages are accepted). */
  call<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>>;
  /** Evaluates `fn` in an extension page (chrome.* available there). */
  inExtension<T, A>(fn: (arg: A) => Promise<T>, arg: A): Promise<T>;
  /** Resolves once the background answered and its model finished loading (or failed). */
  ready(): Promise<void>;
  /** Stops the extension's service worker, as Chrome does after 30 s idle. */
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Launches Chromium on `profileDir` (a fresh one when omitted) with the extension in `extensionDir`;
 * `language` sets the browser's UI language (Linux Chromium reads it from LANGUAGE and needs the
 * language's pack, Debian's chromium-l10n); `waitReady: false` returns before the background answers.
 */
export async function launchChromium(
  extensionDir: string,
  profileDir?: string,
  language?: string,
  options: {
    readonly waitReady?: boolean;
    /** More command-line switches (e.g. `--restore-last-session`). */
    readonly extraArgs?: readonly string[];
    /** Other unpacked extensions to load beside it; none may have a background worker of its own. */
    readonly otherExtensions?: readonly string[];
  } = {},
): Promise<ChromiumSession> {
  const dir = profileDir ?? (await mkdtemp(path.join(os.tmpdir(), 'snowman-chromium-')));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    ...(language === undefined
      ? {}
      : { locale: language, env: { ...process.env, LANGUAGE: language, LC_ALL: '', LANG: `${language}.UTF-8` } }),
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${[extensionDir, ...(options.otherExtensions ?? [])].join(',')}`,
      `--load-extension=${[extensionDir, ...(options.otherExtensions ?? [])].join(',')}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
      '--host-resolver-rules=MAP * 127.0.0.1',
      ...(language === undefined ? [] : [`--lang=${language}`]),
      ...(options.extraArgs ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  if (process.env['SNOWMAN_E2E_DEBUG']) {
    // Worker console in the test output; restarted workers included.
    const echo = (w: typeof worker) => w.on('console', (m) => console.log(`[worker ${m.type()}] ${m.text()}`));
    echo(worker);
    context.on('serviceworker', echo);
  }
  const extensionId = new URL(worker.url()).host;
  const origin = `chrome-extension://${extensionId}/`;
  let helper: Page | undefined;

  async function helperPage(): Promise<Page> {
    if (!helper || helper.isClosed()) {
      helper = await context.newPage();
      await helper.goto(`${origin}options/index.html`);
    }
    return helper;
  }

  const session: ChromiumSession = {
    context,
    extensionId,
    origin,
    profileDir: dir,
    async inExtension<T, A>(fn: (arg: A) => Promise<T>, arg: A): Promise<T> {
      return (await helperPage()).evaluate(fn as never, arg) as Promise<T>;
    },
    async call(type, payload) {
      const reply = (await session.inExtension(
        ({ type, payload }) =>
          (globalThis as unknown as { chrome: Browser }).chrome.runtime.sendMessage({ type, payload }),
        { type, payload },
      )) as { ok: boolean; value?: unknown; error?: string };
      if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
      return reply.value as ResponseOf<typeof type>;
    },
    async stopWorker() {
      const page = await helperPage();
      const cdp = await context.newCDPSession(page);
      // Resolves once Chrome reports the extension's worker stopped: an event sent earlier would reach the dying one.
      const running = new Map<string, string>();
      let settle: () => void = () => {};
      const stopped = new Promise<void>((resolve) => (settle = resolve));
      cdp.on(
        'ServiceWorker.workerVersionUpdated',
        ({ versions }: { versions: { versionId: string; scriptURL: string; runningStatus: string }[] }) => {
          for (const v of versions) if (v.scriptURL.startsWith(origin)) running.set(v.versionId, v.runningStatus);
          if ([...running.values()].every((status) => status === 'stopped')) settle();
        },
      );
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 5000))]);
      await cdp.detach();
    },
    async ready() {
      // Listeners exist once the worker script has run; on a fresh install, events before that are lost.
      const deadline = Date.now() + 30_000;
      while ((await session.call('get-status', {})).state === 'loading') {
        if (Date.now() > deadline) throw new Error('the extension did not finish loading its model');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      await context.close();
      if (!profileDir) await rm(dir, { recursive: true, force: true });
    },
  };
  // A test may load a stand-in worker that never answers (the browser's state before the real one ran).
  if (options.waitReady !== false) await session.ready();
  return session;
}

/** Navigates and tolerates the abort Chrome reports when the extension redirects the navigation. */
export async function gotoAllowingRedirect(page: Page, url: string): Promise<void> {
  try {
    await page.goto(url, { waitUntil: 'load' });
  } catch (error) {
    if (!/ERR_ABORTED|interrupted by another navigation|ERR_BLOCKED_BY_CLIENT/.test((error as Error).message))
      throw error;
  }
}

function playwrightTab(page: Page): TestTab {
  return {
    goto: (url) => gotoAllowingRedirect(page, url),
    href: () => page.evaluate(() => location.href),
    waitForHref: (test, timeoutMs) => pollHref(() => page.evaluate(() => location.href), test, timeoutMs),
    text: async (selector) =>
      (await page.locator(selector).count()) === 0 ? null : page.locator(selector).first().innerText(),
    click: (selector) => page.locator(selector).first().click(),
    press: (key) => page.keyboard.press(key),
    focusedClass: () => page.evaluate(() => document.activeElement?.className ?? ''),
    close: () => page.close(),
  };
}

/** The Chromium implementation of the scenario driver. */
export async function chromiumUnderTest(extensionDir: string): Promise<BrowserUnderTest> {
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'snowman-chromium-'));
  let session = await launchChromium(extensionDir, profileDir);
  return {
    name: 'chromium',
    get origin() {
      return session.origin;
    },
    blocksFirstVisit: false,
    newTab: async () => playwrightTab(await session.context.newPage()),
    async openExtensionPage(pagePath) {
      const page = await session.context.newPage();
      await gotoAllowingRedirect(page, `${session.origin}${pagePath}`);
      return playwrightTab(page);
    },
    call: (type, payload) => session.call(type, payload),
    async toolbarFor(urlPrefix) {
      return session.inExtension(async (prefix) => {
        const api = (globalThis as unknown as { chrome: Browser }).chrome;
        const tab = (await api.tabs.query({})).find((t) => t.url?.startsWith(prefix));
        if (tab?.id === undefined) throw new Error(`no tab at ${prefix}`);
        return {
          tabId: tab.id,
          badge: await api.action.getBadgeText({ tabId: tab.id }),
          title: await api.action.getTitle({ tabId: tab.id }),
        };
      }, urlPrefix);
    },
    dynamicRuleDomains: () =>
      session.inExtension(
        async () =>
          (await (globalThis as unknown as { chrome: Browser }).chrome.declarativeNetRequest.getDynamicRules()).flatMap(
            (rule) => rule.condition.requestDomains ?? [],
          ),
        null,
      ),
    stopBackground: () => session.stopWorker(),
    async restart() {
      await session.context.close();
      session = await launchChromium(extensionDir, profileDir);
    },
    async close() {
      await session.context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}
