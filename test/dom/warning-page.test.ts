/** Warning page: target parsing (invalid inputs first) and the DOM built from text nodes only. */
import { describe, expect, it } from 'vitest';
import type { SiteDetails } from '../../src/core/messages.js';
import { parseTarget } from '../../src/ui/warning-target.js';
import {
  hostNode,
  renderExplanation,
  renderRefused,
  renderWarning,
  type WarningActions,
} from '../../src/warning/view.js';

const PAGE = 'chrome-extension://id/warning/index.html';

describe('warning page target', () => {
  it('refuses every scheme but http(s), and malformed or empty targets', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'blob:https://a.com/x',
      'ftp://a.com/',
      'chrome://settings',
      'http://',
      'not a url',
      '',
      '//a.com/',
    ]) {
      const target = parseTarget(`${PAGE}#${bad}`);
      expect(target.ok, bad).toBe(false);
    }
    expect(parseTarget(PAGE)).toEqual({ ok: false, message: 'No address was given to this page.' });
    expect(parseTarget(`${PAGE}#javascript:alert(1)`)).toMatchObject({
      message: expect.stringMatching(/not javascript:/),
    });
  });

  it('keeps the whole target, its own fragment included', () => {
    expect(parseTarget(`${PAGE}#http://evil.com:8080/login?next=/a&b=1#frag`)).toEqual({
      ok: true,
      url: 'http://evil.com:8080/login?next=/a&b=1#frag',
      host: 'evil.com',
    });
    expect(parseTarget(`${PAGE}#https://xn--pypal-4ve.com/`)).toMatchObject({ ok: true, host: 'xn--pypal-4ve.com' });
  });
});

type Verdict = SiteDetails['verdict'];

/** A dangerous verdict of the malicious kind for `reasons`; other fields as `over` says. */
const dangerous = (reasons: Verdict['reasons'], over: Partial<Verdict> = {}): Verdict => ({
  level: 'dangerous',
  category: 'malicious',
  score: 0.9987,
  risk: 0.9999,
  reasons,
  ...over,
});

const details = (over: Partial<SiteDetails> = {}): SiteDetails => ({
  url: 'http://login.xn--pypal-4ve.com/',
  fullHost: 'login.xn--pypal-4ve.com',
  displayHost: 'login.pаypal.com',
  registrableDomain: 'xn--pypal-4ve.com',
  site: 'xn--pypal-4ve.com',
  verdict: dangerous([{ kind: 'model', message: 'the name looks like a phishing or malware domain (score 0.999)' }]),
  explanation: [],
  modelVersion: 'm1',
  choice: { trusted: false, blocked: false, paused: false },
  decidedBy: null,
  issued: true,
  ...over,
});

function actions(calls: string[] = [], copy: (text: string) => Promise<void> = async () => undefined): WarningActions {
  return {
    back: () => calls.push('back'),
    continueToSite: () => calls.push('continue'),
    trustSite: () => calls.push('trust'),
    copyReport: (text) => (calls.push(`copy:${text.length}`), copy(text)),
    saveReport: (name) => calls.push(`save:${name}`),
    extensionVersion: '9.9.9',
  };
}

/** The warning page for `details(over)` in a detached root, with actions that do nothing. */
function rendered(over: Partial<SiteDetails> = {}): HTMLElement {
  const root = document.createElement('main');
  renderWarning(document, root, details(over), actions());
  return root;
}

const byClass = (root: Element, name: string): HTMLButtonElement => root.querySelector(`button.${name}`)!;

