/**
 * The committed threat list (threats/): intact, described by its provenance, and never listing a
 * name of the Tranco top-100k (test/fixtures/tranco-top100k.txt is a committed copy of the pool's).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDomain } from '../../src/core/domain.js';
import { decodeThreatTable } from '../../src/core/threats/format.js';
import { createThreatList } from '../../src/core/threats/lookup.js';

const read = (relative: string) => readFileSync(fileURLToPath(new URL(`../../${relative}`, import.meta.url)));
const listBytes = read('threats/list.bin');
const namesText = read('threats/names.txt');
const provenance = JSON.parse(read('threats/provenance.json').toString('utf8')) as {
  entries: number;
  fingerprintCollisions: number;
  files: Record<string, { bytes: number; sha256: string }>;
  feeds: { id: string; date: string; kept: number; upstream: { commit: string; date: string } | null }[];
};
const list = createThreatList(decodeThreatTable(new Uint8Array(listBytes)));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the shipped threat list', () => {
  it('matches its provenance: sha256, sizes, entries per feed, upstream commit and date of each feed', () => {
    expect(provenance.files['list.bin']).toEqual({ bytes: listBytes.byteLength, sha256: sha256(listBytes) });
    expect(provenance.files['names.txt']).toEqual({ bytes: namesText.byteLength, sha256: sha256(namesText) });
    expect(list.size).toBe(provenance.entries);
    expect(provenance.feeds.reduce((sum, f) => sum + f.kept, 0)).toBe(provenance.entries);
    expect(provenance.fingerprintCollisions).toBe(0);
    for (const feed of provenance.feeds) {
      expect(feed.upstream?.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(feed.date).toBe(feed.upstream?.date);
    }
  });

  it('lists every name of names.txt (what the Chrome rules block) and a sub-domain of each', () => {
    const names = namesText.toString('utf8').trim().split('\n');
    expect(names).toHaveLength(provenance.entries);
    const listed = new Set(names);
    const step = Math.max(1, Math.floor(names.length / 5000));
    for (let i = 0; i < names.length; i += step) {
      const parsed = parseDomain(`sub.${names[i]!}`);
      if (!parsed.ok) throw new Error(`unparseable listed name ${names[i]}`);
      // The match is the name or a listed parent of it (the shortest listed suffix wins).
      const entry = list.lookup(parsed.host, parsed.registrableDomain)?.entry ?? '';
      expect(listed.has(entry) && (entry === names[i] || names[i]!.endsWith(`.${entry}`))).toBe(true);
    }
  });

  it('lists no name of the Tranco top-100k', () => {
    const listed: string[] = [];
    for (const line of read('test/fixtures/tranco-top100k.txt').toString('utf8').split('\n')) {
      const parsed = parseDomain(line);
      if (parsed.ok && list.lookup(parsed.host, parsed.registrableDomain)) listed.push(parsed.host);
    }
    expect(listed).toEqual([]);
  });
});
