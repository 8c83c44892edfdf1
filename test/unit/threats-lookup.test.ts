/** The threat list's fingerprints, file format and lookup. */
import { describe, expect, it } from 'vitest';
import { fingerprintOf, forEachSuffixFingerprint } from '../../src/core/threats/fingerprint.js';
import { decodeThreatTable, encodeThreatTable, type ThreatTable } from '../../src/core/threats/format.js';
import { createThreatList } from '../../src/core/threats/lookup.js';
import { compileThreats } from '../../src/cli/threats/compile.js';

const FEEDS = [
  { id: 'one', name: 'Feed One', kind: 'phishing', date: '2026-07-20' },
  { id: 'two', name: 'Feed Two', kind: 'malware', date: '2026-08-23' },
];

function tableOf(entries: readonly [string, number][]): ThreatTable {
  const rows = entries
    .map(([name, feed]) => ({ ...fingerprintOf(name), feed }))
    .sort((a, b) => a.hi - b.hi || a.lo - b.lo);
  return {
    feeds: FEEDS,
    hi: Uint32Array.from(rows.map((r) => r.hi)),
    lo: Uint32Array.from(rows.map((r) => r.lo)),
    feed: Uint8Array.from(rows.map((r) => r.feed)),
  };
}

describe('fingerprints', () => {
  it('gives every suffix the fingerprint its whole name has', () => {
    const seen: string[] = [];
    forEachSuffixFingerprint('a.bc.example.com', 'example.com'.length, (hi, lo, start) => {
      const suffix = 'a.bc.example.com'.slice(start);
      expect({ hi, lo }).toEqual(fingerprintOf(suffix));
      seen.push(suffix);
      return false;
    });
    expect(seen).toEqual(['example.com', 'bc.example.com', 'a.bc.example.com']);
  });

  it('has no collisions among 200,000 similar names (a collision would be a false match)', () => {
    const prints = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      for (const name of [`host${i}.example.com`, `${i}.a.b`]) {
        const p = fingerprintOf(name);
        prints.add(`${p.hi}:${p.lo}`);
      }
    }
    expect(prints.size).toBe(200_000);
  });
});

describe('threat list lookup', () => {
  const list = createThreatList(
    decodeThreatTable(
      encodeThreatTable(
        tableOf([
          ['bad.example.com', 0],
          ['evil.org', 1],
          ['x.hosting.net', 0],
        ]),
      ),
    ),
  );

  it('matches a listed host and its sub-domains, naming the entry and feed', () => {
    expect(list.lookup('bad.example.com', 'example.com')).toEqual({ entry: 'bad.example.com', feed: FEEDS[0] });
    expect(list.lookup('a.b.bad.example.com', 'example.com')).toEqual({ entry: 'bad.example.com', feed: FEEDS[0] });
    expect(list.lookup('login.evil.org', 'evil.org')?.feed.id).toBe('two');
  });

  it('never matches a parent, a sibling or a look-alike of an entry', () => {
    expect(list.lookup('example.com', 'example.com')).toBeNull();
    expect(list.lookup('good.example.com', 'example.com')).toBeNull();
    expect(list.lookup('hosting.net', 'hosting.net')).toBeNull();
    expect(list.lookup('y.hosting.net', 'hosting.net')).toBeNull();
    expect(list.lookup('notbad.example.com', 'example.com')).toBeNull();
    expect(list.lookup('evil.org.attacker.com', 'attacker.com')).toBeNull();
  });

  it('does not look above the registrable domain, nor at a public suffix', () => {
    // Were the registrable domain given as the parent, `evil.org` itself would be a probe.
    expect(list.lookup('a.evil.org', 'a.evil.org')).toBeNull();
    expect(list.lookup('evil.org', null)).toBeNull();
  });

  it('tells apart entries that share the upper 32 bits of their fingerprint', () => {
    const a = fingerprintOf('collide-a.com');
    // A forged second entry: same upper half, different lower half.
    const table: ThreatTable = {
      feeds: FEEDS,
      hi: Uint32Array.from([a.hi, a.hi]),
      lo: Uint32Array.from([a.lo, a.lo + 1].sort((x, y) => x - y)),
      feed: Uint8Array.from([1, 1]),
    };
    const forged = createThreatList(table);
    expect(forged.lookup('collide-a.com', 'collide-a.com')?.feed.id).toBe('two');
    expect(forged.lookup('collide-b.com', 'collide-b.com')).toBeNull();
  });

  it('drops the later of two names whose fingerprints collide, and counts it', () => {
    const bucket = (host: string) => ({ hi: host.length, lo: 7 }); // a.com and b.com collide, ccc.com does not
    const compiled = compileThreats({
      feeds: [{ feed: FEEDS[0]!, lines: ['a.com', 'b.com', 'ccc.com'] }],
      isPopular: () => false,
      benignHosts: [],
      fingerprint: bucket,
    });
    expect(compiled.collisions).toBe(1);
    expect(compiled.table.hi.length).toBe(2);
    expect(compiled.names).toHaveLength(2);
    expect(compiled.feeds[0]!.kept).toBe(2);
    // Columns come out sorted, which the binary search relies on.
    for (let i = 1; i < compiled.table.hi.length; i++)
      expect(compiled.table.hi[i - 1]! <= compiled.table.hi[i]!).toBe(true);
  });

  it('refuses a file that is not a threat list or whose size lies', () => {
    const bytes = encodeThreatTable(tableOf([['evil.org', 1]]));
    expect(() => decodeThreatTable(bytes.subarray(0, bytes.length - 1))).toThrow(/size/);
    const wrong = bytes.slice();
    wrong[0] = 0;
    expect(() => decodeThreatTable(wrong)).toThrow(/not a Snowman threat list/);
    const future = bytes.slice();
    future[4] = 9;
    expect(() => decodeThreatTable(future)).toThrow(/version 9/);
  });

  it('reads a list that starts at an unaligned offset', () => {
    const bytes = encodeThreatTable(tableOf([['evil.org', 1]]));
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(createThreatList(decodeThreatTable(shifted.subarray(1))).lookup('evil.org', 'evil.org')?.feed.id).toBe(
      'two',
    );
  });
});
