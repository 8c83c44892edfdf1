/** Options page: shows the model status and lets the user remove trusted sites. */
import { request } from '../core/messages.js';
import { sendToBackground } from '../platform/messaging.js';
import { renderTrusted, statusText } from './view.js';

const list = document.getElementById('trusted')!;
const statusLine = document.getElementById('status')!;
const errorLine = document.getElementById('error')!;

function showError(error: unknown): void {
  errorLine.textContent = `Could not reach Snowman's background: ${(error as Error).message}`;
}

function show(sites: readonly string[]): void {
  renderTrusted(document, list, sites, (site) => {
    request(sendToBackground, 'untrust-site', { site }).then(({ trustedSites }) => show(trustedSites), showError);
  });
}

request(sendToBackground, 'list-trusted', {}).then(({ trustedSites }) => show(trustedSites), showError);
request(sendToBackground, 'get-status', {}).then((status) => (statusLine.textContent = statusText(status)), showError);
