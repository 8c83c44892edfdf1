import { readdir } from 'node:fs/promises';
import path from 'node:path';
import punycode from 'punycode/punycode.js';
import { describe, expect, it } from 'vitest';
import type { FrameRecord } from '../../src/core/messages.js';
import {
  MAX_HOST_CHARS,
  POPUP_LOCALES,
  popupAddress,
  readPopupAddress,
  SNAPSHOT_LEVELS,
  snapshotOf,
  type SnapshotSite,
} from '../../src/core/popup-snapshot.js';
import type { Verdict } from '../../src/core/verdict.js';

const verdict: Verdict = {
  level: 'dangerous',
  category: 'malicious',
  score: 0.999,
  risk: 0.9987,
  reasons: [
    { kind: 'model', message: 'the name strongly resembles…' },
    { kind: 'lookalike', message: 'looks like paypal.com', target: 'paypal.com' },
  ],
};

const frame = (host: string, displayHost = host, registrableDomain: string | null = 'example.com'): FrameRecord => ({
  url: `http://${host}/login`,
  host,
  level: 'dangerous',
  category: 'malicious',
  score: 0.999,
  site: { displayHost, registrableDomain, site: registrableDomain ?? host, verdict },
});

/** The query string of the address the background would set for tab 42. */
const queryOf = (site: SnapshotSite | null): string => popupAddress(42, site, 'en').split('?')[1]!;

