import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDomain, stripWww, MAX_INPUT_LENGTH } from '../../src/core/domain.js';

describe('parseDomain on nasty inputs', () => {
  const scorable: [input: string, host: string, registrable: string | null, display?: string][] = [
    ['example.com', 'example.com', 'example.com'],
    ['EXAMPLE.COM', 'example.com', 'example.com'],
    ['example.com.', 'example.com', 'example.com'],
    ['www.example.com', 'example.com', 'example.com'],
    ['www.www.example.com', 'example.com', 'example.com'],
    ['www.tv', 'www.tv', 'www.tv'],
    ['example.com:8080', 'example.com', 'example.com'],
    ['https://user:secret@WWW.Example.COM.:8443/path?q=1#f', 'example.com', 'example.com'],
    ['http://sub.example.co.uk/x', 'sub.example.co.uk', 'example.co.uk'],
    ['  mail.google.com  ', 'mail.google.com', 'google.com'],
    ['bücher.de', 'xn--bcher-kva.de', 'xn--bcher-kva.de', 'bücher.de'],
    ['XN--BCHER-KVA.DE', 'xn--bcher-kva.de', 'xn--bcher-kva.de', 'bücher.de'],
    ['https://аpple.com/', 'xn--pple-43d.com', 'xn--pple-43d.com', 'аpple.com'],
    ['user.github.io', 'user.github.io', 'user.github.io'],
    ['evil.blogspot.com', 'evil.blogspot.com', 'evil.blogspot.com'],
    ['under_score.example.com', 'under_score.example.com', 'example.com'],
    ['example.onion', 'example.onion', 'example.onion'],
  ];
  for (const [input, host, registrable, display] of scorable) {
    it(`scores ${JSON.stringify(input)} as ${host}`, () => {
      const parsed = parseDomain(input);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.host).toBe(host);
      expect(parsed.registrableDomain).toBe(registrable);
      if (display) expect(parsed.displayHost.replace(/^www\./, '')).toBe(display);
    });
  }

  const unscorable: [input: string, reason: string][] = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['javascript:alert(1)', 'scheme'],
    ['data:text/html,<b>x</b>', 'scheme'],
    ['vbscript:msgbox', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['ftp://example.com/', 'scheme'],
    ['chrome-extension://abc/page.html', 'scheme'],
    ['mailto:someone@example.com', 'scheme'],
    ['192.168.1.1', 'ip'],
    ['http://127.0.0.1:8080/', 'ip'],
    ['0x7f.1', 'ip'],
    ['[::1]', 'ip'],
    ['http://[2001:db8::1]/', 'ip'],
    ['http://[fe80::1%25eth0]/', 'ip'],
    ['[fe80::1%eth0]', 'ip'],
    ['https://user:pw@[fe80::1%25eth0]:8443/x', 'ip'],
    ['::1', 'ip'],
    ['localhost', 'local'],
    ['http://localhost:3000', 'local'],
    ['app.localhost', 'local'],
    ['printer.local', 'local'],
    ['intranet', 'local'],
    ['router.home.arpa', 'local'],
    ['a..b.com', 'invalid'],
    ['-bad.com', 'invalid'],
    ['exa mple.com', 'invalid'],
    ['http://', 'invalid'],
    ['example.123', 'invalid'],
    [`${'a'.repeat(64)}.com`, 'invalid'],
    [`${'abcdefghi.'.repeat(26)}com`, 'too-long'],
    ['x'.repeat(MAX_INPUT_LENGTH + 1), 'too-long'],
  ];
  for (const [input, reason] of unscorable) {
    it(`refuses ${JSON.stringify(input.slice(0, 40))} as ${reason}`, () => {
      const parsed = parseDomain(input);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) return;
      expect(parsed.reason).toBe(reason);
      expect(parsed.message.length).toBeGreaterThan(5);
    });
  }

  it('strips www. only while two labels remain', () => {
    expect(stripWww('www.www.tv')).toBe('www.tv');
    expect(stripWww('wwwexample.com')).toBe('wwwexample.com');
  });
});

describe('parseDomain properties', () => {
  const hostLike = fc.stringMatching(/^[A-Za-z0-9._:/@\-\[\]ßüа]{0,40}$/);
  it('never throws, on any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), hostLike), (input) => {
        const parsed = parseDomain(input);
        expect(typeof parsed.ok).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });
  it('is idempotent: a scorable host parses to itself', () => {
    fc.assert(
      fc.property(fc.oneof(fc.domain(), fc.webUrl(), hostLike), (input) => {
        const first = parseDomain(input);
        if (!first.ok) return;
        const second = parseDomain(first.host);
        expect(second.ok).toBe(true);
        if (second.ok) expect(second.host).toBe(first.host);
      }),
      { numRuns: 3000 },
    );
  });
  it('outputs only lowercase ASCII host names', () => {
    fc.assert(
      fc.property(fc.oneof(fc.domain(), fc.webUrl(), fc.string({ unit: 'grapheme' })), (input) => {
        const parsed = parseDomain(input);
        if (parsed.ok) expect(parsed.host).toMatch(/^[a-z0-9._-]+$/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseDomain on over-long URLs', () => {
  const path = `/${'a'.repeat(9000)}`;

  it('judges the host of a URL whatever the length of its path, query or fragment', () => {
    for (const url of [
      `http://paypal-login.example-verify.com${path}`,
      `https://paypal-login.example-verify.com?q=${path}`,
      `https://paypal-login.example-verify.com:8443#${path}`,
    ]) {
      const parsed = parseDomain(url);
      expect(parsed.ok, url.slice(0, 60)).toBe(true);
      if (parsed.ok) expect(parsed.host).toBe('paypal-login.example-verify.com');
    }
  });

  it('reads the host after userinfo, as the browser does', () => {
    const parsed = parseDomain(`http://paypal.com:secure@evil-host.example-verify.com${path}`);
    expect(parsed.ok && parsed.host).toBe('evil-host.example-verify.com');
  });

  it('still refuses other schemes, IP literals and hosts too long to be names', () => {
    expect(parseDomain(`javascript:${path}`)).toMatchObject({ ok: false, reason: 'scheme' });
    expect(parseDomain(`http://[fe80::1]${path}`)).toMatchObject({ ok: false, reason: 'ip' });
    expect(
      parseDomain(`http://${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com${path}`),
    ).toMatchObject({ ok: false, reason: 'too-long' });
    expect(parseDomain(`http://${'a'.repeat(MAX_INPUT_LENGTH + 10)}`)).toMatchObject({ ok: false, reason: 'too-long' });
  });

  it('judges the host of a 50-million-character URL', () => {
    const huge = `http://fast-path.example-verify.com/${'x'.repeat(50_000_000)}`;
    expect(parseDomain(huge)).toMatchObject({ ok: true, host: 'fast-path.example-verify.com' });
  });
});
