/** The built extension the e2e suites load: dist/<browser>, or a patched copy under a test-only threshold override. */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { E2eNames } from './names.js';
import { startMetadata, START_METADATA_FILE } from '../../../src/core/start-files.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export type Target = 'chrome' | 'firefox';

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Builds dist/ when it is missing (`npm test` builds before the suites run). */
export async function ensureBuilt(): Promise<void> {
  if (
    (await exists(path.join(ROOT, 'dist/chrome/manifest.json'))) &&
    (await exists(path.join(ROOT, 'dist/firefox/manifest.json')))
  )
    return;
  await promisify(execFile)(process.execPath, ['build.mjs'], { cwd: ROOT });
}

export interface ExtensionDir {
  readonly dir: string;
  dispose(): Promise<void>;
}

export interface ExtensionDirOptions {
  /** Truncate model/weights.bin: the build as it would be if the model could not load. */
  readonly breakModel?: boolean;
  /** Truncate the tfjs WASM binaries: the build as it would be where WebAssembly cannot start (tfjs falls back to cpu). */
  readonly breakWasm?: boolean;
}

/** The directory to load for `target`; a temporary copy when thresholds move or the model is broken on purpose. */
export async function extensionDir(
  target: Target,
  names: E2eNames,
  options: ExtensionDirOptions = {},
): Promise<ExtensionDir> {
  await ensureBuilt();
  const built = path.join(ROOT, 'dist', target);
  if (!names.thresholds && !options.breakModel && !options.breakWasm) return { dir: built, dispose: async () => {} };
  const dir = await mkdtemp(path.join(os.tmpdir(), `snowman-e2e-${target}-`));
  await cp(built, dir, { recursive: true });
  if (names.thresholds) {
    const file = path.join(dir, 'model/metadata.json');
    const metadata = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    metadata['thresholds'] = names.thresholds;
    metadata['version'] = `${String(metadata['version'])}+e2e-thresholds`;
    await writeFile(file, JSON.stringify(metadata, null, 2));
    // The start decides with the build's copy of the metadata: it must carry the same thresholds.
    await writeFile(path.join(dir, 'model', START_METADATA_FILE), startMetadata(JSON.stringify(metadata)));
    console.warn(
      `[e2e] ${names.modelVersion} does not flag the fixtures: ${target} runs with test-only thresholds ${JSON.stringify(names.thresholds)}`,
    );
  }
  if (options.breakModel) await writeFile(path.join(dir, 'model/weights.bin'), new Uint8Array(16));
  if (options.breakWasm)
    for (const file of await readdir(path.join(dir, 'wasm')))
      await writeFile(path.join(dir, 'wasm', file), new Uint8Array(16));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
