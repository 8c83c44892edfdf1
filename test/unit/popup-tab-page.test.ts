import { describe, expect, it } from 'vitest';
import { tabPage } from '../../src/popup/tab-page.js';

const WARNING = 'chrome-extension://abc/warning/index.html';

describe('the page a popup is about', () => {
  it('a warning tab is about the address it stopped; other extension pages and bad targets are about nothing', () => {
    expect(tabPage(`${WARNING}#http://evil.example/login?a=1`, WARNING)).toEqual({
      url: 'http://evil.example/login?a=1',
      warned: true,
    });
    expect(tabPage(`${WARNING}?case=1#https://evil.example/`, WARNING)).toEqual({
      url: 'https://evil.example/',
      warned: true,
    });
    expect(tabPage(`${WARNING}#javascript:alert(1)`, WARNING)).toEqual({ url: null, warned: false });
    expect(tabPage('chrome-extension://abc/options/index.html', WARNING)).toEqual({ url: null, warned: false });
    expect(tabPage('chrome-extension://other/warning/index.html#http://evil.example/', WARNING)).toEqual({
      url: null,
      warned: false,
    });
  });

  it('a web page is about itself; anything else about nothing', () => {
    expect(tabPage('https://a.example/x', WARNING)).toEqual({ url: 'https://a.example/x', warned: false });
    expect(tabPage('chrome://newtab/', WARNING)).toEqual({ url: null, warned: false });
    expect(tabPage(null, WARNING)).toEqual({ url: null, warned: false });
  });
});
