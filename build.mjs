// Builds the extension into dist/chrome and dist/firefox from the one manifest.json, and the CLI into dist/cli.
//   node build.mjs            production (minified)
//   DEBUG=1 node build.mjs    __DEBUG__ on, not minified, inline source maps
//   node build.mjs --cli      only the CLI (dist/cli), as `npm pack` runs it
// Entry points are listed explicitly below; page scripts are iife (an esm bundle with no imports
// gains an `export` that breaks a classic <script>); the background is esm (manifest "type": "module").
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extensionIdOfKey, parseNames, threatRules, THREAT_RULESET_PATH } from './scripts/threat-rules.mjs';
import { splitThreatList, threatShardPath } from './scripts/threat-shards.mjs';
import { popupLevelPages } from './scripts/popup-pages.mjs';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const DEBUG = process.env.DEBUG === '1';

export const TARGETS = ['chrome', 'firefox'];

/** Extension pages: src/<name>/{index.html, main.ts, style.css} → <name>/{index.html with its styles inlined, main.js}. */
export const PAGES = ['warning', 'options', 'popup', 'checking'];

/**
 * Page scripts besides each page's main.js: output file → source. The popup's first.js is small and
 * runs first: it asks for everything, renders the verdict, then starts main.js for the rest.
 */
export const FIRST_SCRIPTS = { 'popup/first': 'src/popup/first.ts' };

/** Content scripts: output file → source. The link scanner stays small: no tfjs, no model (≤ 30 KB). */
export const CONTENT_SCRIPTS = { 'content/links': 'src/content/index.ts' };

/** Model directory files shipped in the package: the model, and the popular-site allowlist (core/popular-sites.ts). */
const MODEL_FILES = ['model.json', 'weights.bin', 'metadata.json', 'popular-domains.txt'];

let metadataRead;
/** model/metadata.json, read once for the whole build. */
function modelMetadata() {
  metadataRead ??= readFile(path.join(ROOT, 'model', 'metadata.json'), 'utf8').then(JSON.parse);
  return metadataRead;
}

/** The n-gram members a blended model names in metadata.architecture.ngramBlend (core/ngram/blend.ts). */
async function blendFiles() {
  const blend = (await modelMetadata()).architecture?.ngramBlend;
  if (!blend) return [];
  return (blend.members ?? [blend]).map((m) => m.file);
}

/** The quick check's own members (metadata.json quickCheck.files, core/ngram/quick-check.ts); none: it uses the blend's. */
async function quickFiles() {
  return (await modelMetadata()).quickCheck?.files ?? [];
}

/** The members a starting worker reads before its first answer: the quick check's own, else the blend's. */
async function firstAnswerFiles() {
  const own = await quickFiles();
  return own.length > 0 ? own : blendFiles();
}

/**
 * The files a starting worker reads in place of the model directory's sources (src/core/start-files.ts),
 * derived from model/ at every build, so a retrained model carries them. The TypeScript that
 * derives them is bundled and run here: the worker's readers and this writer are the same code.
 */
let derived;
function startFiles() {
  derived ??= deriveStartFiles();
  return derived;
}

async function deriveStartFiles() {
  const bundled = await build({
    entryPoints: ['src/core/start-files.ts'],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'warning',
  });
  const code = Buffer.from(bundled.outputFiles[0].contents).toString('base64');
  const { startFiles: derive } = await import(`data:text/javascript;base64,${code}`);
  return derive(async (name) => new Uint8Array(await readFile(path.join(ROOT, 'model', name))));
}

/** tfjs-backend-wasm builds: single-threaded SIMD, and plain for engines without SIMD. Never the threaded one. */
const WASM_FILES = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'];
const WASM_DIR = path.join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');

/** The packaged threat list (snowman threats build): its lookup file ships in both browsers, as shards. */
const THREATS_DIR = path.join(ROOT, 'threats');

/**
 * Chrome: the list's names as a static DNR ruleset redirecting to the warning page, whose address
 * the pinned id (manifest `key`) makes known now.
 */
async function writeThreatRules(outDir, manifest) {
  const namesFile = path.join(THREATS_DIR, 'names.txt');
  const warningPage = `chrome-extension://${extensionIdOfKey(manifest.key)}/warning/index.html`;
  const rules = threatRules(parseNames(await readFile(namesFile, 'utf8')), warningPage);
  await mkdir(path.join(outDir, path.dirname(THREAT_RULESET_PATH)), { recursive: true });
  await writeFile(path.join(outDir, THREAT_RULESET_PATH), JSON.stringify(rules));
  return rules;
}

