import { describe, expect, it } from 'vitest';
import english from '../../_locales/en/messages.json';
import { catalogueReader } from '../../src/core/message-catalogue.js';
import { useMessageSource } from '../../src/platform/i18n.js';
import { exportSettings, importSettings } from '../../src/options/backup.js';
import { renderPreferences } from '../../src/options/preferences.js';
import { renderSiteLists } from '../../src/options/site-lists.js';
import { renderStatus, renderVersions, statusText } from '../../src/options/view.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings.js';

const settings: Settings = {
  ...DEFAULT_SETTINGS,
  trustedSites: ['a.com', 'xn--pypal-4ve.com'],
  blockedSites: ['bad.example'],
  pausedSites: ['work.example'],
};

describe('options page: site lists', () => {
  it('shows trusted, blocked and paused sites in Unicode, each with a Remove button naming the site and list', () => {
    const root = document.createElement('div');
    const removed: string[] = [];
    renderSiteLists(document, root, settings, '', (list, site) => removed.push(`${list}:${site}`));
    expect([...root.querySelectorAll('#trustedSites .site')].map((s) => s.textContent)).toEqual([
      'a.com',
      'pаypal.com',
    ]);
    expect([...root.querySelectorAll('#blockedSites .site')].map((s) => s.textContent)).toEqual(['bad.example']);
    expect([...root.querySelectorAll('#pausedSites .site')].map((s) => s.textContent)).toEqual(['work.example']);
    expect([...root.querySelectorAll('h3')].map((h) => h.textContent)).toEqual([
      'Trusted sites (2)',
      'Blocked sites (1)',
      'Paused sites (1)',
    ]);
    root.querySelector<HTMLButtonElement>('#trustedSites li:nth-child(2) button')!.click();
    root.querySelector<HTMLButtonElement>('#pausedSites button')!.click();
    expect(removed).toEqual(['trustedSites:xn--pypal-4ve.com', 'pausedSites:work.example']);
    expect(root.querySelector('#blockedSites button')!.getAttribute('aria-label')).toBe(
      'Remove bad.example from blocked sites',
    );
  });

  it('search filters every list, by ASCII or Unicode form, and says when nothing matches', () => {
    const root = document.createElement('div');
    renderSiteLists(document, root, settings, 'pаy', () => {});
    expect([...root.querySelectorAll('.site')].map((s) => s.textContent)).toEqual(['pаypal.com']);
    renderSiteLists(document, root, settings, 'XN--PYPAL', () => {});
    expect([...root.querySelectorAll('.site')].map((s) => s.textContent)).toEqual(['pаypal.com']);
    expect(root.querySelector('#blockedSites')!.textContent).toBe('None of 1 match "XN--PYPAL".');
    renderSiteLists(document, root, DEFAULT_SETTINGS, '', () => {});
    expect(root.querySelector('#trustedSites')!.textContent).toMatch(/No trusted sites/);
  });
});

