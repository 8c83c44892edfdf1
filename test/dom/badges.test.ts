// @vitest-environment-options {"url": "http://page.example/"}
import { beforeEach, describe, expect, it } from 'vitest';
import { badgeAfter, createHarness, verdictFor } from './helpers.js';

const links = (html: string): HTMLElement[] => {
  document.body.innerHTML = html;
  return Array.from(document.querySelectorAll<HTMLElement>('a,form'));
};

describe('badges', () => {
  beforeEach(() => {
    document.body.replaceChildren();
    document.head.replaceChildren();
  });

  it('marks links to risky hosts, right after the link, and leaves the others alone', async () => {
    const [evil, safe, odd] = links(
      '<p><a href="http://evil-login.example/">a</a> text <a href="http://news.example/">b</a> <a href="http://odd-name.example/">c</a></p>',
    );
    const h = createHarness();
    h.scanner.examine([document.documentElement]);
    await h.scanner.settled();
    expect(badgeAfter(h, evil!)).not.toBeNull();
    expect(badgeAfter(h, odd!)).not.toBeNull();
    expect(badgeAfter(h, safe!)).toBeNull();
    expect(h.badges.verdictOf(evil!)?.level).toBe('dangerous');
    expect(h.badges.verdictOf(odd!)?.level).toBe('suspicious');
  });

  it('hides the verdict from the page: closed shadow root, no attributes but one style shared by every level', async () => {
    const [evil, odd] = links('<a href="http://evil.example/">a</a><a href="http://odd.example/">b</a>');
    const h = createHarness();
    h.scanner.examine([document.documentElement]);
    await h.scanner.settled();
    const badges = [badgeAfter(h, evil!)!, badgeAfter(h, odd!)!];
    for (const badge of badges) {
      expect(badge.shadowRoot).toBeNull();
      expect(badge.childNodes).toHaveLength(0);
      expect(badge.getAttributeNames()).toEqual(['style']);
      expect(() => badge.attachShadow({ mode: 'open' })).toThrow();
    }
    expect(badges[0]!.getAttribute('style')).toBe(badges[1]!.getAttribute('style'));
    // Nothing about the verdict leaks onto the links either.
    expect(evil!.getAttributeNames()).toEqual(['href']);
    expect(document.body.textContent).toBe('ab');
  });

  it('resets the host with inline !important so page CSS cannot hide or resize it', async () => {
    const [evil] = links('<a href="http://evil.example/">a</a>');
    const style = document.createElement('style');
    style.textContent = 'span { display: none !important; width: 500px !important; }';
    document.head.append(style);
    const h = createHarness();
    h.scanner.examine([document.documentElement]);
    await h.scanner.settled();
    const badge = badgeAfter(h, evil!) as HTMLElement;
    expect(badge.style.getPropertyValue('display')).toBe('inline-block');
    expect(badge.style.getPropertyPriority('display')).toBe('important');
    expect(badge.style.getPropertyValue('width')).toBe('14px');
    expect(badge.style.getPropertyPriority('width')).toBe('important');
  });

  it('removes badges when the background changes its mind (trust), and puts them back', async () => {
    const [evil] = links('<a href="http://evil.example/">a</a><a href="http://evil.example/2">b</a>');
    const h = createHarness();
    h.scanner.examine([document.documentElement]);
    await h.scanner.settled();
    expect(h.badges.count).toBe(2);
    h.decide = () => null;
    h.scanner.rescan();
    await h.scanner.settled();
    expect(h.badges.count).toBe(0);
    expect(badgeAfter(h, evil!)).toBeNull();
    h.decide = verdictFor;
    h.scanner.rescan();
    await h.scanner.settled();
    expect(h.badges.count).toBe(2);
  });

  it('badges forms at their submit control and image-map areas at their image', async () => {
    document.body.innerHTML = `<form action="http://evil-post.example/"><input><button id="go">Go</button></form>
      <img id="img" usemap="#m" src="data:,"><map name="m"><area href="http://evil-area.example/" alt=""></map>`;
    const h = createHarness();
    h.scanner.examine([document.documentElement]);
    await h.scanner.settled();
    expect(h.badges.isOwn(document.getElementById('go')!.nextElementSibling!)).toBe(true);
    expect(h.badges.isOwn(document.getElementById('img')!.nextElementSibling!)).toBe(true);
  });

  it('shows the tooltip (domain, verdict, category, highlighted part) on keyboard focus, in a closed shadow root', async () => {
    const [evil] = links('<a id="x" href="http://evil-login.example/">a</a>');
    const h = createHarness();
    const { wireTooltips } = await import('../../src/content/hover.js');
    wireTooltips(document, h.badges, h.tooltip);
    h.scanner.examine([document.documentElement]);
    await h.scanner.settled();
    const before = document.documentElement.children.length;
    evil!.focus();
    const tip = document.documentElement.lastElementChild!;
    expect(document.documentElement.children.length).toBe(before + 1);
    expect(tip.shadowRoot).toBeNull();
    expect(tip.textContent).toBe('');
    evil!.blur();
    expect(document.documentElement.children.length).toBe(before);
  });
});

describe('badges against the page', () => {
  beforeEach(() => {
    document.body.replaceChildren();
    document.head.replaceChildren();
  });

  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('carry no text a find-in-page could match, inside or outside the shadow root', async () => {
    const [evil, odd] = links('<a href="http://evil.example/">a</a><a href="http://odd.example/">b</a>');
    // The roots are closed: the test keeps its own handle on them, as the page never can.
    const roots = new Map<Element, ShadowRoot>();
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
      const root = attach.call(this, init);
      roots.set(this, root);
      return root;
    };
    const h = createHarness();
    h.scanner.examine([document.documentElement]);
    await h.scanner.settled();
    Element.prototype.attachShadow = attach;
    for (const link of [evil!, odd!]) {
      const glyph = roots.get(badgeAfter(h, link)!)!.firstElementChild!;
      expect(glyph.textContent).toBe('');
      expect(glyph.querySelector('path')?.getAttribute('d')).toMatch(/^M/);
    }
  });

  it('come back when the page removes or restyles them', async () => {
    const [evil] = links('<p><a href="http://evil.example/">a</a></p>');
    const h = createHarness();
    h.scanner.examine([document.documentElement]);
    await h.scanner.settled();
    const badge = badgeAfter(h, evil!) as HTMLElement;
    const style = badge.getAttribute('style');
    badge.remove();
    await settle();
    expect(badgeAfter(h, evil!)).toBe(badge);
    badge.style.setProperty('display', 'none', 'important');
    badge.hidden = true;
    await settle();
    expect(badge.getAttribute('style')).toBe(style);
    expect(badge.hidden).toBe(false);
  });
});
