import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

// STYLE.md: what may import what is checked, not only written down.
const SRC = path.resolve(__dirname, '../../src');

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(full)));
    else if (/\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => (m[1] ?? m[2])!,
  );
}

async function violations(fromDir: string, forbidden: (spec: string, resolved: string) => boolean): Promise<string[]> {
  const bad: string[] = [];
  // A missing or renamed folder throws here: a check over no files would pass silently.
  for (const file of await sourceFiles(path.join(SRC, fromDir))) {
    for (const spec of importsOf(await readFile(file, 'utf8'))) {
      const resolved = spec.startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(file), spec)) : spec;
      if (forbidden(spec, resolved)) bad.push(`${path.relative(SRC, file)} imports ${spec}`);
    }
  }
  return bad;
}

describe('layering', () => {
  it('core imports nothing from platform, extension parts, cli or browser APIs', async () => {
    expect(
      await violations(
        'core',
        (spec, r) =>
          /^(platform|background|content|popup|warning|options|cli)\//.test(r) || spec === 'webextension-polyfill',
      ),
    ).toEqual([]);
  });
  it('core runs on tfjs-core and its backends only: never the tfjs umbrella or tfjs-layers', async () => {
    const allowed = new Set(['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-cpu']);
    expect(await violations('core', (spec) => spec.startsWith('@tensorflow/') && !allowed.has(spec))).toEqual([]);
  });
  it('a folder it checks that is missing or renamed fails the check', async () => {
    await expect(violations('no-such-folder', () => false)).rejects.toThrow(/ENOENT/);
  });
  it('core touches no browser globals', async () => {
    const bad: string[] = [];
    for (const file of await sourceFiles(path.join(SRC, 'core'))) {
      const text = (await readFile(file, 'utf8')).replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      if (
        /\b(chrome|browser)\.(runtime|tabs|storage|webNavigation|declarativeNetRequest|action)\b|\bdocument\.|\bwindow\./.test(
          text,
        )
      )
        bad.push(path.relative(SRC, file));
    }
    expect(bad).toEqual([]);
  });
  it('pages and the content script never import the background, and nothing in the extension imports cli', async () => {
    for (const dir of ['content', 'popup', 'warning', 'options', 'checking']) {
      expect(await violations(dir, (_s, r) => r.startsWith('background/') || r.startsWith('cli/'))).toEqual([]);
    }
    for (const dir of ['background', 'platform'])
      expect(await violations(dir, (_s, r) => r.startsWith('cli/'))).toEqual([]);
  });
  it('the content script never imports tfjs or the model code', async () => {
    expect(
      await violations('content', (spec, r) => spec.startsWith('@tensorflow/') || r.startsWith('core/model/')),
    ).toEqual([]);
  });
});
