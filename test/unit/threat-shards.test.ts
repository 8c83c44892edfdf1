/**
 * The threat list as shards (scripts/threat-shards.mjs, core/threats/shards.ts): the same answers
 * as the one-table list for every name, and never "not listed" for a name whose shard is unread.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitThreatList, THREAT_SHARD_COUNT as BUILD_SHARDS } from '../../scripts/threat-shards.mjs';
import { parseDomain } from '../../src/core/domain.js';
import { decodeThreatTable } from '../../src/core/threats/format.js';
import { createThreatList } from '../../src/core/threats/lookup.js';
import { createShardedThreatList, shardsFor, THREAT_SHARD_COUNT } from '../../src/core/threats/shards.js';

const ROOT = path.resolve(__dirname, '../..');
const bytes = new Uint8Array(readFileSync(path.join(ROOT, 'threats/list.bin')));
const names = readFileSync(path.join(ROOT, 'threats/names.txt'), 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'));

function sharded() {
  const shards = splitThreatList(bytes) as Uint8Array[];
  const reads: number[] = [];
  const list = createShardedThreatList(
    async (shard) => {
      reads.push(shard);
      return decodeThreatTable(shards[shard]!);
    },
    (shard, error) => {
      throw new Error(`shard ${shard}: ${String(error)}`);
    },
  );
  return { list, reads, shards };
}

/** Listed names, their sub-domains and unlisted look-alikes of them. */
const probes = names
  .filter((_, i) => i % 997 === 0)
  .flatMap((name) => [name, `login.${name}`, `x${name}`, `a.b.${name}`]);

describe('threat list shards', () => {
  it('the build and the lookup agree on the shard count', () => {
    expect(BUILD_SHARDS).toBe(THREAT_SHARD_COUNT);
  });

  it('split into complete list files that together hold every entry once', () => {
    const { shards } = sharded();
    expect(shards).toHaveLength(THREAT_SHARD_COUNT);
    const whole = decodeThreatTable(bytes);
    const total = shards.reduce((sum, shard) => sum + decodeThreatTable(shard).hi.length, 0);
    expect(total).toBe(whole.hi.length);
    expect(Math.max(...shards.map((s) => s.byteLength))).toBeLessThan(bytes.byteLength / 16);
  });

  it('answers exactly as the one-table list once prepared, reading only the shards a name needs', async () => {
    const whole = createThreatList(decodeThreatTable(bytes));
    const { list, reads } = sharded();
    let listed = 0;
    for (const name of probes) {
      const parsed = parseDomain(`http://${name}/`);
      if (!parsed.ok) continue;
      const before = reads.length;
      await list.prepare(parsed.host, parsed.registrableDomain);
      expect(reads.length - before).toBeLessThanOrEqual(shardsFor(parsed.host, parsed.registrableDomain).length);
      const expected = whole.lookup(parsed.host, parsed.registrableDomain);
      if (expected) listed++;
      expect(list.lookup(parsed.host, parsed.registrableDomain), name).toEqual(expected);
    }
    expect(listed).toBeGreaterThan(probes.length / 4);
    await list.loadAll();
    expect(list.size).toBe(whole.size);
    expect(list.feeds).toEqual(whole.feeds);
  });

  it('refuses to answer for a name whose shard is not read', () => {
    const { list } = sharded();
    const parsed = parseDomain(`http://${names[0]}/`);
    if (!parsed.ok) throw new Error('unparsable fixture');
    expect(list.isPrepared(parsed.host, parsed.registrableDomain)).toBe(false);
    expect(() => list.lookup(parsed.host, parsed.registrableDomain)).toThrow(/not read/);
  });
});
