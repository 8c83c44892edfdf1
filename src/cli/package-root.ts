/**
 * Where the installed package lives: the nearest folder above this module holding package.json.
 * The same walk finds it from the sources (src/cli/…), the compiled CLI (dist/cli/…) and a global
 * install, so the shipped model and the data default never depend on the source layout.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root found by walking up from `from` (a file URL or path). */
export function findPackageRoot(from: string | URL): string {
  let dir = path.dirname(typeof from === 'string' && !from.startsWith('file:') ? from : fileURLToPath(from));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(from)}`);
    dir = parent;
  }
}

/** This package's root folder. */
export const PACKAGE_ROOT = findPackageRoot(import.meta.url);