describe('warning page view', () => {
  it('leads with the name, what the site may do and the strongest reason; Go back is the one primary action', () => {
    const root = document.createElement('main');
    const calls: string[] = [];
    const focus = renderWarning(
      document,
      root,
      details({
        verdict: dangerous(
          [
            { kind: 'model', message: 'the name looks like a phishing or malware domain (score 0.999)' },
            { kind: 'lookalike', message: 'looks like paypal.com', target: 'paypal.com' },
          ],
          { risk: 0.99995 },
        ),
      }),
      actions(calls),
    );
    expect(document.body.classList.contains('level-dangerous')).toBe(true);
    expect(root.querySelector('h1')?.textContent).toBe('Dangerous site');
    expect(root.querySelector('.target .host')?.textContent).toBe('login.pаypal.com');
    expect(root.querySelector('.target .host strong')?.textContent).toBe('pаypal.com');
    expect(root.querySelector('.target .punycode')?.textContent).toBe('login.xn--pypal-4ve.com');
    expect(root.querySelector('.headline')?.textContent).toBe(
      'This site may try to steal your password, card or wallet.',
    );
    expect([...root.querySelectorAll('.reasons li')].map((li) => li.textContent)).toEqual([
      'It looks like paypal.com, but it is a different site.',
      'Its name looks like the names of phishing and scam sites.',
    ]);
    expect(root.textContent).not.toMatch(/score|0\.99/i);
    expect(focus.textContent).toBe('Go back to safety');
    expect([...root.querySelectorAll('button.primary')]).toEqual([focus]);
    const more = root.querySelector<HTMLDetailsElement>('details.more')!;
    expect(more.open).toBe(false);
    expect(more.contains(byClass(root, 'continue'))).toBe(true);
    expect(more.contains(byClass(root, 'trust'))).toBe(true);
    expect(byClass(root, 'continue').textContent).toBe('Continue to pаypal.com for this session');
    expect([...root.querySelectorAll('button')].every((b) => b.type === 'button')).toBe(true);
    focus.click();
    byClass(root, 'continue').click();
    expect(calls).toEqual(['back', 'continue']);
  });

  it('Always trust asks first, naming exactly what will be trusted; Cancel trusts nothing', () => {
    const root = document.createElement('main');
    document.body.append(root);
    const calls: string[] = [];
    renderWarning(document, root, details(), actions(calls));
    const confirm = root.querySelector<HTMLElement>('#trust-confirm')!;
    expect(confirm.hidden).toBe(true);
    byClass(root, 'trust').click();
    expect(calls).toEqual([]);
    expect(confirm.hidden).toBe(false);
    expect(confirm.querySelector('.question')?.textContent).toBe('Always trust pаypal.com?');
    expect(confirm.querySelector('.scope')?.textContent).toBe(
      "Snowman will never warn about pаypal.com (written xn--pypal-4ve.com) or any address ending in .pаypal.com, in any tab, until you remove it in Snowman's options.",
    );
    expect(document.activeElement).toBe(byClass(root, 'cancel'));
    byClass(root, 'cancel').click();
    expect(confirm.hidden).toBe(true);
    expect(calls).toEqual([]);
    byClass(root, 'trust').click();
    byClass(root, 'confirm-trust').click();
    expect(calls).toEqual(['trust']);
    root.remove();
  });

  it('Report a mistake holds the local JSON report (name, verdict, reasons, versions) to copy or save', async () => {
    const root = document.createElement('main');
    const calls: string[] = [];
    renderWarning(document, root, details({ explanation: [{ start: 6, end: 11, weight: 0.9 }] }), actions(calls));
    const text = root.querySelector<HTMLTextAreaElement>('.report-text')!.value;
    const report = JSON.parse(text) as Record<string, unknown>;
    expect(report).toMatchObject({
      format: 'snowman-report',
      kind: 'false-positive',
      domain: { host: 'login.xn--pypal-4ve.com', display: 'login.pаypal.com', registrableDomain: 'xn--pypal-4ve.com' },
      verdict: {
        level: 'dangerous',
        category: 'malicious',
        reasons: ['the name looks like a phishing or malware domain (score 0.999)'],
      },
      explanation: [{ text: 'pаypa', start: 6, end: 11 }],
      model: { version: 'm1' },
      lists: [],
      extensionVersion: '9.9.9',
    });
    expect(text).not.toContain('http://');
    byClass(root, 'copy-report').click();
    await Promise.resolve();
    await Promise.resolve();
    expect(root.querySelector('.report-status')?.textContent).toMatch(/^Copied\. Nothing was sent/);
    byClass(root, 'save-report').click();
    expect(calls).toEqual([
      `copy:${text.length}`,
      expect.stringMatching(/^save:snowman-report-login\.xn--pypal-4ve\.com-\d{4}-\d\d-\d\d\.json$/),
    ]);
    const refusing = document.createElement('main');
    renderWarning(
      document,
      refusing,
      details(),
      actions([], () => Promise.reject(new Error('denied'))),
    );
    byClass(refusing, 'copy-report').click();
    await new Promise((r) => setTimeout(r, 0));
    expect(refusing.querySelector('.report-status')?.textContent).toMatch(/did not allow copying/);
  });

  it('a name on a threat list leads with the list, before a lookalike or the model', () => {
    const root = rendered({
      verdict: dangerous(
        [
          { kind: 'model', message: 'm' },
          {
            kind: 'listed',
            message: 'listed as phishing by openphish (list of 2026-11-20)',
            detail: { kind: 'listed', threat: 'phishing', feed: 'openphish', date: '2026-11-20' },
          },
        ],
        { score: 0.2, risk: 0.4 },
      ),
    });
    expect([...root.querySelectorAll('.reasons li')].map((li) => li.textContent)).toEqual([
      'It is on a list of known harmful sites: openphish lists it as phishing (list of Nov 20, 2026).',
      'Its name looks like the names of phishing and scam sites.',
    ]);
    expect(root.querySelector('.reasons li')?.classList.contains('strongest')).toBe(true);
  });

  it('a site the organisation blocked says so, and offers no way past it', () => {
    const root = rendered({
      verdict: dangerous([{ kind: 'org-blocked', message: 'blocked by your organisation' }], {
        score: 0.1,
        risk: 0.2,
      }),
      decidedBy: { kind: 'organisation' },
    });
    expect(root.querySelector('.reasons li')?.textContent).toBe('Blocked by your organisation.');
    expect(root.querySelector('.facts .decided-by')?.textContent).toBe('Your organisation');
    expect(root.querySelector('.continue')).toBeNull();
    expect(root.querySelector('.trust')).toBeNull();
    expect(root.querySelector('.org-blocked')?.textContent).toMatch(/^Your organisation blocked this site/);
    expect(root.textContent).not.toMatch(/you chose/i);
  });

  it('a site on an imported block list names the list and its date in Details, and keeps the way through', () => {
    const root = rendered({
      verdict: dangerous([{ kind: 'imported-blocked', message: 'on the block list you imported' }], {
        score: 0.1,
        risk: 0.2,
      }),
      decidedBy: { kind: 'list', list: 'block', fileName: 'corp.txt', importedAt: '2026-04-05T06:07:08.000Z' },
    });
    expect(root.querySelector('.facts .decided-by')?.textContent).toBe('On the list corp.txt, 2026-04-05');
    expect(root.querySelector('.continue')).not.toBeNull();
  });

  it('a machine-generated name says so, and a suspicious one is amber with softer words', () => {
    const root = rendered({
      displayHost: 'xkqjzv.com',
      fullHost: 'xkqjzv.com',
      registrableDomain: 'xkqjzv.com',
      site: 'xkqjzv.com',
      verdict: {
        level: 'suspicious',
        category: 'dga',
        score: 0.9,
        risk: 0.9992,
        reasons: [{ kind: 'model', message: 'x' }],
      },
    });
    expect(document.body.classList.contains('level-suspicious')).toBe(true);
    expect(document.body.classList.contains('level-dangerous')).toBe(false);
    expect(root.querySelector('h1')?.textContent).toBe('Suspicious site');
    expect(root.querySelector('.headline')?.textContent).toMatch(/could be part of a malware network/);
    expect(root.querySelector('.reasons li')?.textContent).toBe(
      'Its name looks machine-generated, the way malware names its servers.',
    );
    expect(root.querySelector('.punycode')).toBeNull();
  });

  it('offers no way past a warning the extension did not issue', () => {
    const root = document.createElement('main');
    const { continueToSite: _c, trustSite: _t, ...untrusted } = actions();
    renderWarning(document, root, details({ issued: false }), untrusted);
    expect(root.querySelector('.continue')).toBeNull();
    expect(root.querySelector('.trust')).toBeNull();
    expect(root.querySelector('.not-issued')?.textContent).toMatch(/did not send you/);
  });

  it('never turns names or reasons into markup', () => {
    const root = document.createElement('main');
    const hostile = '<img src=x onerror=alert(1)>';
    renderWarning(
      document,
      root,
      details({
        displayHost: hostile,
        registrableDomain: null,
        url: hostile,
        verdict: {
          level: 'dangerous',
          category: 'dga',
          score: 1,
          risk: 1,
          reasons: [
            {
              kind: 'listed',
              message: hostile,
              detail: { kind: 'listed', threat: hostile, feed: hostile, date: hostile },
            },
          ],
        },
      }),
      actions(),
    );
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.host')?.textContent).toBe(hostile);
    expect(root.querySelector('.reasons li')?.textContent).toBe(
      `It is on a list of known harmful sites: ${hostile} lists it as harmful (list of ${hostile}).`,
    );
    expect(root.querySelector<HTMLTextAreaElement>('.report-text')?.value).toContain(
      JSON.stringify(hostile).slice(1, -1),
    );
  });

  it('hides the explanation slot until spans are given, then marks them', () => {
    const slot = document.createElement('section');
    renderExplanation(document, slot, 'paypal-login.com', undefined);
    expect(slot.hidden).toBe(true);
    renderExplanation(document, slot, 'paypal-login.com', [
      { start: 7, end: 12, weight: 0.8 },
      { start: 0, end: 6, weight: 0.5 },
      { start: 3, end: 99, weight: 1 },
    ]);
    expect(slot.hidden).toBe(false);
    expect([...slot.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['paypal', 'login']);
    expect([...slot.querySelectorAll('mark')].map((m) => (m as HTMLElement).dataset['strength'])).toEqual([
      'medium',
      'high',
    ]);
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
