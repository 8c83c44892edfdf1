/** `snowman threats build` on a fixture pool: exclusions counted, provenance, the written list. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildThreats } from '../../src/cli/threats/build.js';
import { compileThreats } from '../../src/cli/threats/compile.js';
import { parseSources } from '../../src/cli/threats/sources.js';
import { decodeThreatTable } from '../../src/core/threats/format.js';
import { createThreatList } from '../../src/core/threats/lookup.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/threats/', import.meta.url));
const feed = (id: string) => ({ id, name: id, kind: 'phishing', date: '2026-01-01' });

interface Provenance {
  entries: number;
  fingerprintCollisions: number;
  files: Record<string, { bytes: number; sha256: string }>;
  skippedFeeds: string[];
  platforms: string[];
  feeds: {
    id: string;
    date: string;
    file: string;
    sha256: string;
    upstream: { commit: string; date: string; repository: string } | null;
    lines: number;
    kept: number;
    excluded: Record<string, number>;
  }[];
}

let out: string;
let provenance: Provenance;
beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'snowman-threats-'));
  await buildThreats({
    dataDir: path.join(FIXTURES, 'data'),
    outDir: out,
    modelDir: FIXTURES,
    benignFile: path.join(FIXTURES, 'benign.txt'),
    command: 'test',
  });
  provenance = JSON.parse(readFileSync(path.join(out, 'provenance.json'), 'utf8')) as Provenance;
});

describe('threats build', () => {
  it('counts every left-out line by why, and keeps the rest', () => {
    const phishing = provenance.feeds.find((f) => f.id === 'blocklistproject-phishing')!;
    expect(phishing.lines).toBe(18);
    expect(phishing.kept).toBe(11);
    expect(phishing.excluded).toEqual({ malformed: 1, ip: 1, duplicate: 1, popular: 1, platform: 2, benign: 1 });
    expect(phishing.kept + Object.values(phishing.excluded).reduce((a, b) => a + b, 0)).toBe(phishing.lines);
    expect(provenance.platforms).toEqual(['example-platform.com']);
  });

  it('reads only malicious-* feeds, skips maltrail-malware by default, and records upstream commits and dates', () => {
    expect(provenance.feeds.map((f) => f.id)).toEqual(['blocklistproject-phishing', 'blocklistproject-scam']);
    expect(provenance.skippedFeeds).toEqual(['maltrail-malware']);
    const scam = provenance.feeds[1]!;
    expect(scam.upstream).toMatchObject({
      repository: 'blocklistproject/Lists',
      commit: 'ee3bdbaddf49c756cf3340bb2e6a9dee5282d1c6',
      date: '2026-07-20',
    });
    expect(scam.date).toBe('2026-07-20');
    expect(scam.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(path.join(FIXTURES, 'data', scam.file)))
        .digest('hex'),
    );
  });

  it('writes a list whose sha256 and size the provenance states, and whose names match the lookup', () => {
    const bytes = readFileSync(path.join(out, 'list.bin'));
    expect(provenance.files['list.bin']).toEqual({
      bytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    const list = createThreatList(decodeThreatTable(new Uint8Array(bytes)));
    expect(list.size).toBe(provenance.entries);
    expect(provenance.entries).toBe(13);
    const names = readFileSync(path.join(out, 'names.txt'), 'utf8').trim().split('\n');
    expect(names).toHaveLength(13);
    expect(names).toContain('lucky-prize.win'); // www. removed, as the lookup normalises
    expect(list.lookup('user3.freehost.example-platform.com', 'example-platform.com')?.feed.id).toBe(
      'blocklistproject-phishing',
    );
    // The platform itself, a popular site's host and a benign name's parent are not listed.
    expect(list.lookup('example-platform.com', 'example-platform.com')).toBeNull();
    expect(list.lookup('other.example-platform.com', 'example-platform.com')).toBeNull();
    expect(list.lookup('phish.google.com', 'google.com')).toBeNull();
    expect(list.lookup('static.cdn-parent.net', 'cdn-parent.net')).toBeNull();
  });

  it('takes a feed the default skips when asked, and refuses an unknown one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'snowman-threats-'));
    const common = {
      dataDir: path.join(FIXTURES, 'data'),
      outDir: dir,
      modelDir: FIXTURES,
      benignFile: path.join(FIXTURES, 'benign.txt'),
      command: 'test',
    };
    const { compiled } = await buildThreats({ ...common, feeds: ['maltrail-malware'] });
    expect(compiled.names).toEqual(['c2-beacon.ru', 'login-verify-account.xyz']);
    await expect(buildThreats({ ...common, feeds: ['dga-fixture'] })).rejects.toThrow(/no such feed: dga-fixture/);
  });
});

describe('compileThreats', () => {
  it('never lists a name that is, or is a parent of, a benign name', () => {
    const compiled = compileThreats({
      feeds: [{ feed: feed('f'), lines: ['a.bad.com', 'bad.com', 'x.y.evil.org'] }],
      isPopular: () => false,
      benignHosts: ['www.a.bad.com', 'y.evil.org'],
    });
    expect(compiled.names).toEqual(['x.y.evil.org']);
    expect(compiled.feeds[0]!.excluded.benign).toBe(2);
  });

  it('keeps the first feed of a name listed twice', () => {
    const compiled = compileThreats({
      feeds: [
        { feed: feed('a'), lines: ['dup.com'] },
        { feed: feed('b'), lines: ['DUP.com.', 'other.com'] },
      ],
      isPopular: () => false,
      benignHosts: [],
    });
    const list = createThreatList(compiled.table);
    expect(list.lookup('dup.com', 'dup.com')?.feed.id).toBe('a');
    expect(compiled.feeds[1]).toMatchObject({ lines: 2, kept: 1, excluded: { duplicate: 1 } });
  });
});

describe('parseSources', () => {
  it('inherits "same commit" from the row above', () => {
    const sources = parseSources(readFileSync(path.join(FIXTURES, 'data', 'SOURCES.md'), 'utf8'));
    expect(sources.get('malicious-scam-blocklistproject.txt')?.path).toBe('alt-version/scam-nl.txt');
    expect(sources.get('malicious-maltrail-malware.txt')?.date).toBe('2026-08-23');
  });
});
