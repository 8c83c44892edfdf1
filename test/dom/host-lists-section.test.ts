import { describe, expect, it } from 'vitest';
import type { HostListsView } from '../../src/core/host-list-shapes.js';
import { renderHostListsSection, showImportReport } from '../../src/options/host-lists-section.js';

const EMPTY = { count: 0, hosts: [], fileName: null, importedAt: null };
const view = (enforcement: HostListsView['enforcement']): HostListsView => ({
  block: {
    count: 3,
    hosts: ['evil.example.com', 'xn--pypal-4ve.com'],
    fileName: 'mine.txt',
    importedAt: '2026-12-02T21:00:00Z',
  },
  trust: EMPTY,
  enforcement,
});

describe('options page: imported lists', () => {
  it('says how many blocked hosts the browser stops and how many Snowman checks, and shows the hosts', () => {
    const section = renderHostListsSection(document, view({ browserRules: true, browser: 2, worker: 1 }), {
      importFile: () => {},
      clear: () => {},
    });
    const block = section.querySelector('#host-list-block')!;
    expect(block.querySelector('h3')!.textContent).toBe('Block list (3)');
    expect(block.querySelector('.enforcement')!.textContent).toBe(
      "2 are stopped by the browser's own rules, before any request; the other 1 by Snowman's check when a page opens them (the browser's rule budget is full).",
    );
    expect([...block.querySelectorAll('.site')].map((s) => s.textContent)).toEqual(['evil.example.com', 'pаypal.com']);
    expect(block.querySelector('details li:last-child')!.textContent).toBe('…and 1 more');
    expect(block.textContent).toMatch(/From mine\.txt, imported Dec 2, 2026\./);
    expect(section.querySelector('#host-list-trust h3')!.textContent).toBe('Trust list (0)');
    expect(section.querySelector('#host-list-trust .clear')).toBeNull();
  });

  it('words the other enforcement cases, and hands Clear and a chosen file to the page', () => {
    const all = renderHostListsSection(document, view({ browserRules: true, browser: 3, worker: 0 }), {
      importFile: () => {},
      clear: () => {},
    });
    expect(all.querySelector('.enforcement')!.textContent).toMatch(/^All 3 are stopped by the browser's own rules/);
    const cleared: string[] = [];
    const firefox = renderHostListsSection(document, view({ browserRules: false, browser: 0, worker: 3 }), {
      importFile: () => {},
      clear: (list) => cleared.push(list),
    });
    expect(firefox.querySelector('.enforcement')!.textContent).toBe(
      'All 3 are checked by Snowman before any request is sent.',
    );
    firefox.querySelector<HTMLButtonElement>('#host-list-block .clear')!.click();
    expect(cleared).toEqual(['block']);
    expect(firefox.querySelector('label[for=import-trust-list]')!.textContent).toBe('Import a trust list…');
  });

  it('reports every bad line by number, and counts those past the reported ones', () => {
    const target = document.createElement('div');
    showImportReport(
      document,
      target,
      {
        lists: view({ browserRules: true, browser: 3, worker: 0 }),
        kept: 3,
        bad: [{ line: 6, text: '<img src=x>', problem: 'not a host name' }],
        badCount: 4,
      },
      'mine.txt',
    );
    expect([...target.querySelectorAll('p, li')].map((e) => e.textContent)).toEqual([
      'Imported 3 hosts from mine.txt.',
      '4 lines were not used:',
      'line 6: "<img src=x>" — not a host name',
      '…and 3 more lines not used.',
    ]);
    expect(target.querySelector('img')).toBeNull();
  });
});
