/** Options page: preferences, the user's site lists, settings export/import and versions. */
import { request } from '../core/messages.js';
import type { Settings } from '../core/settings.js';
import { isSiteKey, SETTINGS_SCHEMA_VERSION } from '../core/settings.js';
import { optionsPlatform } from '../platform/options-api.js';
import { saveText } from '../ui/save-text.js';
import { exportSettings, importSettings } from './backup.js';
import { renderPreferences } from './preferences.js';
import { renderSiteLists } from './site-lists.js';
import { renderStatus, renderVersions } from './view.js';
import { NO_POLICY, parseManagedPolicy, type ManagedPolicy } from '../core/managed-policy.js';
import type { HostListKind, HostListsView } from '../core/host-list-shapes.js';
import { renderHostListsSection, showImportReport } from './host-lists-section.js';
import { renderPolicySection } from './policy-section.js';
import { t } from '../platform/i18n.js';
import { failureWords } from '../ui/failure-words.js';
import { localizePage } from '../ui/localize-page.js';

localizePage(document);
import { renderStrictSection } from './strict-section.js';

const platform = optionsPlatform();
const sendToBackground = platform.send;
const byId = (id: string): HTMLElement => document.getElementById(id)!;
// The page only shows the policy; the background enforces it with the full domain parser, which
// would add the Public Suffix List to this bundle.
const displaySiteKey = (entry: string): string | null => {
  const key = entry.trim().toLowerCase();
  return isSiteKey(key) ? key : null;
};
const search = byId('site-search') as HTMLInputElement;
const importInput = byId('import') as HTMLInputElement;
let settings: Settings | null = null;
let modelVersion: string | null = null;
let policy: ManagedPolicy = NO_POLICY;
const hostListsRoot = byId('extra-sections').appendChild(document.createElement('div'));
const strictRoot = byId('preferences').insertAdjacentElement('afterend', document.createElement('div'))!;

function showError(error: unknown): void {
  console.warn('[snowman] options:', error);
  byId('error').textContent = t('options_background_error', failureWords(error));
}

function showVersions(): void {
  renderVersions(document, byId('versions'), {
    extension: platform.extensionVersion(),
    model: modelVersion,
    settingsSchema: SETTINGS_SCHEMA_VERSION,
    lists: [],
  });
}

function show(next: Settings): void {
  settings = next;
  // Re-rendering must not throw keyboard users back to the start of the page.
  const focused = document.activeElement?.id;
  renderPreferences(
    document,
    byId('preferences'),
    next,
    {
      setSensitivity: (sensitivity) =>
        void request(sendToBackground, 'set-preferences', { sensitivity }).then(show, showError),
      setLinkBadges: (linkBadges) =>
        void request(sendToBackground, 'set-preferences', { linkBadges }).then(show, showError),
    },
    policy,
  );
  renderStrictSection(
    document,
    strictRoot as HTMLElement,
    next,
    (strictFirstVisit) => void request(sendToBackground, 'set-preferences', { strictFirstVisit }).then(show, showError),
    policy.strictFirstVisit,
  );
  renderSiteLists(
    document,
    byId('site-lists'),
    next,
    search.value,
    (list, site) => void request(sendToBackground, 'remove-site', { list, site }).then(show, showError),
  );
  if (focused) document.getElementById(focused)?.focus();
}

search.addEventListener('input', () => settings && show(settings));
byId('export').addEventListener('click', () => {
  if (!settings) return;
  const current = settings;
  request(sendToBackground, 'export-host-lists', {}).then((hostLists) => {
    const { fileName, text } = exportSettings(current, new Date(), hostLists);
    saveText(document, fileName, text);
    byId('backup-result').textContent = t('options_export_saved', fileName);
  }, showError);
});
importInput.addEventListener('change', () => {
  const file = importInput.files?.[0];
  if (!file) return;
  void file.text().then(async (text) => {
    const result = await importSettings(text, (imported, hostLists) =>
      request(sendToBackground, 'import-settings', { settings: imported, hostLists }),
    );
    byId('backup-result').textContent = result.message;
    importInput.value = '';
    if (result.ok) {
      show(await request(sendToBackground, 'get-settings', {}));
      showHostLists(await request(sendToBackground, 'get-host-lists', {}));
    }
  });
});

request(sendToBackground, 'get-settings', {}).then(show, showError);
request(sendToBackground, 'get-status', {}).then((status) => {
  renderStatus(document, byId('status'), status);
  modelVersion = status.modelVersion ?? null;
  showVersions();
}, showError);
showVersions();
platform.readManaged().then((raw) => {
  policy = parseManagedPolicy(raw, displaySiteKey);
  const section = renderPolicySection(document, policy);
  if (section) byId('extra-sections').prepend(section);
  if (settings) show(settings);
}, showError);

function showHostLists(view: HostListsView): void {
  hostListsRoot.replaceChildren(
    renderHostListsSection(document, view, { importFile: importHostList, clear: clearHostList }),
  );
}

function importHostList(list: HostListKind, file: File): void {
  void file
    .text()
    .then((text) => request(sendToBackground, 'import-host-list', { list, fileName: file.name, text }))
    .then((report) => {
      showHostLists(report.lists);
      showImportReport(document, byId(`host-list-${list}-report`), report, file.name);
    }, showError);
}

function clearHostList(list: HostListKind): void {
  void request(sendToBackground, 'clear-host-list', { list }).then(showHostLists, showError);
}

request(sendToBackground, 'get-host-lists', {}).then(showHostLists, showError);
