import { describe, expect, it } from 'vitest';
import { renderTrusted, statusText } from '../../src/options/view.js';

describe('options page', () => {
  it('lists trusted sites in Unicode with a Remove button each', () => {
    const list = document.createElement('ul');
    const removed: string[] = [];
    renderTrusted(document, list, ['a.com', 'xn--pypal-4ve.com'], (site) => removed.push(site));
    expect([...list.querySelectorAll('.site')].map((s) => s.textContent)).toEqual(['a.com', 'pаypal.com']);
    list.querySelectorAll('button')[1]!.click();
    expect(removed).toEqual(['xn--pypal-4ve.com']);
    expect(list.querySelectorAll('button')[0]!.getAttribute('aria-label')).toBe('Remove a.com from trusted sites');
  });

  it('says when the list is empty', () => {
    const list = document.createElement('ul');
    renderTrusted(document, list, [], () => {});
    expect(list.textContent).toMatch(/No trusted sites/);
  });

  it('reports the backend and any fallback or failure', () => {
    const base = { bootId: 'b', startedAt: 0 };
    expect(statusText({ ...base, state: 'ready', modelVersion: 'v2', backend: 'wasm' })).toBe('Model v2 is running on WebAssembly.');
    expect(statusText({ ...base, state: 'ready', modelVersion: 'v2', backend: 'cpu', fallbackReason: 'no SIMD' })).toMatch(/cpu backend \(fallback: no SIMD\)/);
    expect(statusText({ ...base, state: 'error', error: 'weights missing' })).toMatch(/could not load \(weights missing\); pages load unchecked/);
  });
});
