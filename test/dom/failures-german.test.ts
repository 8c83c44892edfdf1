/**
 * Failures a user can meet, read in German: a refused settings file and a background that failed
 * or did not answer are worded from the catalogue, with no English error text inside the sentence.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import english from '../../_locales/en/messages.json';
import { catalogueReader, type Catalogue } from '../../src/core/message-catalogue.js';
import { MessageError, request, serve, type Handlers, type Message } from '../../src/core/messages.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import { useMessageSource } from '../../src/platform/i18n.js';
import { exportSettings, importSettings } from '../../src/options/backup.js';
import { renderPopup } from '../../src/popup/view.js';
import { NO_POPUP_ACTIONS } from './popup-actions.js';
import { failureWords } from '../../src/ui/failure-words.js';
import { toolbarViewFor } from '../../src/background/toolbar.js';
import { renderStatus } from '../../src/options/view.js';

const german = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../_locales/de/messages.json'), 'utf8'),
) as Catalogue;

beforeEach(() => useMessageSource(catalogueReader(german)));
afterEach(() => useMessageSource(catalogueReader(english)));

const good = exportSettings(DEFAULT_SETTINGS).text;
const ENGLISH_WORDS = /\b(the|is|not|file|quota|exceeded|connection|receiving)\b/i;

describe('failures in German', () => {
  it("the toolbar of a model that failed to load says so in German, without the loader's English reason", () => {
    const { title } = toolbarViewFor(null, 'weights.bin: HTTP 404 (the file is not there)');
    expect(title).toBe(
      'Snowman prüft keine Websites: sein Modell konnte nicht geladen werden. Seiten laden normal; Details im Snowman-Fenster.',
    );
    expect(title).not.toMatch(ENGLISH_WORDS);
  });

  it("the options page's status line names a model that failed to load in German, the loader's reason apart", () => {
    const line = document.createElement('p');
    renderStatus(document, line, {
      bootId: 'b',
      startedAt: 0,
      state: 'error',
      error: 'weights.bin: HTTP 404 (the file is not there)',
    });
    expect(line.firstChild?.textContent).toBe(
      'Keine Prüfung von Websites: das Erkennungsmodell von Snowman ist nicht geladen. Seiten werden ungeprüft geladen.',
    );
    expect(line.firstChild?.textContent).not.toMatch(ENGLISH_WORDS);
    expect(line.querySelector('.technical')?.textContent).toBe(
      ' Technische Details: weights.bin: HTTP 404 (the file is not there)',
    );
  });

  it('a refused settings file says why in German', async () => {
    const notJson = await importSettings('{not json', async (s) => s);
    expect(notJson).toEqual({ ok: false, message: 'Datei abgelehnt, nichts geändert: die Datei ist kein JSON.' });
    const badSite = JSON.stringify({
      ...JSON.parse(good),
      settings: { ...DEFAULT_SETTINGS, trustedSites: ['ok.com', '<script>'], sensitivity: 'loud' },
    });
    expect((await importSettings(badSite, async (s) => s)).message).toBe(
      'Datei abgelehnt, nichts geändert: „<script>“ in „trustedSites“ ist kein Website-Name; „sensitivity“ hat nicht die Form, die Snowman schreibt.',
    );
  });

  it('a background that does not answer, or whose storage is full, is worded in German', async () => {
    const unreachable = (): Promise<unknown> =>
      Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    const viaNowhere = await importSettings(good, () => request(unreachable, 'import-settings', {} as never));
    expect(viaNowhere).toEqual({
      ok: false,
      message: 'Datei abgelehnt, nichts geändert: der Hintergrunddienst von Snowman hat nicht geantwortet.',
    });
    // The real contract: a handler failing on a full quota reaches the page as its code.
    const full = serve(
      { 'import-settings': () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')) } as never as Handlers,
      {
        extensionId: 'id',
        extensionOrigin: 'chrome-extension://id/',
      },
    );
    const page = { id: 'id', url: 'chrome-extension://id/options/index.html' };
    const transport = (message: Message) => full(message, page);
    const viaFull = await importSettings(good, (s, hostLists) =>
      request(transport, 'import-settings', { settings: s, hostLists }),
    );
    expect(viaFull.message).toBe('Datei abgelehnt, nichts geändert: der Speicher des Browsers für Snowman ist voll.');
    expect(failureWords(new MessageError('Snowman did not show this warning', 'not-issued'))).toBe(
      'Snowman hat diese Warnung nicht angezeigt',
    );
    for (const text of [viaNowhere.message, viaFull.message]) expect(text).not.toMatch(ENGLISH_WORDS);
  });

  it("the popup says in German that the model did not load, the loader's English only as technical details", () => {
    const root = document.createElement('main');
    const actions = NO_POPUP_ACTIONS;
    renderPopup(
      document,
      root,
      {
        host: 'a.com',
        site: null,
        siteError: null,
        summary: null,
        status: { state: 'error', error: 'weights.bin: HTTP 404' } as never,
        notice: null,
        busy: false,
      },
      actions,
    );
    const status = root.querySelector('#status')!;
    expect(status.firstChild?.textContent).toBe(
      'Keine Prüfung von Websites: das Erkennungsmodell von Snowman ist nicht geladen',
    );
    expect(status.querySelector('.technical')?.textContent).toBe(' Technische Details: weights.bin: HTTP 404');
  });
});
