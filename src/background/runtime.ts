/**
 * The background's one initialisation promise (STYLE rule 4): model, popular list, settings and
 * this session's choices, loaded once per worker start. It never rejects: a model that cannot
 * load leaves `judge` null and `modelError` set, and browsing goes on unchecked.
 */
import { createScoreCache } from '../core/cache.js';
import type { ModelStatus } from '../core/messages.js';
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../core/settings.js';
import type { DecisionContext } from '../core/verdict.js';
import type { Sensitivity } from '../core/sensitivity.js';
import type { ModelMetadata } from '../core/model/metadata.js';
import type { ModelFileReader } from '../core/model/file-names.js';
import type { ExtensionPackage, Storage } from '../platform/background-api.js';
import { logError, logWarning } from '../platform/log.js';
import type { SessionAreas } from './session-areas.js';
import { loadEngine, type Engine } from './model-engine.js';
import type { LoadedBlendMember } from '../core/ngram/blend.js';
import { createQuickJudge } from './quick-judge.js';
import { prefetchingStore } from './score-prefetch.js';
import { membersOrNone, modelReader, readLookalikes, readMemberSets, readMetadata } from './startup-reads.js';
import { markedWhen, markReady, markStage, setMemoryProbe } from './metrics.js';
import { createJudge, type Judge } from './judge.js';
import { EngineImportError } from './engine-import-error.js';
import { loadSessionAllowList, type SessionAllowList } from './session-allow.js';
import { packagedThreats } from './threat-list.js';
import type { ThreatList } from '../core/threats/lookup.js';
import { parseDomain } from '../core/domain.js';
import { loadManagedPolicy } from './managed-policy.js';
import { effectivePreferences, NO_POLICY, type ManagedPolicy } from '../core/managed-policy.js';
import { choiceOverride } from './choice-override.js';
import type { HostListMatch } from './host-lists.js';
import { EMPTY_HOST_SET } from '../core/host-set.js';

export interface Runtime {
  engine: Engine | null;
  judge: Judge | null;
  /**
   * Judges names from cached scores only; set before the model has loaded, so a restarted worker
   * answers the names it scored earlier this session at once. Null when the metadata is unreadable.
   */
  cachedJudge: Judge | null;
  /**
   * Judges new names with the quick check (the n-gram members alone, their own thresholds) while
   * the full model starts; null until the members are read, and when the model ships no quick check.
   */
  quickJudge: Judge | null;
  modelError?: string;
  readonly sessionAllow: SessionAllowList;
  /** Current settings; replaced (never mutated) when the user changes them. */
  settings: Settings;
  /** The organisation's policy (storage.managed); replaced when it changes. */
  policy: ManagedPolicy;
}

/** The background's start-up: one object, two moments. */
export interface RuntimeStart {
  /** Settings, this session's choices, the popular list, the lookalike index and the score cache: no model yet. */
  readonly early: Promise<Runtime>;
  /** The same object once the model has loaded or failed to (the one initialisation promise). */
  readonly ready: Promise<Runtime>;
  /**
   * The same object once it can judge a new name: with the quick check in place, or the full model
   * (or its failure) in, whichever comes first; never rejects.
   */
  readonly quick: Promise<Runtime>;
  /** The packaged threat list once every shard is read (an unreadable shard counts as empty); never rejects. */
  readonly threats: Promise<ThreatList>;
  /**
   * Resolves once the threat list can answer for `url`'s host (its shards read); the early
   * answers (listed, cached, quick check) wait on this, not on the whole list. Never rejects.
   */
  prepareThreats(url: string): Promise<void>;
  /**
   * Starts reading `url`'s stored score while the start-up runs (the answer from cached scores then
   * waits for that read and the start-up, not one after the other); nothing once the model is in.
   */
  prefetchScore(url: string): void;
  /** Filled in as start-up progresses, for `get-status`. */
  readonly status: ModelStatus;
}

/** What the runtime reads: the package's files and the browser's storage. */
export interface RuntimeSources {
  readonly extension: Pick<ExtensionPackage, 'read' | 'wasmDirectory'>;
  readonly storage: Pick<Storage, 'settings' | 'readManaged'>;
  readonly session: SessionAreas;
  /** The model starts loading once this settles too (the decisions the quick check is taking: create-background.ts). */
  readonly modelMayStart?: () => Promise<void>;
  /** The lists the user imported (read before any judgement); none when absent. */
  readonly hostLists?: { current(): HostListMatch; readonly ready: Promise<void> };
  /** Model files to start reading at once (the blend's members, which the metadata names too). */
  readonly prefetchModelFiles?: readonly string[];
}

/** The preferences in force: the user's, with what the organisation's policy sets in their place. */
export function preferencesOf(runtime: Pick<Runtime, 'settings' | 'policy'>): {
  sensitivity: Sensitivity;
  linkBadges: boolean;
} {
  return effectivePreferences(runtime.settings, runtime.policy);
}

