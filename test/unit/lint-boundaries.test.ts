/**
 * The ESLint boundary zones (eslint.config.js) really fail on forbidden imports and browser globals:
 * planted files are linted through ESLint's API as virtual files under src/, never written to disk.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

/** Rule ids of the errors ESLint reports for `code` planted at `file` (relative to the root). */
async function errors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

describe('lint boundary zones', () => {
  it.each([
    ['src/core/planted.ts', "import { storage } from '../platform/storage.js';\nexport const s = storage;"],
    ['src/core/model/planted.ts', "import { guard } from '../../background/guard.js';\nexport const g = guard;"],
    ['src/core/planted.ts', "import * as tf from '@tensorflow/tfjs';\nexport const t = tf;"],
    ['src/core/planted.ts', "import browser from 'webextension-polyfill';\nexport const b = browser;"],
    ['src/popup/planted.ts', "import { metrics } from '../background/metrics.js';\nexport const m = metrics;"],
    ['src/warning/planted.ts', "export { renderPopup } from '../popup/view.js';"],
    ['src/ui/planted.ts', "import { metrics } from '../background/metrics.js';\nexport const m = metrics;"],
    ['src/content/planted.ts', "import * as tf from '@tensorflow/tfjs-core';\nexport const t = tf;"],
    ['src/background/planted.ts', "import { main } from '../cli/main.js';\nexport const m = main;"],
    ['src/platform/planted.ts', "import { main } from '../cli/main.js';\nexport const m = main;"],
    ['src/cli/planted.ts', "import { storage } from '../platform/storage.js';\nexport const s = storage;"],
    ['src/background/planted.ts', "import browser from 'webextension-polyfill';\nexport const b = browser;"],
    ['src/popup/planted.ts', "import browser from 'webextension-polyfill';\nexport const b = browser;"],
  ])('%s: a forbidden import fails lint', async (file, code) => {
    expect(await errors(file, code)).toContain('no-restricted-imports');
  });

  it('core may not touch browser globals, bare or through globalThis', async () => {
    expect(await errors('src/core/planted.ts', 'export const id = chrome.runtime.id;')).toContain(
      'no-restricted-globals',
    );
    expect(await errors('src/core/planted.ts', 'export const lang = navigator.language;')).toContain(
      'no-restricted-globals',
    );
    expect(await errors('src/core/planted.ts', 'export const scope = self;')).toContain('no-restricted-globals');
    expect(await errors('src/core/planted.ts', 'export const api = globalThis.browser;')).toContain(
      'no-restricted-properties',
    );
  });

  it('outside src/platform no code reaches the extension API object', async () => {
    for (const folder of ['background', 'content', 'popup', 'warning', 'options', 'ui']) {
      expect(await errors(`src/${folder}/planted.ts`, 'export const id = chrome.runtime.id;')).toContain(
        'no-restricted-globals',
      );
      expect(await errors(`src/${folder}/planted.ts`, 'export const api = globalThis.browser;')).toContain(
        'no-restricted-properties',
      );
    }
    expect(await errors('src/platform/planted.ts', 'export const id = chrome.runtime.id;')).toEqual([]);
  });

  it('allowed imports pass: pages use core, platform and ui; the background uses core and platform', async () => {
    expect(
      await errors(
        'src/popup/planted.ts',
        "import { renderName } from '../ui/name-view.js';\nimport { parseDomain } from '../core/domain.js';\nexport const x = [renderName, parseDomain];",
      ),
    ).toEqual([]);
    expect(
      await errors(
        'src/background/planted.ts',
        "import { parseDomain } from '../core/domain.js';\nimport { logError } from '../platform/log.js';\nexport const x = [parseDomain, logError];",
      ),
    ).toEqual([]);
    expect(
      await errors('src/core/planted.ts', "import * as tf from '@tensorflow/tfjs-core';\nexport const t = tf;"),
    ).toEqual([]);
  });

  it('every folder of src/ has a zone: a new or renamed folder cannot slip out of the rules', async () => {
    const folders = (await readdir(path.join(ROOT, 'src'), { withFileTypes: true }))
      .filter((e) => e.isDirectory() && e.name !== 'types')
      .map((e) => e.name);
    expect(folders.length).toBeGreaterThanOrEqual(9);
    for (const folder of folders) {
      const config = (await eslint.calculateConfigForFile(path.join(ROOT, 'src', folder, 'planted.ts'))) as {
        rules?: Record<string, unknown>;
      };
      expect(
        config.rules?.['no-restricted-imports'],
        `src/${folder} has no boundary zone in eslint.config.js`,
      ).toBeDefined();
    }
  });
});
