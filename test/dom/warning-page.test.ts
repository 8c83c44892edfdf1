/** Warning page: target parsing (invalid inputs first) and the DOM built from text nodes only. */
import { describe, expect, it } from 'vitest';
import type { WarningDetails } from '../../src/core/messages.js';
import { parseTarget } from '../../src/warning/target.js';
import { hostNode, renderExplanation, renderRefused, renderWarning } from '../../src/warning/view.js';

const PAGE = 'chrome-extension://id/warning/index.html';

describe('warning page target', () => {
  it('refuses every scheme but http(s), and malformed or empty targets', () => {
    for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:msgbox(1)', 'file:///etc/passwd', 'blob:https://a.com/x', 'ftp://a.com/', 'chrome://settings', 'http://', 'not a url', '', '//a.com/']) {
      const target = parseTarget(`${PAGE}#${bad}`);
      expect(target.ok, bad).toBe(false);
    }
    expect(parseTarget(PAGE)).toEqual({ ok: false, message: 'No address was given to this page.' });
    expect(parseTarget(`${PAGE}#javascript:alert(1)`)).toMatchObject({ message: expect.stringMatching(/not javascript:/) });
  });

  it('keeps the whole target, its own fragment included', () => {
    expect(parseTarget(`${PAGE}#http://evil.com:8080/login?next=/a&b=1#frag`)).toEqual({ ok: true, url: 'http://evil.com:8080/login?next=/a&b=1#frag', host: 'evil.com' });
    expect(parseTarget(`${PAGE}#https://xn--pypal-4ve.com/`)).toMatchObject({ ok: true, host: 'xn--pypal-4ve.com' });
  });
});

const details = (over: Partial<WarningDetails> = {}): WarningDetails => ({
  url: 'http://login.xn--pypal-4ve.com/',
  fullHost: 'login.xn--pypal-4ve.com',
  displayHost: 'login.pаypal.com',
  registrableDomain: 'xn--pypal-4ve.com',
  site: 'xn--pypal-4ve.com',
  verdict: { level: 'dangerous', category: 'malicious', score: 0.9987, risk: 0.9999, reasons: [{ kind: 'model', message: 'the name looks like a phishing or malware domain (score 0.999)' }] },
  modelVersion: 'm1',
  ...over,
});

describe('warning page view', () => {
  it('shows the Unicode name with the registrable domain emphasised, verdict, category, score and reasons', () => {
    const root = document.createElement('main');
    const calls: string[] = [];
    const focus = renderWarning(document, root, details(), { back: () => calls.push('back'), continueToSite: () => calls.push('continue'), trustSite: () => calls.push('trust') });
    expect(root.querySelector('.host')?.textContent).toBe('login.pаypal.com');
    expect(root.querySelector('.host strong')?.textContent).toBe('pаypal.com');
    expect(root.querySelector('.level')?.textContent).toBe('Dangerous');
    expect(root.querySelector('.category')?.textContent).toMatch(/phishing-like/);
    expect(root.querySelector('.score')?.textContent).toBe('0.999');
    expect(root.querySelector('.reasons li')?.textContent).toMatch(/phishing/);
    expect(focus.textContent).toBe('Go back');
    const buttons = [...root.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Go back', 'Continue to pаypal.com', 'Always trust pаypal.com']);
    expect(buttons.every((b) => b.type === 'button')).toBe(true);
    buttons.forEach((b) => b.click());
    expect(calls).toEqual(['back', 'continue', 'trust']);
  });

  it('never turns names or reasons into markup', () => {
    const root = document.createElement('main');
    const hostile = '<img src=x onerror=alert(1)>';
    renderWarning(document, root, details({ displayHost: hostile, registrableDomain: null, url: hostile, verdict: { level: 'dangerous', category: 'dga', score: 1, risk: 1, reasons: [{ kind: 'model', message: hostile }] } }), { back() {}, continueToSite() {}, trustSite() {} });
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.host')?.textContent).toBe(hostile);
    expect(root.querySelector('.reasons li')?.textContent).toBe(hostile);
  });

  it('hides the explanation slot until spans are given, then marks them', () => {
    const slot = document.createElement('section');
    renderExplanation(document, slot, 'paypal-login.com', undefined);
    expect(slot.hidden).toBe(true);
    renderExplanation(document, slot, 'paypal-login.com', [{ start: 7, end: 12, weight: 0.8 }, { start: 0, end: 6, weight: 0.5 }, { start: 3, end: 99, weight: 1 }]);
    expect(slot.hidden).toBe(false);
    expect([...slot.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['paypal', 'login']);
    expect(slot.querySelector('.explained-host')?.textContent).toBe('paypal-login.com');
  });

  it('a registrable domain that is not a suffix of the shown name is not emphasised', () => {
    expect(hostNode(document, 'a.example.com', 'other.com').querySelector('strong')).toBeNull();
  });

  it('a refused target offers Go back only', () => {
    const root = document.createElement('main');
    renderRefused(document, root, 'Snowman only opens http and https addresses from here, not javascript:', () => {});
    expect([...root.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Go back']);
    expect(root.querySelector('.refused')?.textContent).toMatch(/not javascript:/);
  });
});
