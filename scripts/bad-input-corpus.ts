/**
 * Writes test/fixtures/bad-input/: the inputs an attacker or a careless list would feed Snowman,
 * from a fixed seed so the corpus is the same on every run (`npx tsx scripts/bad-input-corpus.ts`).
 *   inputs.bin        one input per LF-ended line, as bytes (invalid UTF-8 included): malformed names
 *                     and URLs, IDN/punycode edge cases, control and bidi characters, userinfo tricks,
 *                     schemes and IP forms, long lines. No line is blank or a `#` comment once trimmed,
 *                     so every line is one row of `snowman score`.
 *   messages.json     forged runtime messages ({message, sender}) the background must refuse, and
 *                     forged commands a content script must ignore. `{"$repeat": [text, n]}` stands
 *                     for text repeated n times (keeps the file small).
 *   warning-urls.txt  crafted warning-page addresses under chrome-extension://EXTID/, none of which
 *                     the extension issued.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MESSAGES } from '../src/core/messages.js';
import { seededRandom } from '../src/core/rng.js';
import { expand } from './lib/corpus-repeat.js';

// An argument writes elsewhere (the corpus test regenerates it to check the committed copy).
const OUT = process.argv[2] ?? fileURLToPath(new URL('../test/fixtures/bad-input/', import.meta.url));
const random = seededRandom(0x5eed_14);
const pick = <T>(items: ArrayLike<T>): T => items[Math.floor(random() * items.length)]!;
const int = (n: number): number => Math.floor(random() * n);

const NAMES = [
  'paypal.com',
  'example.com',
  'bank-login.xyz',
  'xjw9qk2mz8vfh3lp.net',
  'mail.google.com',
  'a.b.c.d.co.uk',
];
const URL_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&\'()*+,;=%\\ |^`{}<>"';
const CONTROLS = [...Array.from({ length: 32 }, (_, i) => i).filter((c) => c !== 10 && c !== 13), 0x7f, 0x85, 0x9f];
const BIDI = [0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x061c];
const INVISIBLE = [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x034f, 0x180e];
const DOTS = ['\u3002', '\uff0e', '\uff61', '\u2024', '\u00b7'];
const LOOKALIKES = ['а', 'е', 'о', 'р', 'с', 'ѕ', 'і', 'ӏ', 'ɑ', 'ο', 'ν', 'ｐ', 'ａ', 'ℓ', '𝗉'];

const insertAt = (text: string, piece: string): string => {
  const at = int(text.length + 1);
  return text.slice(0, at) + piece + text.slice(at);
};

function malformed(): string {
  const length = 1 + int(60);
  let out = '';
  for (let i = 0; i < length; i++) out += pick(URL_CHARS);
  return random() < 0.5 ? out : `${pick(['http://', 'https://', '//', 'http:', 'http:/', 'http:\\\\', ''])}${out}`;
}

function idn(): string {
  const fixed = [
    'xn--',
    'xn--.com',
    'xn--a.com',
    'xn---.com',
    'xn--zz--.net',
    'XN--80AK6AA92E.COM',
    'xn--80ak6aa92e.com',
    'xn--ls8h.la',
    'xn--nxasmq6b.xn--j6w193g',
    'xn--mnchen-3ya.de',
    'xn--p1ai',
    '.xn--p1ai',
    'a.xn--',
    'xn--1234567890123456789012345678901234567890123456789012345678.com',
    `${'a'.repeat(63)}.com`,
    `${'a'.repeat(64)}.com`,
    `${'a.'.repeat(126)}com`,
    `${'ab.'.repeat(90)}com`,
    'münchen.de',
    'Ⅿünchen.de',
    '☃.net',
    '💩.la',
    'ﬁle.com',
    'ß.de',
    'straße.de',
    'İstanbul.tr',
    'Ⓟaypal.com',
  ];
  const roll = random();
  if (roll < 0.3) return pick(fixed);
  const name = pick(NAMES);
  if (roll < 0.55) return name.replace(/[aeopcsi]/, (c) => pick(LOOKALIKES) ?? c);
  if (roll < 0.75) return name.replace('.', pick(DOTS));
  if (roll < 0.9) return insertAt(name, String.fromCodePoint(pick(INVISIBLE)));
  return `xn--${Array.from({ length: 1 + int(30) }, () => pick('abcdefghijklmnopqrstuvwxyz0123456789-')).join('')}.${pick(['com', 'xn--p1ai', 'de'])}`;
}

function controlOrBidi(): string {
  let text = random() < 0.5 ? pick(NAMES) : `https://${pick(NAMES)}/path?q=1`;
  const count = 1 + int(3);
  for (let i = 0; i < count; i++) text = insertAt(text, String.fromCodePoint(pick(random() < 0.5 ? CONTROLS : BIDI)));
  // Bidi overrides that make a name read backwards, and U+2028/2029 that split lines elsewhere.
  if (random() < 0.2) text = `\u202e${text.split('').reverse().join('')}`;
  if (random() < 0.2) text = insertAt(text, pick(['\u2028', '\u2029']));
  return text;
}

function userinfo(): string {
  const good = pick(NAMES);
  const evil = pick(['evil.com', 'attacker.xyz', '10.0.0.1', 'localhost', 'xjw9qk2mz8vfh3lp.top']);
  return pick([
    `http://${good}@${evil}/`,
    `https://${good}:443@${evil}/login`,
    `http://user:pass@${evil}`,
    `http://${good}%40${evil}/`,
    `http://${evil}\\@${good}/`,
    `http://${good}\\@${evil}`,
    `http://a@b@${evil}/`,
    `http://${good}%2F@${evil}/`,
    `http://${good}#@${evil}/`,
    `http://${good}?@${evil}/`,
    `http://@${evil}`,
    `http://:@${evil}`,
    `http://${'u'.repeat(3000)}@${evil}/`,
    `https://${good}.${evil}/`,
    `${good}@${evil}`,
    `//${good}@${evil}`,
    `http:${good}@${evil}`,
  ]);
}

function schemeOrIp(): string {
  return pick([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(document.domain)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'file:///etc/passwd',
    'chrome://settings',
    'about:blank',
    'blob:https://example.com/uuid',
    'ftp://files.example.com/',
    'ws://socket.example.com/',
    'mailto:a@example.com',
    '[::1]',
    'http://[::1]:8080/',
    'http://[fe80::1%25eth0]/',
    'http://[fe80::1%eth0]/',
    '[::ffff:127.0.0.1]',
    'http://0x7f.1/',
    'http://2130706433/',
    'http://017700000001/',
    '1.2.3.4.5',
    '256.256.256.256',
    '127.1',
    'http://0/',
    'localhost',
    'printer.local',
    'router.home.arpa',
    `http://${int(256)}.${int(256)}.${int(256)}.${int(256)}:${int(70000)}/`,
    `example.com:${pick(['', '0', '65536', '99999999999', '-1', 'abc'])}`,
  ]);
}

function longLine(): string {
  const roll = random();
  if (roll < 0.3) return `https://${pick(NAMES)}/${'p'.repeat(4000 + int(6000))}`;
  if (roll < 0.5) return `https://${pick(NAMES)}/${'q'.repeat(17_000 + int(3000))}`;
  if (roll < 0.7) return `${'x'.repeat(250 + int(20))}.com`;
  if (roll < 0.85) return `${'a.'.repeat(2000 + int(3000))}com`;
  return `http://${'h'.repeat(9000 + int(9000))}.com/`;
}

const ALL = [malformed, idn, controlOrBidi, userinfo, schemeOrIp];

/** Bytes of an input with invalid UTF-8 inserted: stray continuation, overlong, surrogate, truncated. */
function invalidUtf8(): Buffer {
  const base = Buffer.from(random() < 0.5 ? pick(NAMES) : `http://${pick(NAMES)}/x`, 'utf8');
  const bad = pick([
    [0x80],
    [0xbf],
    [0xc0, 0xaf],
    [0xe0, 0x80, 0xaf],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xf8, 0x88, 0x80, 0x80, 0x80],
    [0xfe],
    [0xff],
    [0xe2, 0x82],
    [0xf0, 0x9f, 0x92],
  ]);
  const at = int(base.length + 1);
  return Buffer.concat([base.subarray(0, at), Buffer.from(bad), base.subarray(at)]);
}