describe('options page: preferences', () => {
  it('shows the current sensitivity and link badges, and reports changes', () => {
    const root = document.body.appendChild(document.createElement('div'));
    const log: string[] = [];
    renderPreferences(
      document,
      root,
      { ...settings, sensitivity: 'strict', linkBadges: false },
      { setSensitivity: (s) => log.push(s), setLinkBadges: (on) => log.push(`badges:${on}`) },
    );
    const radios = [...root.querySelectorAll<HTMLInputElement>('input[name=sensitivity]')];
    expect(radios.map((r) => [r.value, r.checked])).toEqual([
      ['relaxed', false],
      ['balanced', false],
      ['strict', true],
    ]);
    expect(root.querySelector(`label[for=sensitivity-balanced]`)!.textContent).toBe('Balanced (recommended)');
    expect(root.querySelector('#sensitivity-strict-hint')!.textContent).toMatch(/Also stop suspicious sites/);
    radios[0]!.click();
    const badges = root.querySelector<HTMLInputElement>('#link-badges')!;
    expect(badges.checked).toBe(false);
    badges.click();
    expect(log).toEqual(['relaxed', 'badges:true']);
    root.remove();
  });

  it("shows what the organisation sets, disabled, with the reason, over the user's own choice", () => {
    const root = document.body.appendChild(document.createElement('div'));
    renderPreferences(
      document,
      root,
      { ...settings, sensitivity: 'relaxed', linkBadges: true },
      { setSensitivity: () => {}, setLinkBadges: () => {} },
      { sensitivity: 'strict', disableLinkBadges: true },
    );
    const group = root.querySelector<HTMLFieldSetElement>('fieldset.sensitivity')!;
    expect(group.disabled).toBe(true);
    expect(root.querySelector<HTMLInputElement>('#sensitivity-strict')!.checked).toBe(true);
    expect(root.querySelector('#' + group.getAttribute('aria-describedby'))!.textContent).toBe(
      'Set by your organisation: it cannot be changed here.',
    );
    const badges = root.querySelector<HTMLInputElement>('#link-badges')!;
    expect([badges.checked, badges.disabled]).toEqual([false, true]);
    expect(badges.getAttribute('aria-describedby')).toBe('link-badges-hint link-badges-locked');
    expect(root.querySelector('#link-badges-locked')!.textContent).toMatch(/Set by your organisation/);
    root.remove();
  });
});

describe('options page: export and import', () => {
  it('exports a file that imports back to the same settings', async () => {
    const { fileName, text } = exportSettings(settings, new Date('2026-03-04T05:06:07Z'));
    expect(fileName).toBe('snowman-settings-2026-03-04.json');
    const applied: Settings[] = [];
    const result = await importSettings(text, async (s) => (applied.push(s), s));
    expect(result).toEqual({
      ok: true,
      message: 'Imported: 2 trusted, 1 blocked, 1 paused sites; sensitivity balanced.',
    });
    expect(applied).toEqual([settings]);
  });

  it('carries the imported lists: exported beside the settings, handed back on import and named in the result', async () => {
    const hostLists = {
      block: { fileName: 'corp.txt', importedAt: '2026-03-01T00:00:00.000Z', hosts: ['a-listed.com', 'b-listed.com'] },
      trust: { fileName: 'partners.txt', importedAt: '2026-03-02T00:00:00.000Z', hosts: ['partner.com'] },
    };
    const { text } = exportSettings(settings, new Date('2026-03-04T05:06:07Z'), hostLists);
    const handed: unknown[] = [];
    const result = await importSettings(text, async (s, lists) => (handed.push(lists), s));
    expect(handed).toEqual([hostLists]);
    expect(result.message).toBe(
      'Imported: 2 trusted, 1 blocked, 1 paused sites; sensitivity balanced. Also restored: block list corp.txt (2 hosts), trust list partners.txt (1 host).',
    );
    const malformed = JSON.stringify({ ...JSON.parse(text), hostLists: { block: { ...hostLists.block, hosts: 'x' } } });
    const refused = await importSettings(malformed, async (s) => (handed.push('applied'), s));
    expect(refused.message).toBe('File refused, nothing changed: “hostLists” is not in the form Snowman writes.');
    expect(handed).toHaveLength(1);
  });

  it('refuses bad files with a reason and applies nothing', async () => {
    const good = JSON.parse(exportSettings(settings).text) as { settings: Record<string, unknown> };
    const cases: [string, RegExp][] = [
      ['{not json', /not JSON/],
      ['[]', /not a Snowman settings export/],
      [JSON.stringify({ format: 'other', settings: {} }), /not a Snowman settings export/],
      [JSON.stringify({ ...good, formatVersion: 2 }), /newer Snowman/],
      [JSON.stringify({ ...good, settings: 'x' }), /“settings” is not in the form Snowman writes/],
      [
        JSON.stringify({ ...good, settings: { ...good.settings, trustedSites: ['ok.com', '<script>'] } }),
        /“<script>” in “trustedSites” is not a site name/,
      ],
      [
        JSON.stringify({ ...good, settings: { ...good.settings, sensitivity: 'loud' } }),
        /“sensitivity” is not in the form Snowman writes/,
      ],
    ];
    for (const [text, reason] of cases) {
      const applied: Settings[] = [];
      const result = await importSettings(text, async (s) => (applied.push(s), s));
      expect(result.ok, text).toBe(false);
      expect(result.message, text).toMatch(/^File refused, nothing changed: /);
      expect(result.message, text).toMatch(reason);
      expect(applied, text).toEqual([]);
    }
    const refusedByBackground = await importSettings(exportSettings(settings).text, async () =>
      Promise.reject(new Error('storage full')),
    );
    // A plain Error from the background is a bug to the page: worded, its English only in the console.
    expect(refusedByBackground).toEqual({
      ok: false,
      message: 'File refused, nothing changed: an internal error occurred in Snowman.',
    });
  });

  it('words each result as one catalogue sentence, never two glued together (languages order the parts differently)', async () => {
    const hostLists = { block: { fileName: 'corp.txt', importedAt: '2026-03-01T00:00:00.000Z', hosts: ['a.com'] } };
    const withLists = exportSettings(settings, new Date('2026-03-04T05:06:07Z'), hostLists).text;
    const good = JSON.parse(withLists) as { settings: Record<string, unknown> };
    const manyFaults = JSON.stringify({
      ...good,
      settings: { ...good.settings, trustedSites: ['<a>', '<b>', '<c>', '<d>', '<e>'] },
    });
    // Each message as its key: a sentence built from two entries shows two keys.
    useMessageSource((key) => (key === 'common_language_tag' ? 'en' : `‹${key}›`));
    try {
      expect((await importSettings(withLists, async (s) => s)).message).toBe('‹options_import_done_with_lists›');
      expect((await importSettings(manyFaults, async (s) => s)).message).toBe('‹options_import_refused_more_other›');
    } finally {
      useMessageSource(catalogueReader(english));
    }
  });
});

