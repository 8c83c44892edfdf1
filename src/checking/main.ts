/**
 * Checking page (strict first-visit mode, Chrome): strict mode's redirect rule brings a top-level
 * navigation here before any request reaches the site. The page asks the background to judge the
 * address and replaces itself (`location.replace`, so history keeps the real address and Back skips
 * this page) with the site or with the warning page. A site can open this page too (it must be web
 * accessible for the redirect): the background then refuses, and nothing is forwarded.
 */
import { request } from '../core/messages.js';
import { failureWords } from '../ui/failure-words.js';
import { checkingPlatform } from '../platform/checking-api.js';
import { t } from '../platform/i18n.js';
import { checkingTarget, isOwnWarningPage, isWebAddress } from './target.js';
import { renderChecking, renderStopped } from './view.js';

/** Past this the background is not answering at all (it bounds its own check at 3 s). */
const PAGE_BOUND_MS = 10_000;

const platform = checkingPlatform();
const root = document.getElementById('app')!;

function main(): void {
  if (window.top !== window.self) {
    renderStopped(document, root, t('checking_framed'), null);
    return;
  }
  const target = checkingTarget(location.href);
  if (!target.ok) {
    renderStopped(document, root, t('checking_not_web'), null);
    return;
  }
  // Asked before anything is drawn: the answer is usually ready (judged when the navigation
  // started), and every millisecond here is one the site waits.
  const answer = request(platform.send, 'check-navigation', { url: target.url });
  renderChecking(document, root, target.host);
  const timer = setTimeout(() => renderStopped(document, root, t('checking_no_answer'), target.url), PAGE_BOUND_MS);
  answer.then(
    (answer) => {
      clearTimeout(timer);
      const allowed =
        answer.action === 'forward' ? isWebAddress(answer.url) : isOwnWarningPage(answer.url, location.origin);
      if (allowed) location.replace(answer.url);
      else renderStopped(document, root, t('checking_not_web'), null);
    },
    (error: unknown) => {
      clearTimeout(timer);
      renderStopped(document, root, t('checking_refused', failureWords(error)), target.url);
    },
  );
}

// Whoever opened this page keeps no way to script it through `opener`.
window.opener = null;
main();