/** True when `snowman score` gives the line a row: not blank, not a comment, no line break inside. */
function isRow(bytes: Buffer): boolean {
  if (bytes.includes(0x0a) || bytes.includes(0x0d)) return false;
  const text = new TextDecoder().decode(bytes).trim();
  return text !== '' && !text.startsWith('#');
}

function inputs(): Buffer {
  const lines: Buffer[] = [];
  const add = (bytes: Buffer): void => {
    if (isRow(bytes)) lines.push(bytes);
  };
  for (let i = 0; i < 2400; i++) add(Buffer.from(ALL[i % ALL.length]!(), 'utf8'));
  for (let i = 0; i < 400; i++) add(invalidUtf8());
  for (let i = 0; i < 24; i++) add(Buffer.from(longLine(), 'utf8'));
  return Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));
}

const EXTENSION_ID = 'EXTID';
const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;
const SENDERS = {
  page: { id: EXTENSION_ID, url: `${ORIGIN}popup/index.html` },
  content: { id: EXTENSION_ID, url: 'https://evil.example/', tabId: 4, frameId: 0 },
  otherExtension: { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' },
  noId: { url: `${ORIGIN}popup/index.html` },
  webPageNamingUs: { id: EXTENSION_ID, url: `https://evil.example/${ORIGIN}warning/index.html` },
  lookalikeOrigin: { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}x/page.html` },
} as const;

/** Payloads no message accepts: wrong shapes, wrong types, over-long values. */
const JUNK: readonly unknown[] = [
  null,
  'payload',
  42,
  true,
  [],
  [{}],
  { url: 42 },
  { url: null },
  { url: ['http://a.com/'] },
  { url: { $repeat: ['u', 2 * 1024 * 1024 + 1] } },
  { tabId: -1 },
  { tabId: 1.5 },
  { tabId: '3' },
  { tabId: 2 ** 60 },
  { site: { $repeat: ['s', 254] } },
  { site: 7 },
  { list: 'constructor', site: 'a.com' },
  { list: '__proto__', site: 'a.com' },
  { sensitivity: 'paranoid' },
  { linkBadges: 'yes' },
  { paused: 'true', url: 'http://a.com/' },
  { url: 'http://a.com/', token: { $repeat: ['t', 65] } },
  { url: 'http://a.com/', token: 5 },
  { pageId: { $repeat: ['p', 65] }, hosts: [], counts: [] },
  { pageId: 'p', hosts: 'a.com', counts: [1] },
  { pageId: 'p', hosts: ['a.com'], counts: [] },
  { pageId: 'p', hosts: ['a.com'], counts: [0] },
  { pageId: 'p', hosts: ['a.com'], counts: [1.5] },
  { pageId: 'p', hosts: ['a.com'], counts: [1_000_001] },
  { pageId: 'p', hosts: [7], counts: [1] },
  { pageId: 'p', hosts: [{ $repeat: ['h', 254] }], counts: [1] },
  { pageId: 'p', hosts: { $repeat: [['a.com'], 501] }, counts: { $repeat: [[1], 501] } },
  { pageId: 7, hosts: [], counts: [] },
];

/** Forged messages, each with a sender; every one must be refused. */
function messages(): { message: unknown; sender: unknown }[] {
  const out: { message: unknown; sender: unknown }[] = [];
  const types = Object.keys(MESSAGES);
  const privileged = types.filter((t) => MESSAGES[t as keyof typeof MESSAGES].access === 'extension-page');
  // Any message, well-formed or not, from a sender that is not this extension.
  for (const type of types)
    for (const sender of [SENDERS.otherExtension, SENDERS.noId]) out.push({ message: { type, payload: {} }, sender });
  // Privileged messages from a content script or a web page that names the extension.
  for (const type of privileged)
    for (const sender of [SENDERS.content, SENDERS.webPageNamingUs, SENDERS.lookalikeOrigin])
      out.push({ message: { type, payload: { url: 'http://evil.example/', site: 'evil.example', tabId: 1 } }, sender });
  // Unknown or inherited type names, from an extension page.
  for (const type of [
    '',
    'unknown',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'GET-STATUS',
    ' get-status',
    7,
    null,
    ['get-status'],
  ])
    out.push({ message: { type, payload: {} }, sender: SENDERS.page });
  // Malformed envelopes.
  for (const message of [null, 'get-status', 42, [], { payload: {} }, { type: { $repeat: ['x', 10_000] } }])
    out.push({ message, sender: SENDERS.page });
  // Every junk payload on every message, from a sender the message accepts (score-links from a content script).
  for (const type of types) {
    const sender = MESSAGES[type as keyof typeof MESSAGES].access === 'content-script' ? SENDERS.content : SENDERS.page;
    for (const payload of JUNK) {
      // Payloads some validators rightly accept (an extra field, an empty object) are left out.
      if (acceptedBy(type, payload)) continue;
      out.push({ message: { type, payload }, sender });
    }
  }
  return out;
}

function acceptedBy(type: string, payload: unknown): boolean {
  try {
    MESSAGES[type as keyof typeof MESSAGES].validate(expand(payload) as never);
    return true;
  } catch {
    return false;
  }
}

/** Commands a web page might try to pass to the content script; none is a real one. */
const COMMANDS: readonly unknown[] = [
  null,
  'rescan',
  ['rescan'],
  { type: 'Rescan' },
  { type: 'reveal-host' },
  { type: 'reveal-host', host: 7 },
  { type: 'reveal-host', host: { $repeat: ['h', 254] } },
  { type: 'reveal-host', host: ['a.com'] },
  { type: 'inject-html', html: '<img src=x onerror=alert(1)>' },
  { type: '__proto__' },
  { type: 'constructor' },
  {},
];

function warningUrls(): string[] {
  const page = `${ORIGIN}warning/index.html`;
  const out: string[] = [];
  const targets = [
    'http://its-own-domain.example/',
    'http://paypal.com.account-verify.its-own-domain.example/',
    'javascript:alert(1)',
    'data:text/html,hi',
    'http://user@its-own-domain.example/',
    '',
    '#',
    'http://[::1]/',
    `http://its-own-domain.example/${'z'.repeat(5000)}`,
    'http://evil.example\\@good.example/',
    'http://\u202eelpmaxe.live/',
  ];
  for (const target of targets) {
    out.push(`${page}#${target}`);
    out.push(`${page}?t=#${target}`);
    out.push(`${page}?t=guess#${target}`);
    out.push(`${page}?t=REAL-TOKEN#${target}`);
    out.push(`${page}?t=REAL-TOKEN&t=x#${target}`);
    out.push(`${page}?x=1#${target}`);
    out.push(`${page}/#${target}`);
    out.push(`${page}x#${target}`);
    out.push(`${ORIGIN}warning/INDEX.html#${target}`);
    out.push(`${page}%23${target}`);
  }
  return out.filter((url) => !/[\r\n]/.test(url));
}

mkdirSync(OUT, { recursive: true });
const body = inputs();
writeFileSync(path.join(OUT, 'inputs.bin'), body);
const forged = messages();
writeFileSync(path.join(OUT, 'messages.json'), `${JSON.stringify({ messages: forged, commands: COMMANDS })}\n`);
const urls = warningUrls();
writeFileSync(path.join(OUT, 'warning-urls.txt'), `${urls.join('\n')}\n`);
process.stdout.write(
  `bad-input corpus: ${body.toString('latin1').split('\n').length - 1} inputs (${body.length} bytes), ` +
    `${forged.length} forged messages, ${COMMANDS.length} forged commands, ${urls.length} warning-page URLs\n`,
);
