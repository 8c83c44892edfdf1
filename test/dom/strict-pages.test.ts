import { describe, expect, it } from 'vitest';
import { checkingTarget, isOwnWarningPage, isWebAddress } from '../../src/checking/target.js';
import { renderChecking, renderStopped } from '../../src/checking/view.js';
import { renderStrictSection } from '../../src/options/strict-section.js';
import { renderPopup } from '../../src/popup/view.js';
import { NO_POPUP_ACTIONS } from './popup-actions.js';
import type { SiteDetails } from '../../src/core/messages.js';

const PAGE = 'chrome-extension://id/checking/index.html';

describe('checking page', () => {
  it('takes everything after its first # as the target, and only http(s)', () => {
    expect(checkingTarget(`${PAGE}#http://example.com/a#b`)).toEqual({
      ok: true,
      url: 'http://example.com/a#b',
      host: 'example.com',
    });
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'not a url', ''])
      expect(checkingTarget(`${PAGE}#${bad}`), bad).toEqual({ ok: false });
    expect(checkingTarget(PAGE)).toEqual({ ok: false });
    expect(isWebAddress('https://example.com/')).toBe(true);
    expect(isWebAddress('javascript:alert(1)')).toBe(false);
  });

  it("goes to a warn answer only on the extension's own warning page", () => {
    const origin = 'chrome-extension://id';
    expect(isOwnWarningPage(`${origin}/warning/index.html?t=x#http://a.com/`, origin)).toBe(true);
    expect(isOwnWarningPage('chrome-extension://other/warning/index.html#x', origin)).toBe(false);
    expect(isOwnWarningPage(`${origin}/options/index.html`, origin)).toBe(false);
    expect(isOwnWarningPage('http://evil.com/warning/index.html', origin)).toBe(false);
  });

  it('names the site in Unicode while checking, and renders a hostile name as text', () => {
    const root = document.createElement('main');
    renderChecking(document, root, 'xn--pypal-4ve.com');
    expect(root.querySelector('h1')!.textContent).toBe('Checking pаypal.com…');
    renderStopped(document, root, 'reason', 'http://a.com/<img src=x onerror=alert(1)>');
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('a')!.getAttribute('href')).toBe('http://a.com/<img src=x onerror=alert(1)>');
    expect(root.querySelector('a')!.textContent).toBe('Open a.com');
  });
});

describe('options page: strict mode', () => {
  it('shows the setting with its explanation and reports a change', () => {
    const root = document.createElement('div');
    const changes: boolean[] = [];
    renderStrictSection(document, root, { strictFirstVisit: false }, (on) => changes.push(on));
    const box = root.querySelector<HTMLInputElement>('#strict-first-visit')!;
    expect(box.checked).toBe(false);
    expect(root.querySelector('label')!.textContent).toBe('Check new sites before they load (strict mode)');
    expect(root.querySelector('#strict-first-visit-hint')!.textContent).toContain('not even the first request');
    box.checked = true;
    box.dispatchEvent(new Event('change'));
    expect(changes).toEqual([true]);
  });

  it("shows the policy's value, disabled, with the reason", () => {
    const root = document.createElement('div');
    renderStrictSection(document, root, { strictFirstVisit: false }, () => undefined, true);
    const box = root.querySelector<HTMLInputElement>('#strict-first-visit')!;
    expect(box.checked).toBe(true);
    expect(box.disabled).toBe(true);
    expect(root.querySelector('#strict-first-visit-locked')!.textContent).toBe(
      'Set by your organisation: it cannot be changed here.',
    );
  });
});

describe('popup: a site strict mode let through unjudged', () => {
  const site: SiteDetails = {
    url: 'http://slow-example.com/',
    fullHost: 'slow-example.com',
    displayHost: 'slow-example.com',
    registrableDomain: 'slow-example.com',
    site: 'slow-example.com',
    verdict: { level: 'safe', category: 'benign', score: 0.01, risk: 0.01, reasons: [] },
    explanation: [],
    modelVersion: 'm-1',
    choice: { trusted: false, blocked: false, paused: false },
    issued: false,
    decidedBy: null,
  };
  const render = (details: SiteDetails): HTMLElement => {
    const root = document.createElement('main');
    const actions = NO_POPUP_ACTIONS;
    const state = {
      host: null,
      site: details,
      siteError: null,
      summary: null,
      status: null,
      notice: null,
      busy: false,
    };
    renderPopup(document, root, state, actions);
    return root;
  };

  it('says why, and says nothing for a site judged as usual', () => {
    expect(render({ ...site, unchecked: 'slow' }).querySelector('#site-unchecked')!.textContent).toBe(
      'Strict mode let this site open before Snowman had judged it: the check took too long.',
    );
    expect(render(site).querySelector('#site-unchecked')).toBeNull();
  });
});