const NO_HOST_LISTS = {
  current: (): HostListMatch => ({ block: EMPTY_HOST_SET, trust: EMPTY_HOST_SET, browserBlock: EMPTY_HOST_SET }),
  ready: Promise.resolve(),
};

/** How long new scores wait before they are written to storage.session (later ones join the write). */
const SCORE_WRITE_DELAY_MS = 250;

/**
 * Cache entries are stamped with the model version alone: the worker runs one engine, and the
 * stamp must be known before the model has loaded (runtime.cachedJudge).
 */
function cacheStamp(metadata: ModelMetadata): string {
  return metadata.version;
}

async function loadModel(
  read: ModelFileReader,
  wasmDirectory: string | undefined,
  members: Promise<readonly LoadedBlendMember[]>,
): Promise<Engine> {
  // The engine has run its one warm-up pass (createFastScorer); warm-up.ts warms the JavaScript later.
  const engine = await loadEngine(read, { wasmDirectory, members, onStage: markStage });
  setMemoryProbe(engine.memory);
  markReady();
  return engine;
}

/** Starts everything from `sources`; call once at the top level of the background. */
export function startRuntime(sources: RuntimeSources): RuntimeStart {
  const { kept: store } = sources.session;
  const scores = prefetchingStore(sources.session.scores);
  let modelIn = false;
  const hostLists = sources.hostLists ?? NO_HOST_LISTS;
  const readPackage = sources.extension.read;
  const status: { -readonly [K in keyof ModelStatus]: ModelStatus[K] } = {
    state: 'loading',
    bootId: crypto.randomUUID(),
    startedAt: Date.now(),
  };
  // The small reads go out first: the answers from cached scores (runtime.cachedJudge) need them,
  // not the model, and the model's start-up work would otherwise queue ahead of them.
  const settingsPromise = markedWhen(
    'settings read',
    readSettings(sources.storage.settings, (problem) => logWarning(`settings: ${problem}`)),
  );
  const sessionAllowPromise = loadSessionAllowList(store);
  const modelFiles = modelReader(readPackage, sources.prefetchModelFiles);
  const metadataPromise = readMetadata(modelFiles);
  // The popular list and the lookalike indexes, prepared by the build: read, not built.
  const lookalikesPromise = readLookalikes(readPackage);
  // Shards the first names need are read when those names arrive (prepareThreats); the rest after
  // the quick check is ready, so they do not share the package reads' bandwidth with the members.
  const threatShards = packagedThreats(readPackage);
  const policyPromise = loadManagedPolicy(sources.storage.readManaged);
  void Promise.all([sessionAllowPromise, policyPromise, hostLists.ready]).then(
    () => markStage('session choices, policy and host lists read'),
    () => undefined,
  );
  const memberReads = readMemberSets(modelFiles, metadataPromise);
  const newCache = (version: string) =>
    createScoreCache({
      version,
      store: scores,
      onError: (e) => logError('score cache', e),
      // A page's link batches arrive within a few hundred ms: their scores go to storage in one write after them.
      deferWrite: (write) => setTimeout(write, SCORE_WRITE_DELAY_MS),
    });
  // The organisation's blocked sites win over every choice of the user's; choice-override.ts orders the rest.
  const orgBlocked = (runtime: Runtime, site: string) => runtime.policy.blockedDomains.includes(site);
  const choicesOf = (runtime: Runtime) => ({
    isTrusted: (site: string) =>
      !orgBlocked(runtime, site) &&
      (runtime.settings.trustedSites.includes(site) || runtime.policy.trustedDomains.includes(site)),
    isSessionAllowed: (site: string) => !orgBlocked(runtime, site) && runtime.sessionAllow.has(site),
    isPaused: (site: string) => !orgBlocked(runtime, site) && runtime.settings.pausedSites.includes(site),
    override: (site: string, host: string) =>
      choiceOverride(
        { settings: runtime.settings, policy: runtime.policy, hostLists: hostLists.current() },
        site,
        host,
      ),
    sensitivity: () => preferencesOf(runtime).sensitivity,
  });

  const early = (async () => {
    const [{ popular, findLookalikes }, settings, sessionAllow, metadata, threats, policy] = await Promise.all([
      lookalikesPromise,
      settingsPromise,
      sessionAllowPromise,
      metadataPromise,
      threatShards,
      policyPromise,
      hostLists.ready,
    ]);
    const runtime: Runtime = {
      engine: null,
      judge: null,
      cachedJudge: null,
      quickJudge: null,
      sessionAllow,
      settings,
      policy,
    };
    const cache = metadata ? newCache(cacheStamp(metadata)) : null;
    if (metadata && cache)
      runtime.cachedJudge = createJudge({
        scorer: null,
        cache,
        context: { metadata, isPopular: popular.has, findLookalikes, threats },
        ...choicesOf(runtime),
      });
    markStage('cached answers ready');
    return { runtime, cache, popular, findLookalikes, threats, metadata };
  })();

  const quickJudged = (async () => {
    const [{ runtime, popular, findLookalikes, threats, metadata }, members] = await Promise.all([
      early,
      membersOrNone(memberReads.quick),
    ]);
    const quick = metadata
      ? createQuickJudge(metadata, members, { isPopular: popular.has, findLookalikes, threats }, choicesOf(runtime))
      : null;
    if (quick && !runtime.judge) {
      runtime.quickJudge = quick;
      markStage('quick check ready');
    }
    return runtime;
  })();

  // The rest of the list waits, like the model, for the decisions the quick check is taking: its
  // 64 reads would otherwise queue ahead of what those decisions still need.
  const modelMayStart = quickJudged
    .then(
      () => undefined,
      () => undefined,
    )
    .then(() => sources.modelMayStart?.());
  const membersPromise = memberReads.engine(modelMayStart);
  // The engine's failure names an unreadable member; the quick check goes without one.
  membersPromise.catch(() => undefined);
  const threatsPromise: Promise<ThreatList> = modelMayStart
    .then(() => threatShards.loadAll())
    .then(() => {
      markStage('threat list loaded');
      return threatShards;
    });

  // The WASM runtime and the CNN start once the quick check can answer, and after the events queued
  // meanwhile (the navigation that woke the worker): the engine's start-up begins with a long
  // synchronous stretch (evaluating tfjs, compiling kernels) that would otherwise run ahead of them.
  const modelPromise = modelMayStart
    .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
    .then(() => loadModel(modelFiles, sources.extension.wasmDirectory, membersPromise))
    .then(
      (engine) => ({ engine, error: undefined, importFailed: false }),
      (error: unknown) => ({
        engine: null,
        error: error instanceof Error ? error.message : String(error),
        importFailed: error instanceof EngineImportError,
      }),
    );

  const ready = (async () => {
    const [{ runtime, cache: earlyCache, popular, findLookalikes, threats, metadata }, model] = await Promise.all([
      early,
      modelPromise,
      threatsPromise,
    ]);
    if (!model.engine && model.importFailed && runtime.quickJudge) {
      // The model's files are fine, only the CNN's code is missing: the n-gram members keep judging.
      logError('the CNN engine is unavailable, judging with the n-gram members alone', model.error);
      Object.assign(status, { state: 'ready', ...(metadata ? { modelVersion: metadata.version } : {}) });
      runtime.judge = runtime.quickJudge;
      return runtime;
    }
    if (!model.engine) {
      logError('model failed to load', model.error);
      Object.assign(status, { state: 'error', error: model.error });
      runtime.modelError = model.error ?? 'unknown error';
      return runtime;
    }
    const { scorer, backend } = model.engine;
    const context: DecisionContext = { metadata: scorer.metadata, isPopular: popular.has, findLookalikes, threats };
    const stamp = cacheStamp(scorer.metadata);
    const cache = earlyCache?.version === stamp ? earlyCache : newCache(stamp);
    const judge = createJudge({ scorer, cache, context, ...choicesOf(runtime) });
    Object.assign(status, {
      state: 'ready',
      modelVersion: scorer.metadata.version,
      backend: backend.backend,
      engine: scorer.engine,
      ...(backend.fallbackReason === undefined ? {} : { fallbackReason: backend.fallbackReason }),
    });
    if (backend.fallbackReason !== undefined) logWarning(`running on the cpu backend: ${backend.fallbackReason}`);
    runtime.engine = model.engine;
    runtime.judge = judge;
    return runtime;
  })();

  // Never reject: settings or session storage failing is a browser fault, and browsing goes on.
  const failed = (error: unknown): Runtime => {
    const message = error instanceof Error ? error.message : String(error);
    logError('start-up failed', error);
    Object.assign(status, { state: 'error', error: message });
    return {
      engine: null,
      judge: null,
      cachedJudge: null,
      quickJudge: null,
      modelError: message,
      sessionAllow: { has: () => false, add: async () => {} },
      settings: DEFAULT_SETTINGS,
      policy: NO_POLICY,
    };
  };
  const readyOrFailed = ready.catch(failed);
  void readyOrFailed.then(() => {
    modelIn = true;
    scores.forget();
  });
  const quick = Promise.race([quickJudged, readyOrFailed]).catch(() => readyOrFailed);
  return {
    early: early.then(
      ({ runtime }) => runtime,
      () => readyOrFailed,
    ),
    ready: readyOrFailed,
    quick,
    threats: threatsPromise,
    prefetchScore: (url) => {
      if (modelIn) return;
      const parsed = parseDomain(url);
      if (parsed.ok) scores.prefetch(parsed.host);
    },
    prepareThreats: async (url) => {
      // Once the whole list is in (every navigation after start-up), nothing is left to read.
      if (threatShards.complete) return;
      const parsed = parseDomain(url);
      if (parsed.ok && !threatShards.isPrepared(parsed.host, parsed.registrableDomain)) {
        await threatShards.prepare(parsed.host, parsed.registrableDomain);
        markStage("first name's threat shards read");
      }
    },
    status,
  };
}
