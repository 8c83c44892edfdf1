// ESLint (flat config): the import boundaries of ../shared/STYLE.md's layout as lint errors, plus the
// typescript-eslint rules that catch real defects. Formatting is Prettier's job (.prettierrc.json).
import tseslint from 'typescript-eslint';

/** Every top-level folder of src/ (test/unit/lint-boundaries.test.ts fails on a folder without a zone). */
const ZONES = ['core', 'platform', 'background', 'content', 'popup', 'warning', 'options', 'checking', 'ui', 'cli'];

const PAGES = ['popup', 'warning', 'options', 'checking'];

/** What each folder must never import (folders of src/, matched on the import's path segments). */
const FORBIDDEN = {
  core: ['platform', 'background', 'content', ...PAGES, 'ui', 'cli'],
  platform: ['background', 'content', ...PAGES, 'ui', 'cli'],
  background: ['content', ...PAGES, 'ui', 'cli'],
  content: ['background', ...PAGES, 'cli'],
  popup: ['background', 'content', 'warning', 'options', 'checking', 'cli'],
  warning: ['background', 'content', 'popup', 'options', 'checking', 'cli'],
  options: ['background', 'content', 'popup', 'warning', 'checking', 'cli'],
  checking: ['background', 'content', 'popup', 'warning', 'options', 'cli'],
  ui: ['background', 'content', ...PAGES, 'cli'],
  cli: ['platform', 'background', 'content', ...PAGES, 'ui'],
};

/** Browser globals core may not touch: it runs in Node, tests and the worker alike, with its I/O passed in. */
const BROWSER_GLOBALS = ['chrome', 'browser', 'window', 'document', 'navigator', 'self'];

/** The extension API objects: outside src/platform, nothing reaches them. */
const EXTENSION_GLOBALS = ['chrome', 'browser'];

function zone(folder) {
  const folders = FORBIDDEN[folder].join('|');
  const patterns = [
    {
      regex: `(^|/)(${folders})/`,
      message: `src/${folder} must not import from src/{${FORBIDDEN[folder].join(',')}} (STYLE.md, layout)`,
    },
  ];
  if (folder === 'core') {
    patterns.push({
      regex: '^webextension-polyfill$',
      message: 'core is browser-free: the platform layer wraps the browser API',
    });
    patterns.push({
      regex: '^@tensorflow/(tfjs|tfjs-layers|tfjs-converter|tfjs-data|tfjs-backend-webgl)$',
      message: 'core runs on tfjs-core and its wasm/cpu backends only; layers code lives in src/cli',
    });
  }
  if (folder === 'content') patterns.push({ regex: '^@tensorflow/', message: 'the content script never loads tfjs' });
  if (folder !== 'core' && folder !== 'platform')
    patterns.push({
      regex: '^webextension-polyfill$',
      message: 'only src/platform touches the browser API: use its interface (background-api.ts) or a page facade',
    });
  const rules = { 'no-restricted-imports': ['error', { patterns }] };
  // core: no browser or DOM at all; elsewhere outside src/platform: no extension API object.
  const globals = folder === 'core' ? BROWSER_GLOBALS : folder === 'platform' ? [] : EXTENSION_GLOBALS;
  const why =
    folder === 'core'
      ? 'core is browser-free: take what you need as an argument'
      : 'only src/platform touches the browser API: use its interface (background-api.ts) or a page facade';
  if (globals.length > 0) {
    rules['no-restricted-globals'] = ['error', ...globals.map((name) => ({ name, message: why }))];
    rules['no-restricted-properties'] = [
      'error',
      ...globals.map((property) => ({ object: 'globalThis', property, message: why })),
    ];
  }
  return { files: [`src/${folder}/**/*.ts`], rules };
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'bench/results/**',
      '.scratch/**',
      'snowman-model-*/**',
      'test/e2e/.screens-tmp/**',
      'test/fixtures/**',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // Reported, not failing: work in progress on another branch may hold a constant a test will use.
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'prefer-const': 'warn',
    },
  },
  ...ZONES.map(zone),
);
