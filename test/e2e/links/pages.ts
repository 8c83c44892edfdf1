/**
 * Pages for the link and popup suites, served over plain http for any invented host name the
 * browser maps to 127.0.0.1 (like harness/server.ts, which serves the navigation scenarios'
 * pages; these need many links, late links and a hostile script).
 *
 *   /links?to=a.example,b.example&repeat=2   links to each host (repeat times), plus one to /elsewhere
 *   /dynamic?to=…&later=…                    `to` links at load, `later` links appended 300 ms after load
 *   /hostile?to=…                            `to` links and a script that tries to read or forge verdicts
 *   /many?domains=1000&links=5000            the bench page: `links` links over `domains` hosts,
 *                                            every tenth host a DGA-looking name
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string, script = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font:16px/1.6 system-ui,sans-serif;margin:24px;max-width:720px} li{margin:4px 0} .card{border:1px solid #ccc;border-radius:8px;padding:8px 12px;margin:8px 0}</style>
${script}</head><body><h1 id="site">${escape(title)}</h1>${body}</body></html>`;
}

function linkItems(hosts: readonly string[], port: number, repeat = 1): string {
  const items: string[] = [];
  for (let r = 0; r < repeat; r++)
    for (const host of hosts)
      items.push(`<li><a href="http://${escape(host)}:${port}/page${r}">${escape(host)}</a> — an article</li>`);
  return `<ul id="links">${items.join('')}</ul>`;
}

const list = (value: string | null): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** What the hostile page tries; its findings land in window.__probe for the test to read. */
const HOSTILE_SCRIPT = `<script>
window.__probe = { attachShadowCalls: 0, messages: 0, events: 0, runtime: typeof chrome !== 'undefined' && !!(chrome.runtime && chrome.runtime.sendMessage) };
const original = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { window.__probe.attachShadowCalls++; return original.call(this, { ...init, mode: 'open' }); };
addEventListener('message', () => window.__probe.messages++);
for (const type of ['snowman', 'snowman-verdict', 'verdict']) document.addEventListener(type, () => window.__probe.events++, true);
// Forgery attempts: pretend to be the extension telling the content script that a benign link is dangerous.
function forge() {
  const fake = { type: 'score-links', payload: { pageId: 'x', hosts: ['evil.example'], counts: [1] }, risky: [{ host: location.hostname, level: 'dangerous' }] };
  window.postMessage(fake, '*');
  document.dispatchEvent(new CustomEvent('snowman', { detail: fake }));
  window.dispatchEvent(new CustomEvent('snowman-verdict', { detail: fake }));
  if (window.__probe.runtime) try { chrome.runtime.sendMessage(fake); } catch (e) { window.__probe.runtimeError = String(e); }
}
addEventListener('DOMContentLoaded', forge);
</script>`;

const DYNAMIC_SCRIPT = (later: readonly string[], port: number) => `<script>
addEventListener('load', () => setTimeout(() => {
  const list = document.getElementById('links');
  for (const host of ${JSON.stringify(later)}) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = 'http://' + host + ':${port}/late';
    a.textContent = host + ' (added later)';
    li.append(a);
    list.append(li);
  }
}, 300));
</script>`;

/** A DGA-looking name (consonant soup), deterministic per index. */
function soup(i: number): string {
  let x = (i + 1) * 2654435761;
  let out = '';
  for (let k = 0; k < 14; k++) {
    x = (x ^ (x >>> 13)) * 1274126177;
    out += 'bcdfghjklmnpqrstvwxz'[Math.abs(x) % 20];
  }
  return `${out}.com`;
}

function manyLinks(domains: number, links: number, port: number): string {
  // Every tenth domain looks machine-made; whatever the model flags among them gets badged.
  const hosts = Array.from({ length: domains }, (_, i) => (i % 10 === 0 ? soup(i) : `site${i}-news.example.com`));
  const items: string[] = [];
  for (let i = 0; i < links; i++)
    items.push(`<li><a href="http://${hosts[i % domains]}:${port}/a${i}">link ${i}</a></li>`);
  return `<ul id="links">${items.join('')}</ul>`;
}

export interface LinkServer {
  readonly port: number;
  url(host: string, path: string): string;
  /** Requests received for `host` (method and path), oldest first. */
  requests(host: string): readonly string[];
  close(): Promise<void>;
}

/** Starts the page server on a random port. */
export async function startLinkServer(): Promise<LinkServer> {
  let port = 0;
  const seen = new Map<string, string[]>();
  const server = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    seen.set(host, [...(seen.get(host) ?? []), `${req.method} ${req.url}`]);
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const q = url.searchParams;
    let html: string;
    if (url.pathname === '/links')
      html = page(
        host,
        `${linkItems(list(q.get('to')), port, Number(q.get('repeat') ?? 1))}<p><a id="self" href="/elsewhere">another page of this site</a></p>`,
      );
    else if (url.pathname === '/dynamic')
      html = page(host, linkItems(list(q.get('to')), port), DYNAMIC_SCRIPT(list(q.get('later')), port));
    else if (url.pathname === '/hostile') html = page(host, linkItems(list(q.get('to')), port), HOSTILE_SCRIPT);
    else if (url.pathname === '/decoys')
      // Thousands of distinct sub-domains of one name first, the links that matter after them.
      html = page(
        host,
        linkItems(
          [
            ...Array.from({ length: Number(q.get('decoys') ?? 5000) }, (_, i) => `d${i}.decoy-links.net`),
            ...list(q.get('to')),
          ],
          port,
        ),
      );
    else if (url.pathname === '/many')
      html = page(host, manyLinks(Number(q.get('domains') ?? 1000), Number(q.get('links') ?? 5000), port));
    else if (url.pathname === '/favicon.ico') return void res.writeHead(404).end();
    else html = page(host, '<p>A page.</p>');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (host, path) => `http://${host}:${port}${path}`,
    requests: (host) => seen.get(host) ?? [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