describe('options page: status and versions', () => {
  it('reports the backend and any fallback or failure', () => {
    const base = { bootId: 'b', startedAt: 0 };
    expect(statusText({ ...base, state: 'ready', modelVersion: 'v2', backend: 'wasm' })).toBe(
      'Model v2 is running on WebAssembly.',
    );
    expect(
      statusText({ ...base, state: 'ready', modelVersion: 'v2', backend: 'cpu', fallbackReason: 'no SIMD' }),
    ).toMatch(/cpu backend \(fallback: no SIMD\)/);
    expect(statusText({ ...base, state: 'error', error: 'weights missing' })).toBe(
      "Not checking sites: Snowman's model is not loaded. Pages load unchecked.",
    );
    const line = document.createElement('p');
    renderStatus(document, line, { ...base, state: 'error', error: 'weights missing' });
    expect(line.querySelector('.technical')?.textContent).toBe(' Technical details: weights missing');
    renderStatus(document, line, { ...base, state: 'error' });
    expect(line.querySelector('.technical')).toBeNull();
  });

  it('lists the extension, model, threat list and settings versions', () => {
    const dl = document.createElement('dl');
    renderVersions(document, dl, { extension: '0.1.0', model: 'm-7', settingsSchema: 3, lists: [] });
    expect([...dl.querySelectorAll('dd')].map((d) => d.textContent)).toEqual(['0.1.0', 'm-7', 'none installed', '3']);
  });
});

describe('options page: the organisation policy section', () => {
  it('shows the policy read-only, under "Set by your organisation"', async () => {
    const { renderPolicySection } = await import('../../src/options/policy-section.js');
    const section = renderPolicySection(document, {
      blockedDomains: ['evil.com'],
      trustedDomains: ['xn--pypal-4ve.com'],
    })!;
    expect(section.querySelector('h2')!.textContent).toBe('Set by your organisation');
    expect([...section.querySelectorAll('.policy-blocked .site')].map((s) => s.textContent)).toEqual(['evil.com']);
    expect([...section.querySelectorAll('.policy-trusted .site')].map((s) => s.textContent)).toEqual(['pаypal.com']);
    expect(section.querySelectorAll('button, input')).toHaveLength(0);
    expect(renderPolicySection(document, { blockedDomains: [], trustedDomains: [] })).toBeNull();
  });
});
