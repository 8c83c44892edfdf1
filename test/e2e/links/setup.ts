/**
 * Shared set-up of the link and popup suites: the harness's chosen names and built extension
 * (with its test-only thresholds when the shipped model is the untrained placeholder), the page
 * server, and one browser per file.
 */
import { expect } from 'vitest';
import { extensionDir, type ExtensionDir, type Target } from '../harness/extension.js';
import { pickE2eNames, type E2eNames } from '../harness/names.js';
import type { LinkBrowser, LinkPage } from './browsers.js';
import { startLinkServer, type LinkServer } from './pages.js';

export type LinkLauncher = (dir: string, context: { names: E2eNames; server: LinkServer }) => Promise<LinkBrowser>;

export interface LinkWorld {
  readonly names: E2eNames;
  readonly server: LinkServer;
  readonly browser: LinkBrowser;
  dispose(): Promise<void>;
}

/** Starts everything a suite needs; `dispose` closes the browser and the server. */
export async function startWorld(target: Target, launch: LinkLauncher): Promise<LinkWorld> {
  const names = await pickE2eNames();
  const server = await startLinkServer();
  let ext: ExtensionDir | undefined;
  try {
    ext = await extensionDir(target, names);
    const browser = await launch(ext.dir, { names, server });
    return {
      names,
      server,
      browser,
      async dispose() {
        await browser.close();
        await server.close();
        await ext?.dispose();
      },
    };
  } catch (error) {
    await server.close();
    await ext?.dispose();
    throw error;
  }
}

/** What the page itself can see of the badges next to the links in #links. */
export interface PageView {
  readonly host: string;
  readonly badged: boolean;
  readonly shadowRoot: boolean;
  readonly attributes: string[];
  readonly style: string | null;
  readonly text: string | null;
  readonly linkAttributes: string[];
}

/** Reads, from the page's own world, which links of #links have a badge element after them. */
export function inspectLinks(page: LinkPage): Promise<PageView[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLAnchorElement>('#links a'), (a) => {
      const next = a.nextElementSibling;
      const badge = next && next.localName === 'span' && next.childNodes.length === 0 ? next : null;
      return {
        host: a.hostname,
        badged: badge !== null,
        shadowRoot: badge ? badge.shadowRoot !== null : false,
        attributes: badge ? badge.getAttributeNames() : [],
        style: badge ? badge.getAttribute('style') : null,
        text: badge ? badge.textContent : null,
        linkAttributes: a.getAttributeNames(),
      };
    }),
  );
}

/** Hosts whose links are all badged, and hosts with no badged link, once the page has settled on `expectBadged`. */
export async function waitForBadges(
  page: LinkPage,
  expectBadged: readonly string[],
  timeout = 15_000,
): Promise<PageView[]> {
  await expect
    .poll(
      async () => {
        const views = await inspectLinks(page);
        return [...new Set(views.filter((v) => v.badged).map((v) => v.host))].sort();
      },
      { timeout, interval: 100 },
    )
    .toEqual([...expectBadged].sort());
  return inspectLinks(page);
}