const ICON_STATES = ['safe', 'suspicious', 'dangerous', 'unscored', 'error'];
const ICON_SIZES = [16, 32, 48, 128];

/** The manifest for one browser: Chrome gets a service worker and DNR, Firefox background scripts and blocking webRequest. */
export function manifestFor(base, target) {
  const manifest = structuredClone(base);
  if (target === 'chrome') {
    delete manifest.background.scripts;
    delete manifest.browser_specific_settings;
  } else {
    // Firefox enforces the list in blocking webRequest (background/guard.ts); a pinned Chrome id means nothing there.
    delete manifest.key;
    delete manifest.declarative_net_request;
    delete manifest.background.service_worker;
    delete manifest.minimum_chrome_version;
    manifest.permissions = manifest.permissions
      .filter((p) => p !== 'declarativeNetRequestWithHostAccess')
      .concat(['webRequest', 'webRequestBlocking']);
  }
  return manifest;
}

/** The engine's own file in Chrome's package, beside background.js (imported by the worker, see below). */
export const ENGINE_FILE = 'engine.js';

/** src/background/engine.ts (tfjs and the CNN) bundled on its own, as `var __snowmanEngine = …`. */
async function engineCode(common) {
  const engine = await build({
    ...common,
    entryPoints: ['src/background/engine.ts'],
    format: 'iife',
    globalName: '__snowmanEngine',
    write: false,
    sourcemap: false,
  });
  return engine.outputFiles[0].text;
}

/**
 * How the background reaches its engine (lazy-engine.ts): nothing else in the background imports
 * tfjs, so there is one copy of it, evaluated only when the model starts loading.
 *
 * Chrome: the engine is its own file (engine.js), so a starting worker does not even parse its
 * ~600 KB. A service worker may importScripts() only scripts it imported while installing (they are
 * kept with the worker); the install listener imports engine.js once, whose evaluation only defines
 * a factory, and engineModule() imports it again when the model starts loading. Measured in
 * Chromium: the late import works after the worker stopped and after a browser restart, and a
 * script not imported at install is refused. Should the late import be refused anyway,
 * EngineImportError lets the runtime keep the quick check's n-gram members as the judge.
 *
 * Firefox (an event page, not a service worker): the engine stays inside the bundle, in the
 * function that evaluates it on first use.
 */
async function lazyEnginePlugin(common, target, outDir) {
  const code = await engineCode(common);
  let contents;
  if (target === 'chrome') {
    await writeFile(
      path.join(outDir, ENGINE_FILE),
      `self.__snowmanEngineFactory = function () {\n${code}\n  return __snowmanEngine;\n};\n`,
    );
    contents = `import { EngineImportError } from './engine-import-error.ts';
self.addEventListener('install', () => {
  try {
    importScripts(${JSON.stringify(ENGINE_FILE)});
  } catch (error) {
    console.error('engine not imported at install', error);
  }
});
let loaded;
export function engineModule() {
  if (!loaded) {
    try {
      importScripts(${JSON.stringify(ENGINE_FILE)});
    } catch (error) {
      throw new EngineImportError(error);
    }
    loaded = self.__snowmanEngineFactory();
  }
  return loaded;
}
`;
  } else {
    contents = `let loaded;\nexport function engineModule() {\n  if (!loaded) {\n${code}\n    loaded = __snowmanEngine;\n  }\n  return loaded;\n}\n`;
  }
  return {
    name: 'lazy-engine',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]background[\\/]lazy-engine\.ts$/ }, (args) => ({
        contents,
        loader: 'ts',
        resolveDir: path.dirname(args.path),
      }));
    },
  };
}

let plan;
/** The early reads' plan (platform/early-reads.ts): the same files and digests for every target, worked out once. */
function startReadsPlan() {
  plan ??= (async () => {
    const derivedFiles = await startFiles();
    const members = await firstAnswerFiles();
    const bytesOf = async (file) =>
      derivedFiles[file] ?? new Uint8Array(await readFile(path.join(ROOT, 'model', file)));
    const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
    const digests = {};
    for (const file of [...Object.keys(derivedFiles), ...members])
      digests[`model/${file}`] = sha256(await bytesOf(file));
    return {
      id: sha256(JSON.stringify(digests)).slice(0, 16),
      now: Object.keys(derivedFiles).map((file) => `model/${file}`),
      later: members.map((file) => `model/${file}`),
      digests,
    };
  })();
  return plan;
}

