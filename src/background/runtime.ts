/**
 * The background's one initialisation promise (STYLE rule 4): model, popular list, settings and
 * this session's choices, loaded once per worker start. It never rejects: a model that cannot
 * load leaves `judge` null and `modelError` set, and browsing goes on unchecked.
 */
import { createScoreCache } from '../core/cache.js';
import type { ModelStatus } from '../core/messages.js';
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../core/settings.js';
import type { DecisionContext } from '../core/verdict.js';
import { createLookalikeDetector } from '../core/lookalike/index.js';
import { loadPopularSites, parsePopularSites, type PopularSites } from '../core/popular-sites.js';
import { extensionUrl } from '../platform/browser.js';
import { logError, logWarning } from '../platform/log.js';
import { packageModelReader, readPackageFile } from '../platform/package-files.js';
import { sessionStore, settingsStore } from '../platform/storage.js';
import { loadEngine, type Engine } from './engine.js';
import { markReady, markStage } from './metrics.js';
import { createJudge, type Judge } from './judge.js';
import { loadSessionAllowList, type SessionAllowList } from './session-allow.js';

export interface Runtime {
  readonly engine: Engine | null;
  judge: Judge | null;
  readonly modelError?: string;
  readonly sessionAllow: SessionAllowList;
  /** Current settings; replaced (never mutated) when the user changes them. */
  settings: Settings;
}

/** How long new scores wait before they are written to storage.session (later ones join the write). */
const SCORE_WRITE_DELAY_MS = 250;
const EMPTY_POPULAR: PopularSites = parsePopularSites('');
const utf8 = new TextDecoder();

/** Mutable status for `get-status`; filled in as start-up progresses. */
export const status: { -readonly [K in keyof ModelStatus]: ModelStatus[K] } = {
  state: 'loading',
  bootId: crypto.randomUUID(),
  startedAt: Date.now(),
};

async function loadModel(): Promise<Engine> {
  const engine = await loadEngine(packageModelReader('model/'), extensionUrl('wasm/'));
  // Warm-up pass: the first predict compiles kernels; a navigation should not pay for it.
  await engine.scorer.predict(['warm-up.example.com']);
  markReady();
  return engine;
}

async function popularOrEmpty(): Promise<PopularSites> {
  try {
    const popular = await loadPopularSites(async (name) => utf8.decode(await readPackageFile(`model/${name}`)));
    markStage('popular list parsed');
    return popular;
  } catch (error) {
    logWarning(`popular-site list unavailable, nothing is allowlisted: ${(error as Error).message}`);
    return EMPTY_POPULAR;
  }
}

/** Starts everything; call once at the top level of the background. */
export function startRuntime(): Promise<Runtime> {
  const store = sessionStore();
  const settingsPromise = readSettings(settingsStore(), (problem) => logWarning(`settings: ${problem}`));
  const modelPromise = loadModel().then(
    (engine) => ({ engine, error: undefined }),
    (error: unknown) => ({ engine: null, error: error instanceof Error ? error.message : String(error) }),
  );
  // The lookalike index is plain JS work: built as soon as the popular list is in, it runs while
  // the WASM runtime compiles and the model files arrive, instead of after them.
  const popularPromise = popularOrEmpty();
  const lookalikePromise = popularPromise.then((popular) => {
    const detector = createLookalikeDetector(popular);
    markStage('lookalike detector built');
    return detector;
  });
  return (async () => {
    const [model, popular, settings, sessionAllow, findLookalikes] = await Promise.all([modelPromise, popularPromise, settingsPromise, loadSessionAllowList(store), lookalikePromise]);
    const runtime: Runtime = { engine: model.engine, judge: null, sessionAllow, settings };
    if (!model.engine) {
      logError('model failed to load', model.error);
      Object.assign(status, { state: 'error', error: model.error });
      return { ...runtime, modelError: model.error ?? 'unknown error' };
    }
    const { scorer, backend } = model.engine;
    const context: DecisionContext = { metadata: scorer.metadata, isPopular: popular.has, findLookalikes };
    const cache = createScoreCache({
      version: `${scorer.metadata.version}/${scorer.engine}`,
      store,
      onError: (e) => logError('score cache', e),
      // A page's link batches arrive within a few hundred ms: their scores go to storage in one write after them.
      deferWrite: (write) => setTimeout(write, SCORE_WRITE_DELAY_MS),
    });
    const judge = createJudge({
      scorer,
      cache,
      context,
      isTrusted: (site) => runtime.settings.trustedSites.includes(site),
      isSessionAllowed: (site) => sessionAllow.has(site),
      isBlocked: (site) => runtime.settings.blockedSites.includes(site),
      isPaused: (site) => runtime.settings.pausedSites.includes(site),
    });
    Object.assign(status, {
      state: 'ready',
      modelVersion: scorer.metadata.version,
      backend: backend.backend,
      engine: scorer.engine,
      ...(backend.fallbackReason === undefined ? {} : { fallbackReason: backend.fallbackReason }),
    });
    if (backend.fallbackReason !== undefined) logWarning(`running on the cpu backend: ${backend.fallbackReason}`);
    runtime.judge = judge;
    return runtime;
  })().catch((error: unknown) => {
    // Settings or session storage failing is a browser fault; still never reject the init promise.
    const message = error instanceof Error ? error.message : String(error);
    logError('start-up failed', error);
    Object.assign(status, { state: 'error', error: message });
    const fallback: Runtime = { engine: null, judge: null, modelError: message, sessionAllow: { has: () => false, add: async () => {} }, settings: DEFAULT_SETTINGS };
    return fallback;
  });
}
