// @vitest-environment-options {"url": "http://page.example/dir/index.html?q=1"}
import { beforeEach, describe, expect, it } from 'vitest';
import { badgeAnchor, LINK_SELECTOR, pageLocation, plainWebHost, targetHost } from '../../src/content/link-target.js';

function hostsOf(html: string): (string | null)[] {
  document.body.innerHTML = html;
  const here = pageLocation(document);
  return Array.from(document.querySelectorAll(LINK_SELECTOR), (el) => targetHost(el, here));
}

describe('link targets', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  it('takes http(s) anchors, image-map areas, form actions and formaction overrides, lowercased', () => {
    expect(
      hostsOf(`
        <a href="HTTPS://Login.Example-Bank.COM/x">a</a>
        <a href="//cdn.example.net/y">protocol-relative</a>
        <a href="/relative/path">same site</a>
        <map name="m"><area href="http://area.example.org/" alt=""></map>
        <form action="https://post.example.com/submit"><button>go</button></form>
        <form action="/search"><button formaction="https://other.example.io/">x</button></form>`),
    ).toEqual([
      'login.example-bank.com',
      'cdn.example.net',
      'page.example',
      'area.example.org',
      'post.example.com',
      'page.example',
      'other.example.io',
    ]);
  });

  it('skips same-document fragments, other schemes, empty actions and anchors without href', () => {
    expect(
      hostsOf(`
        <a href="#top">fragment</a>
        <a href="?q=1#section">same document, query repeated</a>
        <a href="mailto:someone@example.com">mail</a>
        <a href="javascript:void(0)">script</a>
        <a href="tel:+441234">phone</a>
        <a href="ftp://files.example.com/">ftp</a>
        <a href="data:text/html,hi">data</a>
        <form action=""><button>same page</button></form>
        <form action="mailto:x@example.com"></form>`),
    ).toEqual([null, null, null, null, null, null, null, null, null]);
    document.body.innerHTML = '<a name="anchor-only">no href</a>';
    expect(document.querySelectorAll(LINK_SELECTOR)).toHaveLength(0);
  });

  it('keeps a link to this page with another query or path: it loads another document', () => {
    expect(hostsOf('<a href="?q=2#x">other query</a><a href="index2.html#x">other page</a>')).toEqual([
      'page.example',
      'page.example',
    ]);
  });

  it('keeps punycode hosts in ASCII (the background decodes them for display)', () => {
    expect(hostsOf('<a href="http://xn--bcher-kva.example/">idn</a>')).toEqual(['xn--bcher-kva.example']);
  });

  it('reads plain absolute addresses without a parser, exactly as a URL parser would, and leaves the rest to it', () => {
    const plain = [
      'http://example.com',
      'HTTPS://Login.Example-Bank.COM/x?y=1',
      'http://a-b.c0.example.org:8080/p',
      'http://example.com./',
      'https://x.io?q',
      'http://sub.1st.example:65535/',
    ];
    for (const raw of plain) expect(plainWebHost(raw), raw).toBe(new URL(raw).hostname);
    const parserNeeded = [
      ' http://example.com/', // leading space, stripped by the parser
      'http://exa\tmple.com/', // tab inside the host, stripped by the parser
      'http://example.com\\path', // backslash: a slash for web schemes
      'http://user@example.com/', // user info
      'http://ex%41mple.com/', // percent-escape in the host
      'http://bücher.example/', // IDN: the parser converts to punycode
      'http://xn--bcher-kva.example/', // punycode: validated by the parser
      'http://0x7f.1/', // numeric IPv4 forms are rewritten
      'http://127.0.0.1/',
      'http://a..b.example/', // empty label
      'http://example.com:/', // empty port
      'http://example.com:70000/', // port out of range: an invalid address
      'http://example.com/#top', // a fragment may point at this very page
      'http://[::1]/',
      'ftp://example.com/',
      '//example.com/',
      '/relative',
    ];
    for (const raw of parserNeeded) expect(plainWebHost(raw), raw).toBeUndefined();
  });

  it("gives the same host through the plain reading and through the browser's own href", () => {
    document.body.innerHTML =
      '<a href="HTTP://Shop.Example.COM:8080/a?b">x</a><a href="http://shop.example.com/#frag">y</a>';
    const [plain, parsed] = Array.from(document.querySelectorAll('a'), (el) => targetHost(el, pageLocation(document)));
    expect(plain).toBe('shop.example.com');
    expect(parsed).toBe('shop.example.com');
  });

  it('puts badges after the link, after the image of an area, after the submit control of a form', () => {
    document.body.innerHTML = `
      <a id="a" href="http://x.example/">a</a>
      <img id="img" usemap="#m" src="data:,"><map name="m"><area id="area" href="http://y.example/" alt=""></map>
      <map name="orphan"><area id="orphan" href="http://z.example/" alt=""></map>
      <form id="f" action="http://w.example/"><input name="q"><input id="submit" type="submit"></form>
      <form id="g" action="http://v.example/"><input name="q"></form>`;
    const byId = (id: string) => document.getElementById(id)!;
    expect(badgeAnchor(byId('a'))).toBe(byId('a'));
    expect(badgeAnchor(byId('area'))).toBe(byId('img'));
    expect(badgeAnchor(byId('orphan'))).toBeNull();
    expect(badgeAnchor(byId('f'))).toBe(byId('submit'));
    expect(badgeAnchor(byId('g'))).toBe(byId('g'));
  });
});
