/**
 * Debian's Firefox ESR driven by puppeteer-core over WebDriver BiDi (PLATFORM.md): the extension
 * installed from its directory (temporary add-on, kept storage and a fixed moz-extension UUID so a
 * restart on the same profile finds the user's choices), invented names resolved locally.
 */
import puppeteer, { type Browser as PuppeteerBrowser, type Page } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'webextension-polyfill';
import type { MessageType, RequestOf, ResponseOf } from '../../../src/core/messages.js';
import { pollHref, type BrowserUnderTest, type TestTab } from './driver.js';

export const FIREFOX = '/usr/bin/firefox-esr';

export interface FirefoxOptions {
  /** Every invented host name the tests visit (Firefox resolves exactly these to 127.0.0.1). */
  readonly hosts: readonly string[];
  /** Any http page of the test server: BiDi cannot open moz-extension:// directly, a web page can. */
  readonly httpPage: string;
  /** Profile to reuse (restart); a fresh one when omitted. */
  readonly profileDir?: string;
  /** Background idle timeout: short values make Firefox suspend the event page between steps. */
  readonly idleTimeoutMs?: number;
  /** UI language (`intl.locale.requested`); Firefox needs its language pack (Debian's firefox-esr-l10n-*). */
  readonly language?: string;
  /** The colour scheme pages see (prefers-color-scheme), fixed for the session: BiDi cannot emulate it. */
  readonly colorScheme?: 'light' | 'dark';
}

export interface FirefoxSession {
  readonly browser: PuppeteerBrowser;
  /** `moz-extension://<uuid>/`. */
  readonly origin: string;
  readonly profileDir: string;
  /** Evaluates `fn` in an extension page (the `browser` API is there). */
  inExtension<T, A>(fn: (arg: A) => Promise<T>, arg: A): Promise<T>;
  call<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>>;
  /** Opens an extension page (any path, hash included) in a new tab. */
  openExtensionPage(pagePath: string): Promise<Page>;
  ready(): Promise<void>;
  close(): Promise<void>;
}

async function geckoId(extensionDir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  return manifest.browser_specific_settings.gecko.id;
}

/** Launches Firefox ESR with the extension installed. */
export async function launchFirefox(extensionDir: string, options: FirefoxOptions): Promise<FirefoxSession> {
  const id = await geckoId(extensionDir);
  const profileDir = options.profileDir ?? (await mkdtemp(path.join(os.tmpdir(), 'snowman-firefox-')));
  const uuidFile = path.join(profileDir, 'snowman-e2e-uuid');
  const uuid = await readFile(uuidFile, 'utf8').catch(() => randomUUID());
  await writeFile(uuidFile, uuid);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profileDir,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [id]: uuid }),
      // A temporary add-on is uninstalled at shutdown: keep its storage, as a permanent install would.
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
      'network.dns.localDomains': options.hosts.join(','),
      // The test server speaks plain http only: no automatic https attempts (they would count as requests).
      'dom.security.https_first': false,
      'dom.security.https_first_schemeless': false,
      'dom.security.https_only_mode': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      // action.openPopup from an extension page, as the toolbar button's click opens it.
      'extensions.openPopupWithoutUserGesture.enabled': true,
      ...(options.idleTimeoutMs === undefined ? {} : { 'extensions.background.idle.timeout': options.idleTimeoutMs }),
      ...(options.language === undefined
        ? {}
        : {
            'intl.locale.requested': options.language,
            // Debian installs language packs beside the browser: let a fresh profile use them.
            'extensions.autoDisableScopes': 0,
            'extensions.enabledScopes': 15,
          }),
      // 0 dark, 1 light: what web and extension pages get for prefers-color-scheme.
      ...(options.colorScheme === undefined
        ? {}
        : {
            'ui.systemUsesDarkTheme': options.colorScheme === 'dark' ? 1 : 0,
            'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1,
          }),
    },
  });
  await browser.installExtension(extensionDir);
  const origin = `moz-extension://${uuid}/`;
  let helper: Page | undefined;

  async function openViaWebPage(page: Page, url: string): Promise<void> {
    await page.goto(options.httpPage);
    await page.evaluate((target) => void (location.href = target), url);
    await pollHref(
      () => page.evaluate(() => location.href),
      (href) => href === url || href.startsWith(url.split('#')[0]!),
    );
  }

  async function helperPage(): Promise<Page> {
    if (!helper || helper.isClosed()) {
      helper = await browser.newPage();
      // The warning page is web-accessible; without a target it only says so.
      await openViaWebPage(helper, `${origin}warning/index.html`);
    }
    return helper;
  }

  const session: FirefoxSession = {
    browser,
    origin,
    profileDir,
    async inExtension<T, A>(fn: (arg: A) => Promise<T>, arg: A): Promise<T> {
      return (await helperPage()).evaluate(fn as never, arg) as Promise<T>;
    },
    async call(type, payload) {
      const reply = (await session.inExtension(
        ({ type, payload }) =>
          (globalThis as unknown as { browser: Browser }).browser.runtime.sendMessage({ type, payload }),
        { type, payload },
      )) as {
        ok: boolean;
        value?: unknown;
        error?: string;
      };
      if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
      return reply.value as ResponseOf<typeof type>;
    },
    async openExtensionPage(pagePath) {
      const before = new Set(await browser.pages());
      await session.inExtension(
        (u) => (globalThis as unknown as { browser: Browser }).browser.tabs.create({ url: u }).then(() => undefined),
        `${origin}${pagePath}`,
      );
      let found: Page | undefined;
      await pollHref(
        async () => {
          found = (await browser.pages()).find((page) => !before.has(page));
          return found ? await found.evaluate(() => document.readyState) : 'no tab yet';
        },
        (state) => state === 'complete',
      );
      return found!;
    },
    async ready() {
      const deadline = Date.now() + 30_000;
      while ((await session.call('get-status', {})).state === 'loading') {
        if (Date.now() > deadline) throw new Error('the extension did not finish loading its model');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      await browser.close();
      if (!options.profileDir) await rm(profileDir, { recursive: true, force: true });
    },
  };
  await session.ready();
  return session;
}

