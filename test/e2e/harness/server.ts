/**
 * The e2e test web server: plain http on 127.0.0.1 (random port) answering for any invented host
 * name the browser maps onto it, and counting requests per Host header, so a test can prove that
 * no request reached a blocked site.
 *
 * Pages: any path returns a small HTML page titled with the host. Query parameters add content:
 *   link=URL      a link with id "link"
 *   frame=URL     an iframe with id "frame"
 *   prefetch=URL  <link rel=prefetch> plus speculation-rules prefetch and prerender of URL
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  readonly port: number;
  /** `http://host:port/path`. */
  url(host: string, path?: string): string;
  /** Requests received for `host` since the start or the last `reset`. */
  count(host: string): number;
  /** Every request line received for `host` (method and path), oldest first. */
  requests(host: string): readonly string[];
  reset(): void;
  close(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page served for `host` and `query`. */
export function testPage(host: string, query: URLSearchParams): string {
  const parts = [`<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(host)}</title>`];
  const prefetch = query.get('prefetch');
  if (prefetch !== null) {
    const rules = JSON.stringify({
      prefetch: [{ source: 'list', urls: [prefetch] }],
      prerender: [{ source: 'list', urls: [prefetch] }],
    });
    parts.push(
      `<link rel="prefetch" href="${escapeHtml(prefetch)}"><script type="speculationrules">${rules.replace(/</g, '\\u003c')}</script>`,
    );
  }
  parts.push(`</head><body><h1 id="site">${escapeHtml(host)}</h1>`);
  const link = query.get('link');
  if (link !== null) parts.push(`<p><a id="link" href="${escapeHtml(link)}">next</a></p>`);
  const frame = query.get('frame');
  if (frame !== null) parts.push(`<iframe id="frame" src="${escapeHtml(frame)}"></iframe>`);
  parts.push('</body></html>');
  return parts.join('');
}

/** Starts the server; close it in afterAll. */
export async function startTestServer(): Promise<TestServer> {
  const seen = new Map<string, string[]>();
  const server = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const list = seen.get(host) ?? [];
    list.push(`${req.method} ${req.url}`);
    seen.set(host, list);
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(testPage(host, url.searchParams));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (host, path = '/') => `http://${host}:${port}${path}`,
    count: (host) => seen.get(host)?.length ?? 0,
    requests: (host) => seen.get(host) ?? [],
    reset: () => seen.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
