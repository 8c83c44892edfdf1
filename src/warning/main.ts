/** Warning page: reads its target, asks the background for the verdict, offers the three actions. */
import { parseDomain } from '../core/domain.js';
import { request, type WarningDetails } from '../core/messages.js';
import { ext } from '../platform/browser.js';
import { sendToBackground } from '../platform/messaging.js';
import { copyText, saveText } from '../ui/save-text.js';
import { parseTarget } from './target.js';
import { renderError, renderRefused, renderWarning } from './view.js';
import { unscorableVerdict } from '../core/unscorable-verdict.js';

const root = document.getElementById('app')!;

function goBack(): void {
  // A tab opened straight onto a dangerous address has nothing to go back to: give it a new tab page.
  if (history.length > 1) history.back();
  else void request(sendToBackground, 'open-new-tab-page', {}).catch(() => window.close());
}

/** What the page can still say when the background does not answer. */
function localDetails(url: string, error: string): WarningDetails | null {
  const parsed = parseDomain(url);
  if (!parsed.ok) return null;
  return {
    url,
    fullHost: parsed.fullHost,
    displayHost: parsed.displayHost,
    registrableDomain: parsed.registrableDomain,
    site: parsed.registrableDomain ?? parsed.host,
    verdict: unscorableVerdict(`Snowman could not get the verdict: ${error}`),
    modelVersion: null,
  };
}

async function main(): Promise<void> {
  if (window.top !== window.self) {
    // Web-accessible so redirects can reach it; a site framing it must not get clicks on "Always trust".
    renderRefused(document, root, 'This page cannot be shown inside another page.', () => undefined).disabled = true;
    return;
  }
  const target = parseTarget(location.href);
  if (!target.ok) {
    renderRefused(document, root, target.message, goBack).focus();
    return;
  }
  const proceed = (type: 'allow-session' | 'trust-site') => () => {
    request(sendToBackground, type, { url: target.url }).then(
      () => location.replace(target.url),
      (error: unknown) => renderError(document, root, `Could not do that: ${(error as Error).message}`),
    );
  };
  const actions = {
    back: goBack,
    continueToSite: proceed('allow-session'),
    trustSite: proceed('trust-site'),
    copyReport: copyText,
    saveReport: (fileName: string, text: string) => saveText(document, fileName, text),
    extensionVersion: ext().runtime.getManifest().version,
  };
  let details: WarningDetails | null;
  try {
    details = await request(sendToBackground, 'get-warning', { url: target.url });
  } catch (error) {
    details = localDetails(target.url, (error as Error).message);
  }
  if (!details) {
    renderRefused(document, root, 'This address cannot be checked, so Snowman will not open it from here.', goBack).focus();
    return;
  }
  document.title = `Snowman: ${details.displayHost}`;
  renderWarning(document, root, details, actions).focus();
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') goBack();
});
void main();
