import { describe, expect, it } from 'vitest';
import type { PageSummary, SiteDetails } from '../../src/core/messages.js';
import { buildReport, reportFileName } from '../../src/ui/report.js';
import { renderPopup, type PopupActions, type PopupState } from '../../src/popup/view.js';
import { adoptSiteSection, siteSectionFor } from '../../src/popup/site-view.js';
import { NO_POPUP_ACTIONS } from './popup-actions.js';

const site: SiteDetails = {
  url: 'http://login.xn--bcher-kva.example/path?secret=1',
  fullHost: 'login.xn--bcher-kva.example',
  displayHost: 'login.bücher.example',
  registrableDomain: 'xn--bcher-kva.example',
  site: 'xn--bcher-kva.example',
  verdict: {
    level: 'dangerous',
    category: 'malicious',
    score: 0.9931,
    risk: 0.9996,
    reasons: [{ kind: 'model', message: 'the name looks like a phishing or malware domain (score 0.993)' }],
  },
  explanation: [{ start: 0, end: 5, weight: 0.6 }],
  modelVersion: 'm-1',
  choice: { trusted: false, blocked: false, paused: false },
  decidedBy: null,
  issued: false,
};

const summary: PageSummary = {
  tabId: 3,
  page: null,
  links: 12,
  domains: 4,
  registrableDomains: 3,
  domainsByLevel: { safe: 2, suspicious: 1, dangerous: 1, unscorable: 0, error: 0 },
  linksByLevel: { safe: 9, suspicious: 1, dangerous: 2, unscorable: 0, error: 0 },
  risky: [
    {
      host: 'evil.example',
      displayHost: 'evil.example',
      registrableDomain: 'evil.example',
      level: 'dangerous',
      category: 'dga',
      score: 0.999,
      links: 2,
    },
    {
      host: 'odd.example',
      displayHost: 'odd.example',
      registrableDomain: 'odd.example',
      level: 'suspicious',
      category: 'malicious',
      score: 0.95,
      links: 1,
    },
  ],
  scoringMs: 4.2,
  refused: 0,
  paused: false,
};

function render(state: Partial<PopupState>, log: string[] = []): HTMLElement {
  const actions: PopupActions = {
    trust: () => log.push('trust'),
    untrust: () => log.push('untrust'),
    block: () => log.push('block'),
    unblock: () => log.push('unblock'),
    pause: (p) => log.push(`pause:${p}`),
    copyReport: () => log.push('copy'),
    saveReport: () => log.push('save'),
    reveal: (h) => log.push(`reveal:${h}`),
  };
  const root = document.createElement('main');
  renderPopup(
    document,
    root,
    { host: null, site: null, siteError: null, summary: null, status: null, notice: null, busy: false, ...state },
    actions,
  );
  return root;
}

