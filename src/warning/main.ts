/**
 * Warning page: reads its target, asks the background for the verdict, offers the three actions
 * (Continue and Always trust only on a warning the extension issued). Read again on every hash
 * change: a redirect to the warning for another site in the same tab changes only the hash.
 */
import { request, type SiteDetails } from '../core/messages.js';
import { warningPlatform } from '../platform/warning-api.js';
import { copyText, saveText } from '../ui/save-text.js';
import { parseTarget } from '../ui/warning-target.js';
import { renderError, renderRefused, renderWarning } from './view.js';
import { toDisplayHost } from '../core/display-host.js';
import { unscorableVerdict } from '../core/unscorable-verdict.js';
import { errorText } from '../core/error-text.js';
import { failureCode } from '../core/failure.js';
import { logError } from '../platform/log.js';
import { failureWords } from '../ui/failure-words.js';
import { t } from '../platform/i18n.js';
import { localizePage } from '../ui/localize-page.js';

const platform = warningPlatform();
const sendToBackground = platform.send;
const root = document.getElementById('app')!;

function goBack(): void {
  // A tab opened straight onto a dangerous address has nothing to go back to: give it a new tab page.
  if (history.length > 1) history.back();
  else void request(sendToBackground, 'open-new-tab-page', {}).catch(() => window.close());
}

/**
 * What the page can still say when the background does not answer: the name as the address
 * writes it, without its registrable domain (that needs the Public Suffix List, ~120 KB the page
 * would otherwise load on every warning for this rare case), and why it could not be checked.
 */
function localDetails(url: string, host: string, error: unknown): SiteDetails {
  return {
    url,
    fullHost: host,
    displayHost: toDisplayHost(host),
    registrableDomain: null,
    site: host,
    verdict: unscorableVerdict(errorText(error), undefined, failureCode(error)),
    explanation: [],
    modelVersion: null,
    choice: { trusted: false, blocked: false, paused: false },
    decidedBy: null,
    issued: false,
  };
}

async function main(): Promise<void> {
  if (window.top !== window.self) {
    // Web-accessible so redirects can reach it; a site framing it must not get clicks on "Always trust".
    renderRefused(document, root, t('warning_refused_framed'), () => undefined).disabled = true;
    return;
  }
  const href = location.href;
  const target = parseTarget(href);
  if (!target.ok) {
    renderRefused(document, root, target.message, goBack).focus();
    return;
  }
  const token = new URLSearchParams(location.search).get('t') ?? undefined;
  const warning = token === undefined ? { url: target.url } : { url: target.url, token };
  const proceed = (type: 'allow-session' | 'trust-site') => () => {
    request(sendToBackground, type, warning).then(
      () => location.replace(target.url),
      (error: unknown) => {
        logError(type, error);
        renderError(document, root, t('warning_action_failed', failureWords(error)));
      },
    );
  };
  let details: SiteDetails;
  try {
    details = await request(sendToBackground, 'get-site', warning);
  } catch (error) {
    logError('get-site', error);
    details = localDetails(target.url, target.host, error);
  }
  // A newer hash arrived while the background answered: that render wins.
  if (location.href !== href) return;
  document.title = t('warning_title_site', details.displayHost);
  const always = {
    back: goBack,
    copyReport: copyText,
    saveReport: (fileName: string, text: string) => saveText(document, fileName, text),
    extensionVersion: platform.extensionVersion(),
  };
  const actions = details.issued
    ? { ...always, continueToSite: proceed('allow-session'), trustSite: proceed('trust-site') }
    : always;
  renderWarning(document, root, details, actions).focus();
}

// Whoever opened this page keeps no way to script it through `opener`.
window.opener = null;
localizePage(document);
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') goBack();
});
window.addEventListener('hashchange', () => void main());
void main();