/**
 * The background's first line (src/platform/early-reads-banner.ts, bundled alone with this build's
 * plan): it stamps when the worker began running our code (background/metrics.ts) and starts the
 * reads the first verdict needs before the rest of the script is even evaluated
 * (platform/package-files.ts takes them over): the start's metadata and the lookalike tables at
 * once, the quick check's members a task later, so the threat-list shards the waking event's name
 * needs, asked for in that event's task, are not queued behind them. It reads them from a copy it
 * keeps in IndexedDB when the copy's bytes have the SHA-256 recorded here (platform/early-reads.ts).
 * A model whose quick check has a member of its own leaves the blend's 3 MB of members to the
 * engine, read after the first answer. One line: the floor bench (bench/sections/worker-floor.ts)
 * drops it to measure the rest as dead code.
 */
async function startReadsBanner(target) {
  const bundled = await build({
    entryPoints: ['src/platform/early-reads-banner.ts'],
    bundle: true,
    format: 'iife',
    minify: true,
    legalComments: 'none',
    platform: 'browser',
    target: target === 'chrome' ? ['chrome121'] : ['firefox128'],
    define: { __EARLY_READS_PLAN__: JSON.stringify(await startReadsPlan()) },
    write: false,
    logLevel: 'warning',
  });
  // Without esbuild's "use strict": as the script's first statement it would change the mode of the whole bundle after it.
  const line = bundled.outputFiles[0].text.trimEnd().replace(/^"use strict";/, '');
  if (line.includes('\n')) throw new Error('the background banner must be one line');
  return line;
}

async function bundle(target, outDir) {
  const common = {
    bundle: true,
    minify: !DEBUG,
    sourcemap: DEBUG ? 'inline' : false,
    legalComments: 'none',
    platform: 'browser',
    target: target === 'chrome' ? ['chrome121'] : ['firefox128'],
    define: {
      __FIREFOX__: String(target === 'firefox'),
      __DEBUG__: String(DEBUG),
      'process.env.NODE_ENV': DEBUG ? '"development"' : '"production"',
    },
    logLevel: 'warning',
  };
  // The banner stamps when the worker began running our code, for the start-up breakdown (background/metrics.ts).
  await build({
    ...common,
    plugins: [await lazyEnginePlugin(common, target, outDir)],
    // The members' names are in metadata.json; known here, their reads start with the worker instead of after it.
    define: { ...common.define, __MODEL_PREFETCH__: JSON.stringify(await firstAnswerFiles()) },
    entryPoints: { background: 'src/background/index.ts' },
    format: 'iife',
    outdir: outDir,
    banner: { js: await startReadsBanner(target) },
  });
  const pageEntries = Object.fromEntries(PAGES.map((page) => [`${page}/main`, `src/${page}/main.ts`]));
  await build({
    ...common,
    entryPoints: { ...pageEntries, ...FIRST_SCRIPTS, ...CONTENT_SCRIPTS },
    format: 'iife',
    outdir: outDir,
  });
}

const STYLESHEET_LINK = /<link rel="stylesheet" href="([^"]+)" \/>/g;

/**
 * A page's HTML with each `<link rel="stylesheet" href="…" />` replaced by the file's text in a
 * `<style>` element (hrefs relative to the page's source folder). The pages share src/ui/base.css
 * this way, and open without a stylesheet fetch: an extension page's fetch goes through the
 * browser process and holds back the first paint (and the script, which waits for the styles).
 */
export async function inlineStyles(html, pageDir) {
  const sheets = new Map();
  for (const [, href] of html.matchAll(STYLESHEET_LINK))
    sheets.set(href, await readFile(path.join(pageDir, href), 'utf8'));
  const inlined = html.replace(STYLESHEET_LINK, (_, href) => `<style>\n${sheets.get(href)}</style>`);
  if (/rel="stylesheet"/.test(inlined)) throw new Error(`${pageDir}: a stylesheet link build.mjs cannot inline`);
  return inlined;
}

/** Every shipped catalogue: `_locales/<locale>/messages.json` by locale. */
export async function catalogues() {
  const dir = path.join(ROOT, '_locales');
  const locales = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  const entries = await Promise.all(
    locales.sort().map(async (l) => [l, JSON.parse(await readFile(path.join(dir, l, 'messages.json'), 'utf8'))]),
  );
  return Object.fromEntries(entries);
}

