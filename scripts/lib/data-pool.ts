/**
 * Read access to the shared training pool (../shared/data, see its SOURCES.md): plain text,
 * one normalised host name per line. Only the build and measurement scripts use it; nothing
 * shipped or tested depends on it being present.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'tldts';

/** The repository root (scripts/lib/ → ../../). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** ../shared/data next to the repository, or $SNOWMAN_DATA_DIR. */
export const DATA_DIR = process.env['SNOWMAN_DATA_DIR'] ?? path.resolve(REPO_ROOT, '../shared/data');

/** Fails with a readable message when the pool is missing (tests never need it). */
export function requireDataDir(): string {
  if (!existsSync(DATA_DIR)) throw new Error(`data pool not found at ${DATA_DIR} (set SNOWMAN_DATA_DIR)`);
  return DATA_DIR;
}

/** Pool file names with this prefix (`benign-`, `malicious-`, `dga-`), sorted. */
export function poolFiles(prefix: string): string[] {
  return readdirSync(requireDataDir())
    .filter((name) => name.startsWith(prefix) && name.endsWith('.txt'))
    .sort();
}

/** Host names of one pool file, in file order (rank order for the `*-ranked` files). */
export function readPoolFile(name: string): string[] {
  return readFileSync(path.join(requireDataDir(), name), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

// Same options as src/core/domain.ts: the PSL private section is on, so user.github.io is its own site.
const TLDTS_OPTIONS = {
  allowPrivateDomains: true,
  detectIp: false,
  extractHostname: false,
  validateHosts: false,
} as const;

/** Registrable domain (eTLD+1, PSL private section on), or null for a bare public suffix. */
export function registrableDomain(host: string): string | null {
  return parse(host, TLDTS_OPTIONS).domain;
}
