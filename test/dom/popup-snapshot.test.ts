import { describe, expect, it } from 'vitest';
import { readPopupAddress } from '../../src/core/popup-snapshot.js';
import { renderPopup } from '../../src/popup/view.js';
import { snapshotDetails, snapshotFits } from '../../src/popup/snapshot-site.js';
import { EMPTY_POPUP } from '../../src/popup/start.js';
import { NO_POPUP_ACTIONS } from './popup-actions.js';

/** The popup rendered from nothing but its address, as its first script does before any answer. */
function renderAddress(query: string): HTMLElement {
  const site = readPopupAddress(query).site;
  if (!site) throw new Error(`refused: ${query}`);
  const root = document.createElement('main');
  renderPopup(document, root, { ...EMPTY_POPUP, site: snapshotDetails(site), provisional: true }, NO_POPUP_ACTIONS);
  return root;
}

const text = (root: HTMLElement, selector: string): string | null => root.querySelector(selector)?.textContent ?? null;

describe('popup: the first render from the toolbar’s snapshot', () => {
  it('shows the verdict, the plain reason and the meter, with the actions off until the background answers', () => {
    const root = renderAddress(
      'tab=3&via=toolbar&level=dangerous&category=malicious&host=paypal-login.example.com&site=2&risk=998&why=model,lookalike&like=paypal.com',
    );
    expect(text(root, '#site-verdict')).toBe('Dangerous · phishing-like name');
    // The strongest reason first: the lookalike, with the site it imitates.
    expect(text(root, '#site-reason')).toBe('It looks like paypal.com, but it is a different site.');
    expect(text(root, '#site-name strong')).toBe('example.com');
    expect(text(root, '.meter-text')).toBe('High risk: riskier than 99.8 % of ordinary sites');
    for (const id of ['trust', 'block', 'pause'])
      expect(root.querySelector<HTMLButtonElement>(`#${id}`)!.disabled).toBe(true);
  });

  it('shows an IDN in Unicode, a cut host with the cut marked, and a popular site’s reason', () => {
    const idn = renderAddress(
      'tab=3&via=toolbar&level=safe&category=benign&host=www.xn--bcher-kva.example&shown=www.bücher.example&site=2&why=popular',
    );
    expect(text(idn, '#site-name')).toBe('www.bücher.example');
    expect(text(idn, '#site-verdict')).toBe('Looks safe');
    expect(text(idn, '#site-reason')).toBe('xn--bcher-kva.example is one of the most visited sites.');
    const cut = renderAddress('tab=3&via=toolbar&level=suspicious&category=dga&host=b.example.com&cut=1&site=2');
    expect(text(cut, '#site-name')).toBe('….b.example.com');
  });

  it('stands only for the page it was set for', () => {
    const site = readPopupAddress('tab=3&via=toolbar&level=safe&category=benign&host=b.example.com&cut=1&site=2').site!;
    expect(snapshotFits(site, 'http://a.b.example.com/x')).toBe(true);
    expect(snapshotFits(site, 'http://b.example.com/')).toBe(false);
    expect(snapshotFits(site, 'http://evil-b.example.com/')).toBe(false);
    expect(snapshotFits(site, null)).toBe(false);
    const whole = readPopupAddress('tab=3&via=toolbar&level=safe&category=benign&host=b.example.com&site=2').site!;
    expect(snapshotFits(whole, 'https://b.example.com:8443/')).toBe(true);
    expect(snapshotFits(whole, 'http://a.b.example.com/')).toBe(false);
  });
});