async function copyStatic(outDir) {
  for (const page of PAGES) {
    await mkdir(path.join(outDir, page), { recursive: true });
    const pageDir = path.join(ROOT, 'src', page);
    const html = await inlineStyles(await readFile(path.join(pageDir, 'index.html'), 'utf8'), pageDir);
    await writeFile(path.join(outDir, page, 'index.html'), html);
    // The toolbar opens the popup on the page of its verdict's level (core/popup-snapshot.ts popupPage).
    if (page === 'popup')
      for (const [file, text] of Object.entries(popupLevelPages(html, await catalogues())))
        await writeFile(path.join(outDir, page, file), text);
  }
  await mkdir(path.join(outDir, 'model'), { recursive: true });
  for (const file of [...MODEL_FILES, ...(await blendFiles()), ...(await quickFiles())])
    await cp(path.join(ROOT, 'model', file), path.join(outDir, 'model', file));
  for (const [file, bytes] of Object.entries(await startFiles()))
    await writeFile(path.join(outDir, 'model', file), bytes);
  await mkdir(path.join(outDir, 'wasm'), { recursive: true });
  for (const file of WASM_FILES) await cp(path.join(WASM_DIR, file), path.join(outDir, 'wasm', file));
  await cp(path.join(ROOT, 'managed-schema.json'), path.join(outDir, 'managed-schema.json'));
  await cp(path.join(ROOT, '_locales'), path.join(outDir, '_locales'), { recursive: true });
  const shards = splitThreatList(new Uint8Array(await readFile(path.join(THREATS_DIR, 'list.bin'))));
  await mkdir(path.join(outDir, path.dirname(threatShardPath(0))), { recursive: true });
  for (const [index, bytes] of shards.entries()) await writeFile(path.join(outDir, threatShardPath(index)), bytes);
  await mkdir(path.join(outDir, 'icons'), { recursive: true });
  for (const state of ICON_STATES) {
    for (const size of ICON_SIZES)
      await cp(path.join(ROOT, 'icons', `${state}-${size}.png`), path.join(outDir, 'icons', `${state}-${size}.png`));
  }
}

/** The compiled CLI: dist/cli/snowman.mjs (the package's `bin`) and the training worker's entry. */
export const CLI_DIR = path.join(ROOT, 'dist', 'cli');

/**
 * Compiles the CLI to plain JS for Node (no tsx at run time). Dependencies stay external (installed
 * beside the package); code splitting keeps each command in its own chunk, so `snowman score` loads
 * neither the server nor the trainer. Every file lands flat in dist/cli: the trainer starts its worker
 * from `./thread-worker-entry.mjs` next to its own module, as it does in the sources.
 */
export async function buildCli() {
  await rm(CLI_DIR, { recursive: true, force: true });
  await build({
    entryPoints: { snowman: 'src/cli/bin.ts', 'thread-worker-entry': 'src/cli/train/thread-worker.ts' },
    outdir: CLI_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: ['node20'],
    packages: 'external',
    define: { __FIREFOX__: 'false', __DEBUG__: 'false' },
    legalComments: 'none',
    logLevel: 'warning',
  });
  return CLI_DIR;
}

/** Builds both browsers; returns their output directories. */
export async function buildAll() {
  const base = JSON.parse(await readFile(path.join(ROOT, 'manifest.json'), 'utf8'));
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8'));
  base.version = pkg.version;
  const outputs = {};
  for (const target of TARGETS) {
    const outDir = path.join(ROOT, 'dist', target);
    await rm(outDir, { recursive: true, force: true });
    await mkdir(outDir, { recursive: true });
    await bundle(target, outDir);
    await copyStatic(outDir);
    const manifest = manifestFor(base, target);
    if (target === 'chrome') await writeThreatRules(outDir, manifest);
    await writeFile(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    outputs[target] = outDir;
  }
  return outputs;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--cli')) {
  // prepack: the published package holds only the CLI.
  console.log(`cli: ${path.relative(ROOT, await buildCli())}`);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const outputs = await buildAll();
  for (const [target, dir] of Object.entries(outputs)) {
    const size = (await stat(path.join(dir, 'background.js'))).size;
    console.log(`${target}: ${path.relative(ROOT, dir)} (background.js ${(size / 1024).toFixed(0)} KB)`);
  }
  console.log(`cli: ${path.relative(ROOT, await buildCli())}`);
  console.log(`built in ${Date.now() - started} ms${DEBUG ? ' (debug)' : ''}`);
}