/**
 * Navigates by setting location.href from the page and waits for the next document to finish
 * loading. (Puppeteer's goto over BiDi waits for a load that never comes when the extension
 * redirects the request, and its page.url() lags behind extension pages.)
 */
async function navigate(page: Page, url: string): Promise<void> {
  const before = await page.evaluate(() => location.href).catch(() => '');
  await page.evaluate((target) => void (location.href = target), url);
  await pollHref(
    () => page.evaluate(() => `${document.readyState} ${location.href}`),
    (state) => state.startsWith('complete ') && (state.slice(9) !== before || before === url),
  );
}

function puppeteerTab(page: Page): TestTab {
  return {
    goto: (url) => navigate(page, url),
    href: () => page.evaluate(() => location.href),
    waitForHref: (test, timeoutMs) => pollHref(() => page.evaluate(() => location.href), test, timeoutMs),
    text: (selector) =>
      page.evaluate((s) => (document.querySelector(s) as HTMLElement | null)?.innerText ?? null, selector),
    click: (selector) => page.click(selector),
    press: (key) => page.keyboard.press(key as never),
    focusedClass: () => page.evaluate(() => document.activeElement?.className ?? ''),
    close: () => page.close(),
  };
}

/** The Firefox implementation of the scenario driver. */
export async function firefoxUnderTest(
  extensionDir: string,
  options: Omit<FirefoxOptions, 'profileDir'>,
): Promise<BrowserUnderTest> {
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'snowman-firefox-'));
  let session = await launchFirefox(extensionDir, { ...options, profileDir });
  return {
    name: 'firefox',
    get origin() {
      return session.origin;
    },
    blocksFirstVisit: true,
    newTab: async () => puppeteerTab(await session.browser.newPage()),
    openExtensionPage: async (pagePath) => puppeteerTab(await session.openExtensionPage(pagePath)),
    call: (type, payload) => session.call(type, payload),
    toolbarFor: (urlPrefix) =>
      session.inExtension(async (prefix) => {
        const ext = (globalThis as unknown as { browser: Browser }).browser;
        const tab = (await ext.tabs.query({})).find((t) => t.url?.startsWith(prefix));
        if (tab?.id === undefined) throw new Error(`no tab at ${prefix}`);
        return {
          tabId: tab.id,
          badge: await ext.action.getBadgeText({ tabId: tab.id }),
          title: await ext.action.getTitle({ tabId: tab.id }),
        };
      }, urlPrefix),
    async stopBackground() {
      // Firefox suspends an idle event page after `idleTimeoutMs`; wait it out.
      await new Promise((resolve) => setTimeout(resolve, (options.idleTimeoutMs ?? 30_000) + 1500));
    },
    async restart() {
      await session.browser.close();
      session = await launchFirefox(extensionDir, { ...options, profileDir });
    },
    async close() {
      await session.browser.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}
