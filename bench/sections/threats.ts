/**
 * Threats section: the packaged threat list (threats/) — its size, what it adds to each store
 * archive, load time, lookup time per name, and the Chrome DNR rules it uses. Targets: lookup
 * ≤ 1 µs a name, load ≤ 50 ms, ≤ 10 MB added to each archive.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseDomain } from '../../src/core/domain.js';
import { decodeThreatTable } from '../../src/core/threats/format.js';
import { createThreatList } from '../../src/core/threats/lookup.js';
import { extensionIdOfKey, parseNames, threatRules } from '../../scripts/threat-rules.mjs';
import type { Row } from '../types.js';
import { MAX_BLOCK_RULES } from '../../src/background/block-rules.js';
import {
  DNR_DYNAMIC_LIMITS,
  HOSTS_PER_RULE,
  importedBlockRuleBudget,
  planImportedRules,
} from '../../src/background/imported-rules.js';
import { MAX_IMPORTED_HOSTS, parseHostList } from '../../src/core/host-list-file.js';
import { importedHostOf } from '../../src/core/imported-host.js';
import { median } from '../lib/stats.js';

const SECTION = 'threats';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PASSES = 7;
const MB = 1024 * 1024;

/** Measures the committed list. */
export async function run(): Promise<Row[]> {
  const bytes = new Uint8Array(readFileSync(`${ROOT}threats/list.bin`));
  let started = performance.now();
  const list = createThreatList(decodeThreatTable(bytes));
  const coldLoad = performance.now() - started;
  const loads: number[] = [];
  for (let i = 0; i < PASSES; i++) {
    started = performance.now();
    createThreatList(decodeThreatTable(bytes));
    loads.push(performance.now() - started);
  }

  const hosts = (text: string, prefix = '') =>
    text.split('\n').flatMap((line) => {
      const parsed = line === '' ? null : parseDomain(prefix + line);
      return parsed?.ok && parsed.registrableDomain !== null ? [[parsed.host, parsed.registrableDomain] as const] : [];
    });
  const tranco = hosts(readFileSync(`${ROOT}test/fixtures/tranco-top100k.txt`, 'utf8'));
  const namesText = readFileSync(`${ROOT}threats/names.txt`, 'utf8');
  const listedBelow = hosts(
    namesText
      .split('\n')
      .slice(0, 100_000)
      .join('\n')
      .replace(/^(?=.)/gm, 'www.a.'),
  );
  const time = (names: readonly (readonly [string, string])[]) => {
    const runs: number[] = [];
    let hits = 0;
    for (let p = 0; p < PASSES; p++) {
      hits = 0;
      // CPU time, not wall time: on a shared 2-core machine the wall clock counts other processes' turns.
      const t = process.cpuUsage();
      for (const [host, domain] of names) if (list.lookup(host, domain)) hits++;
      const used = process.cpuUsage(t);
      runs.push(((used.user + used.system) * 1e3) / names.length);
    }
    return { ns: median(runs), hits };
  };
  const unlisted = time(tranco);
  const listed = time(listedBelow);

  const manifest = JSON.parse(readFileSync(`${ROOT}manifest.json`, 'utf8')) as { key: string };
  const rules = threatRules(
    parseNames(namesText),
    `chrome-extension://${extensionIdOfKey(manifest.key)}/warning/index.html`,
  );
  const rulesJson = JSON.stringify(rules);
  const listZipped = gzipSync(bytes, { level: 9 }).byteLength;
  const rulesZipped = gzipSync(rulesJson, { level: 9 }).byteLength;
  const probes = 3; // a typical name and its parents down to the registrable domain

  // A user's imported lists at their cap: parse time (the worker's CPU at import) and the dynamic rules they take.
  const importText = parseNames(namesText).slice(0, MAX_IMPORTED_HOSTS).join('\n');
  const cpu = process.cpuUsage();
  const imported = parseHostList(importText, importedHostOf);
  const parseUsed = process.cpuUsage(cpu);
  const plan = planImportedRules(imported.hosts, imported.hosts, 'chrome-extension://x/warning/index.html');
  const importedRedirects = plan.rules.filter((r) => r.action.type === 'redirect').length;
  const importedAllows = plan.rules.length - importedRedirects;
  return [
    {
      section: SECTION,
      metric: 'listed names',
      value: list.size,
      unit: 'names',
      note: list.feeds.map((f) => `${f.name} ${f.kind} (${f.date})`).join(', '),
    },
    {
      section: SECTION,
      metric: 'list.bin',
      value: bytes.byteLength / MB,
      unit: 'MB',
      note: `gzip -9 ${(listZipped / MB).toFixed(2)} MB: 64-bit fingerprints do not compress`,
    },
    {
      section: SECTION,
      metric: 'Chrome DNR ruleset',
      value: rulesJson.length / MB,
      unit: 'MB',
      note: `gzip -9 ${(rulesZipped / MB).toFixed(2)} MB`,
    },
    {
      section: SECTION,
      metric: 'added to the Chrome archive',
      value: (listZipped + rulesZipped) / MB,
      unit: 'MB',
      note: 'list.bin + rules, compressed; target ≤ 10 MB',
    },
    {
      section: SECTION,
      metric: 'added to the Firefox archive',
      value: listZipped / MB,
      unit: 'MB',
      note: 'list.bin, compressed; target ≤ 10 MB',
    },
    {
      section: SECTION,
      metric: 'DNR rules used',
      value: rules.length,
      unit: 'rules',
      note: `1 static ruleset; Chrome guarantees 30,000 static rules, 50 enabled rulesets, 1,000 regex rules`,
    },
    {
      section: SECTION,
      metric: 'DNR dynamic rules, at most',
      value: MAX_BLOCK_RULES + 1 + importedBlockRuleBudget() + importedAllows,
      unit: 'rules',
      note: `regex redirects: guard ${MAX_BLOCK_RULES} + policy 1 + imported block list ${importedBlockRuleBudget()} of ${DNR_DYNAMIC_LIMITS.MAX_NUMBER_OF_REGEX_RULES}; + ${importedAllows} imported-trust allow rules at ${MAX_IMPORTED_HOSTS.toLocaleString('en-US')} hosts (+ user trust rules, 1 a site) of ${DNR_DYNAMIC_LIMITS.MAX_NUMBER_OF_DYNAMIC_RULES.toLocaleString('en-US')}`,
    },
    {
      section: SECTION,
      metric: 'imported block list, stopped by the browser',
      value: plan.browserBlocked,
      unit: 'hosts',
      note: `${importedRedirects} rules × ${HOSTS_PER_RULE.toLocaleString('en-US')}; the other ${plan.workerBlocked.toLocaleString('en-US')} of a ${imported.hosts.length.toLocaleString('en-US')}-host list checked by the worker`,
    },
    {
      section: SECTION,
      metric: 'import, parse a list at the cap',
      value: (parseUsed.user + parseUsed.system) / 1e3,
      unit: 'ms',
      note: `${imported.hosts.length.toLocaleString('en-US')} hosts (listed names), CPU time in Node, once per import`,
    },
    {
      section: SECTION,
      metric: 'load, first in process',
      value: coldLoad,
      unit: 'ms',
      note: `decode + bucket index of ${list.size.toLocaleString('en-US')} entries; target ≤ 50 ms`,
    },
    { section: SECTION, metric: 'load, warm', value: median(loads), unit: 'ms', note: `median of ${PASSES}` },
    {
      section: SECTION,
      metric: 'lookup, unlisted name',
      value: unlisted.ns,
      unit: 'ns/name',
      note: `Tranco top-100k (${unlisted.hits} matched; must be 0), CPU time, median of ${PASSES}; target ≤ 1,000 ns`,
    },
    {
      section: SECTION,
      metric: 'lookup, below a listed name',
      value: listed.ns,
      unit: 'ns/name',
      note: `www.a.<listed>, 100,000 names (${listed.hits} matched), CPU time, median of ${PASSES}`,
    },
    {
      section: SECTION,
      metric: 'false match per lookup',
      value: (probes * list.size) / 2 ** 64,
      unit: 'p',
      note: `n / 2^64 per probe × ${probes} probes; target ≤ 1e-6`,
    },
  ];
}