describe('popup view', () => {
  it('never shows a meter that contradicts the verdict: a safe site with a high model score stays low and green', () => {
    const popular = {
      ...site,
      verdict: {
        level: 'safe' as const,
        category: 'benign' as const,
        score: 0.996,
        risk: null as number | null,
        reasons: [{ kind: 'popular' as const, message: 'bücher.example is one of the most visited sites' }],
      },
    };
    const root = render({ site: popular });
    const meter = root.querySelector('[role=meter]')!;
    expect(root.querySelector('#site-verdict')!.textContent).toBe('Looks safe');
    expect(meter.classList.contains('level-safe')).toBe(true);
    expect(Number(meter.getAttribute('aria-valuenow'))).toBeLessThanOrEqual(35);
    expect(root.textContent).not.toContain('0.996');
    const withRisk = render({
      site: { ...popular, verdict: { ...popular.verdict, risk: 0.99 } as typeof popular.verdict },
    });
    expect(Number(withRisk.querySelector('[role=meter]')!.getAttribute('aria-valuenow'))).toBeLessThanOrEqual(35);
    const risky = render({
      site: { ...site, verdict: { ...site.verdict, level: 'suspicious', risk: 0.974 } as typeof site.verdict },
    });
    expect(risky.querySelector('[role=meter]')!.getAttribute('aria-valuetext')).toBe(
      'Some risk: riskier than 97 % of ordinary sites',
    );
    expect(risky.querySelector('[role=meter]')!.getAttribute('aria-valuenow')).toBe('80');
  });

  it('on a warning tab shows the stopped site with its actions enabled, and says what Pause does and for how long', () => {
    const log: string[] = [];
    const root = render({ site, warned: true }, log);
    expect(root.querySelector('.warned')!.textContent).toBe(
      'Snowman stopped login.bücher.example before it opened. This tab shows the warning.',
    );
    expect(root.querySelector('#links')!.textContent).toContain('The site was not opened');
    const pause = root.querySelector<HTMLButtonElement>('#pause')!;
    expect(pause.disabled).toBe(false);
    expect(root.querySelector('#pause-hint')!.textContent).toBe(
      'Pause here: no warnings and no link badges on bücher.example until you resume it.',
    );
    expect(pause.getAttribute('aria-describedby')).toBe('pause-hint');
    pause.click();
    expect(log).toEqual(['pause:true']);
  });

  it('shows the site in Unicode with the registrable domain emphasised and the driving part marked', () => {
    const root = render({
      site,
      summary,
      status: { state: 'ready', modelVersion: 'm-1', backend: 'wasm', bootId: 'b', startedAt: 0 },
    });
    const name = root.querySelector('#site-name')!;
    expect(name.textContent).toBe('login.bücher.example');
    expect(name.querySelector('strong')!.textContent).toBe('bücher.example');
    expect(name.querySelector('mark')!.textContent).toBe('login');
    expect(root.querySelector('#site-verdict')!.textContent).toBe('Dangerous · phishing-like name');
    expect(root.querySelector('.site')!.firstElementChild).toBe(root.querySelector('#site-verdict'));
    expect(root.querySelector('#site-reason')!.textContent).toBe(
      'Its name looks like the names of phishing and scam sites.',
    );
    const meter = root.querySelector('[role=meter]')!;
    expect(meter.classList.contains('level-dangerous')).toBe(true);
    expect(meter.getAttribute('aria-valuetext')).toBe('High risk: riskier than 99.9 % of ordinary sites');
    expect(Number(meter.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(80);
    expect(root.textContent).not.toMatch(/0\.99/);
    expect(root.querySelector('#status')!.textContent).toBe('Model m-1 · wasm backend · links scored in 4.2 ms');
  });

  it('lists risky linked domains worst first as buttons that reveal their link', () => {
    const log: string[] = [];
    const root = render({ site, summary }, log);
    const items = Array.from(root.querySelectorAll<HTMLButtonElement>('#risky-list button'));
    expect(items.map((b) => b.querySelector('.host')!.textContent)).toEqual(['evil.example', 'odd.example']);
    items[1]!.click();
    expect(log).toEqual(['reveal:odd.example']);
    expect(root.querySelector('#link-counts')!.textContent).toContain('12 links');
  });

  it('offers the opposite action once a choice is made, and disables actions without a site', () => {
    const chosen = render({ site: { ...site, choice: { trusted: true, blocked: false, paused: true } } });
    expect(chosen.querySelector('#untrust')).not.toBeNull();
    expect(chosen.querySelector('#resume')).not.toBeNull();
    const none = render({ host: 'localhost', siteError: 'Not scored: local and special-use names are not scored' });
    expect(none.querySelector<HTMLButtonElement>('#trust')!.disabled).toBe(true);
    expect(none.textContent).toContain('local and special-use names');
  });

  it("on a site the organisation's policy decides, says so and offers no Trust, Block or Pause", () => {
    const orgBlocked = {
      ...site,
      verdict: {
        ...site.verdict,
        reasons: [{ kind: 'org-blocked' as const, message: 'blocked by your organisation' }],
      },
      choice: { trusted: true, blocked: false, paused: true },
      decidedBy: { kind: 'organisation' as const },
    };
    const root = render({ site: orgBlocked, warned: true });
    expect(root.querySelector('#decided-by')!.textContent).toBe('Set by your organisation');
    for (const id of ['trust', 'untrust', 'block', 'unblock', 'pause', 'resume', 'pause-hint'])
      expect(root.querySelector(`#${id}`), id).toBeNull();
    expect(root.querySelector('#policy-note')!.textContent).toMatch(/cannot be trusted, blocked or paused here/);
    expect(root.querySelector<HTMLButtonElement>('#copy-report')!.disabled).toBe(false);
  });

  it('on a site an imported list decides, names the list and its date and keeps the choices that outrank it', () => {
    const listed = {
      ...site,
      verdict: { ...site.verdict, reasons: [{ kind: 'imported-blocked' as const, message: 'on the block list' }] },
      decidedBy: {
        kind: 'list' as const,
        list: 'block' as const,
        fileName: 'corp-block.txt',
        importedAt: '2026-03-01T10:00:00.000Z',
      },
    };
    const root = render({ site: listed });
    expect(root.querySelector('#decided-by')!.textContent).toBe('On the list corp-block.txt, 2026-03-01');
    expect(root.querySelector<HTMLButtonElement>('#trust')!.disabled).toBe(false);
    expect(root.querySelector<HTMLButtonElement>('#pause')!.disabled).toBe(false);
  });

  it('shows a recorded (provisional) verdict at once, with every action off until the background answers', () => {
    const root = render({ site, provisional: true });
    expect(root.querySelector('#site-verdict')!.textContent).toBe('Dangerous · phishing-like name');
    for (const id of ['trust', 'block', 'pause', 'copy-report', 'save-report'])
      expect(root.querySelector<HTMLButtonElement>(`#${id}`)!.disabled, id).toBe(true);
    expect(render({ site }).querySelector<HTMLButtonElement>('#trust')!.disabled).toBe(false);
  });

  it('builds the verdict once: answers that change only the rest of the popup leave the site section in place', () => {
    const base: PopupState = {
      host: site.fullHost,
      site,
      siteError: null,
      summary: null,
      status: null,
      notice: null,
      busy: false,
      provisional: true,
    };
    const root = document.createElement('main');
    // The first script's render, adopted by the second as its own.
    const first = siteSectionFor(document, base);
    root.append(first);
    adoptSiteSection(document, base, first);
    const verdict = first.querySelector('#site-verdict');
    renderPopup(document, root, base, NO_POPUP_ACTIONS);
    renderPopup(document, root, { ...base, status: { bootId: 'b', startedAt: 0, state: 'loading' } }, NO_POPUP_ACTIONS);
    renderPopup(document, root, { ...base, summary, notice: 'Copied' }, NO_POPUP_ACTIONS);
    expect(root.querySelector('#site-verdict')).toBe(verdict);
    expect([...root.children].map((section) => section.className)).toEqual(['site', 'actions', 'links', 'status']);
    // The background's answer confirms the verdict: the parts that say the same stay, the actions come on.
    const section = root.querySelector('.site');
    renderPopup(document, root, { ...base, site: { ...site }, provisional: false }, NO_POPUP_ACTIONS);
    expect(root.querySelector('#site-verdict')).toBe(verdict);
    expect((root.querySelector('#trust') as HTMLButtonElement).disabled).toBe(false);
    // A different answer (trusted since) replaces the parts that changed, in the same section.
    const trusted: SiteDetails = {
      ...site,
      verdict: { ...site.verdict, level: 'safe', category: 'benign', reasons: [{ kind: 'user-trusted', message: '' }] },
      choice: { trusted: true, blocked: false, paused: false },
    };
    renderPopup(document, root, { ...base, site: trusted, provisional: false }, NO_POPUP_ACTIONS);
    expect(root.querySelector('#site-verdict')).not.toBe(verdict);
    expect(root.querySelector('#site-verdict')!.textContent).toBe('Looks safe');
    expect(root.querySelector('#site-reason')!.textContent).toBe('You chose to trust this site.');
    expect(root.querySelector('.site')).toBe(section);
    expect(root.querySelectorAll('.site')).toHaveLength(1);
  });

  it('writes a report with the domain (never the path), the scores and the model version', () => {
    const report = buildReport(
      site,
      { state: 'ready', modelVersion: 'm-1', backend: 'wasm', engine: 'fast', bootId: 'b', startedAt: 0 },
      '0.1.0',
      new Date('2026-02-03T04:05:06Z'),
    );
    expect(report).toMatchObject({
      kind: 'false-positive',
      domain: { host: 'login.xn--bcher-kva.example', display: 'login.bücher.example' },
      verdict: { score: 0.9931 },
      model: { version: 'm-1', backend: 'wasm' },
    });
    expect(report.explanation).toEqual([{ text: 'login', start: 0, end: 5, weight: 0.6 }]);
    expect(JSON.stringify(report)).not.toContain('secret');
    expect(reportFileName(report)).toBe('snowman-report-login.xn--bcher-kva.example-2026-02-03.json');
  });
});