describe('popup address: the toolbar snapshot', () => {
  it('round-trips what the toolbar shows: level, category, host, registrable labels, risk, reasons and target', () => {
    const site = snapshotOf(frame('paypal-login.example.com'))!;
    expect(site).toEqual({
      level: 'dangerous',
      category: 'malicious',
      host: 'paypal-login.example.com',
      shown: 'paypal-login.example.com',
      cut: false,
      siteLabels: 2,
      risk: 998,
      reasons: ['model', 'lookalike'],
      target: 'paypal.com',
    });
    const address = popupAddress(42, site, 'en');
    expect(address).toBe(
      'popup/dangerous.en.html?tab=42&via=toolbar&level=dangerous&category=malicious&host=paypal-login.example.com&site=2&risk=998&why=model%2Clookalike&like=paypal.com',
    );
    expect(readPopupAddress(`?${address.split('?')[1]}`)).toEqual({ tabId: 42, fromToolbar: true, site });
  });

  it('carries an IDN in both forms and shows the Unicode one', () => {
    const site = snapshotOf(frame('login.xn--bcher-kva.example', 'login.bücher.example', 'xn--bcher-kva.example'))!;
    expect(site).toMatchObject({ host: 'login.xn--bcher-kva.example', shown: 'login.bücher.example', siteLabels: 2 });
    expect(readPopupAddress(queryOf(site)).site).toEqual(site);
  });

  it('bounds a long host by dropping whole labels on the left, never the registrable domain', () => {
    // Any ASCII host fits whole (at most 253 characters).
    const ascii = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(50)}.example.com`;
    expect(snapshotOf(frame(ascii))).toMatchObject({ host: ascii, cut: false });
    // A Unicode form counts at its encoded length (9 characters for each of these).
    const label = '例'.repeat(14);
    const shown = `${Array.from({ length: 5 }, () => label).join('.')}.paypal.com.evil-site.example.com`;
    const host = punycode.toASCII(shown);
    const site = snapshotOf(frame(host, shown))!;
    expect(site.cut).toBe(true);
    expect(host.endsWith(`.${site.host}`)).toBe(true);
    expect(site.host.endsWith('.paypal.com.evil-site.example.com')).toBe(true);
    expect(shown.endsWith(`.${site.shown}`)).toBe(true);
    const address = popupAddress(2 ** 31 - 1, site, 'en');
    expect(address.length).toBeLessThanOrEqual(MAX_HOST_CHARS + 300);
    expect(readPopupAddress(address.split('?')[1]!).site).toEqual(site);
  });

  it('sends no snapshot for what the toolbar shows no verdict for', () => {
    expect(snapshotOf(null)).toBeNull();
    const { site: _recorded, ...bare } = frame('a.example.com');
    expect(snapshotOf(bare)).toBeNull();
    const unscorable: Verdict = { level: 'unscorable', category: '-', score: null, risk: null, reasons: [] };
    expect(snapshotOf({ ...frame('localhost'), site: { ...frame('x.com').site!, verdict: unscorable } })).toBeNull();
    expect(popupAddress(7, null, 'en')).toBe('popup/index.html?tab=7&via=toolbar');
    expect(readPopupAddress('?tab=7&via=toolbar')).toEqual({ tabId: 7, fromToolbar: true, site: null });
  });

  it('opens on the page of the snapshot’s level in the browser’s catalogue, the generic page for any other catalogue', () => {
    const site = snapshotOf(frame('paypal-login.example.com'))!;
    const query = `?${queryOf(site)}`;
    for (const level of SNAPSHOT_LEVELS) {
      const leveled = { ...site, level };
      expect(popupAddress(42, leveled, 'en')).toBe(`popup/${level}.en.html${query.replace('dangerous', level)}`);
      expect(popupAddress(42, leveled, 'de')).toMatch(new RegExp(`^popup/${level}\\.de\\.html\\?tab=42&`));
    }
    for (const odd of ['fr', '', 'en/../x', 'EN', '../de'])
      expect(popupAddress(42, site, odd)).toBe(`popup/index.html${query}`);
  });

  it('ships level pages for exactly the catalogues under _locales', async () => {
    const folders = (await readdir(path.resolve(__dirname, '../../_locales'), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect([...POPUP_LOCALES].sort()).toEqual(folders.sort());
  });

  it('reads the tests’ and the bench’s plain `?tab=` as before, and no tab as the active tab', () => {
    expect(readPopupAddress('?tab=1418780512')).toEqual({ tabId: 1418780512, fromToolbar: false, site: null });
    expect(readPopupAddress('')).toEqual({ tabId: null, fromToolbar: false, site: null });
  });

  const good = queryOf(snapshotOf(frame('paypal-login.example.com'))!);
  const withParam = (key: string, value: string): string => {
    const query = new URLSearchParams(good);
    query.set(key, value);
    return query.toString();
  };

  it('refuses hostile tab ids (the active tab is shown instead)', () => {
    for (const tab of ['-1', '1e3', '01', '0x10', '1.5', ' 1', '99999999999', 'NaN', ''])
      expect(readPopupAddress(withParam('tab', tab)), tab).toEqual({ tabId: null, fromToolbar: false, site: null });
  });

  it('refuses a snapshot with any malformed part, whole', () => {
    const hostile: [string, string][] = [
      ['level', 'evil'],
      ['level', 'unscorable'],
      ['category', '<b>x</b>'],
      ['host', 'PayPal.com'],
      ['host', 'a..example.com'],
      ['host', '<img src=x onerror=alert(1)>.com'],
      ['host', '192.168.0.1'],
      ['host', 'localhost'],
      ['host', 'paypal.com\u202e.moc'],
      ['host', `${'a'.repeat(64)}.com`],
      ['host', `${'a.'.repeat(130)}com`],
      ['shown', 'paypal.com.example.com'],
      ['shown', 'paypal-login.example.org'],
      ['site', '4'],
      ['site', '-1'],
      ['site', 'two'],
      ['risk', '1001'],
      ['risk', '0.5'],
      ['why', 'model,model'],
      ['why', 'model,script'],
      ['why', 'unscorable'],
      ['why', 'model,lookalike,listed,popular,user-blocked'],
      ['like', 'javascript:alert(1)'],
      ['cut', 'yes'],
    ];
    for (const [key, value] of hostile)
      expect(readPopupAddress(withParam(key, value)), `${key}=${value}`).toMatchObject({ tabId: 42, site: null });
    // An IDN's Unicode form may only stand for an `xn--` label, in letters: no dots, spaces or bidi controls.
    const idn = queryOf(snapshotOf(frame('login.xn--bcher-kva.example', 'login.bücher.example'))!);
    for (const shown of [
      'login.b\u202echer.example',
      'login.bü cher.example',
      'login.bü.cher.example',
      'x.bücher.example',
    ]) {
      const query = new URLSearchParams(idn);
      query.set('shown', shown);
      expect(readPopupAddress(query.toString()).site, shown).toBeNull();
    }
    // A target only with a lookalike reason; parts missing; keys unknown or repeated.
    expect(readPopupAddress(withParam('why', 'model')).site).toBeNull();
    const missing = new URLSearchParams(good);
    missing.delete('host');
    expect(readPopupAddress(missing.toString()).site).toBeNull();
    expect(readPopupAddress(`${good}&extra=1`).site).toBeNull();
    expect(readPopupAddress(`${good}&level=safe`).site).toBeNull();
    // A snapshot only from the toolbar's own address.
    expect(readPopupAddress(good.replace('via=toolbar', 'via=page')).site).toBeNull();
  });
});
