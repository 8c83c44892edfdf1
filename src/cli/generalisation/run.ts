/**
 * The harness: for every fold, train each requested candidate once on what the fold leaves in,
 * score the held-out sources, families and benign names, and derive the ensembles from the same
 * scores. Models share folds, held-out benign names and training caps, so rows are comparable.
 */
import { DEFAULT_DATA_DIR, listDataFiles, readLabelledFiles, type Example } from '../data/labelled-files.js';
import { splitByGroup } from '../data/split.js';
import type { CandidateModel, MemberScores, ModelEntry, TrainedCandidate } from './candidate.js';
import { buildFold, capPerSource, groupFamilies, planBenignListFolds, planFolds, type FoldPlan } from './folds.js';
import { DEFAULT_MODELS, resolveModels } from './registry.js';
import { hostParts } from '../../core/ngram/parts.js';
import { hasCachedScores, readCachedScores, scoreCacheKey, writeCachedScores, type CachedCost } from './score-cache.js';
import { probeFlagged, probeHosts, PROBE_PREFIXES } from './subdomain-probe.js';
import { averageBenignRows, benignSourceRows, foldRow, mean, operatingThresholds, summarise } from './summary.js';
import type {
  BenignSourceRow,
  FoldKind,
  FoldResult,
  GeneralisationOptions,
  GeneralisationResult,
  ModelCost,
} from './types.js';

export const GENERALISATION_DEFAULTS = {
  epochs: 3,
  seed: 1,
  maxTrainPerSource: 40_000,
  maxEvalPerSource: 20_000,
  benignHoldoutShare: 0.25,
  randomShare: 0.2,
  validationShare: 0.05,
} as const;

function kindOf(plan: FoldPlan, key: string): FoldKind {
  if (plan.kind === 'random') return 'random';
  if (plan.kind === 'benign-list') return 'benign-list';
  return key.startsWith('dga-') ? 'family' : 'source';
}

/** Candidates needed for the requested entries: the candidates themselves and every ensemble member. */
function candidatesFor(entries: readonly ModelEntry[]): CandidateModel[] {
  const names = new Set<string>();
  for (const e of entries) for (const n of e.kind === 'candidate' ? [e.name] : e.members) names.add(n);
  return resolveModels([...names]).map((e) => {
    if (e.kind !== 'candidate') throw new Error(`ensemble member ${e.name} must be a trained model`);
    return e;
  });
}

/** Runs the leave-one-source-out / leave-family-out comparison (and the random split beside it). */
export async function runGeneralisation(options: GeneralisationOptions = {}): Promise<GeneralisationResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const d = GENERALISATION_DEFAULTS;
  const seed = options.seed ?? d.seed;
  const epochs = options.epochs ?? d.epochs;
  const maxTrainPerSource = options.maxTrainPerSource ?? d.maxTrainPerSource;
  const maxEvalPerSource = options.maxEvalPerSource ?? d.maxEvalPerSource;
  const benignHoldoutShare = options.benignHoldoutShare ?? d.benignHoldoutShare;
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const modelNames = options.models ?? DEFAULT_MODELS;
  const entries = resolveModels(modelNames);
  const candidates = candidatesFor(entries);

  const files = await listDataFiles(dataDir);
  const { examples: pool, files: summaries } = await readLabelledFiles(files.map((path) => ({ path })));
  const fileHashes = summaries.map((f) => f.sha256);
  log(`pool: ${pool.length} names from ${files.length} files`);
  const sources = [...new Set(pool.filter((e) => e.label === 'malicious').map((e) => e.source))].sort();
  const familySizes = new Map<string, number>();
  for (const e of pool) if (e.label === 'dga') familySizes.set(e.source, (familySizes.get(e.source) ?? 0) + 1);
  const runs = Math.max(options.folds ?? sources.length, sources.length, 1);
  const familyGroups = groupFamilies(familySizes, runs);
  const plans: FoldPlan[] = planFolds(sources, familyGroups);
  if (options.random ?? true) plans.push({ index: plans.length, kind: 'random', sources: [], families: [] });
  const benignLists = [...new Set(pool.filter((e) => e.label === 'benign').map((e) => e.source))].sort();
  // With a single benign list, holding it out would leave no benign name to train on.
  const runBenignLists = (options.benignLists ?? true) && benignLists.length >= 2;
  if (runBenignLists) plans.push(...planBenignListFolds(benignLists, plans.length));

  const rows: FoldResult[] = [];
  const probeRows: { model: string; kind: FoldPlan['kind']; flagged: number }[] = [];
  const benignRows: BenignSourceRow[] = [];
  const costTotals = new Map<string, CachedCost>();
  const addCost = (model: string, cost: CachedCost) => {
    const sum = costTotals.get(model) ?? { trainSeconds: 0, scoreSeconds: 0, scoredNames: 0 };
    costTotals.set(model, {
      trainSeconds: sum.trainSeconds + cost.trainSeconds,
      scoreSeconds: sum.scoreSeconds + cost.scoreSeconds,
      scoredNames: sum.scoredNames + cost.scoredNames,
    });
  };
  const cacheKeyParts = (candidate: CandidateModel, plan: FoldPlan) => ({
    model: candidate.name,
    description: candidate.description,
    plan,
    seed,
    epochs,
    maxTrainPerSource,
    maxEvalPerSource,
    benignHoldoutShare,
    files: fileHashes,
  });
  for (const plan of plans) {
    if (options.onlyFolds && !options.onlyFolds.includes(plan.index)) continue;
    const fold = buildFold(pool, plan, { benignHoldoutShare, randomShare: d.randomShare, seed });
    // Benign names are the scarce class: all of them train; only the big risky lists are sampled down.
    const capped = [
      ...fold.train.filter((e) => e.label === 'benign'),
      ...capPerSource(
        fold.train.filter((e) => e.label !== 'benign'),
        maxTrainPerSource,
        seed,
      ),
    ];
    const { train, validation } = splitByGroup(capped, { validation: d.validationShare, test: 0 }, seed + plan.index);
    const keys = [...fold.positives.keys()].sort();
    // A benign-list run scores the list against all the random split's positives at once (one row).
    const positives =
      plan.kind === 'benign-list'
        ? [
            capPerSource(
              keys.flatMap((k) => fold.positives.get(k)!),
              maxEvalPerSource,
              seed,
            ),
          ]
        : keys.map((k) => capPerSource(fold.positives.get(k)!, maxEvalPerSource, seed));
    const rowKeys = plan.kind === 'benign-list' ? [plan.benignList!] : keys;
    const negativeList =
      plan.kind === 'benign-list' ? capPerSource(fold.negatives, maxEvalPerSource, seed) : fold.negatives;
    // Which held-out positives are bare registrable domains: worked out once per fold, used by every model's rows.
    const bare = positives.map((list) => list.map((e) => hostParts(e.host).sub === ''));
    const probe =
      plan.kind === 'benign-list'
        ? []
        : probeHosts(
            negativeList.map((e) => e.host),
            seed,
          );
    const calibration = capPerSource(fold.calibration, maxEvalPerSource, seed);
    // Layout of every model's scores: held-out benign | sub-domain probe | positives by key | calibration.
    const evalHosts = [
      ...negativeList.map((e) => e.host),
      ...probe,
      ...positives.flatMap((list) => list.map((e) => e.host)),
      ...calibration.map((e) => e.host),
    ];
    const validationHosts = validation.map((e) => e.host);
    const validationLabels = Uint8Array.from(validation, (e: Example) => (e.label === 'benign' ? 0 : 1));
    const heldOut =
      plan.kind === 'random'
        ? 'random split'
        : plan.kind === 'benign-list'
          ? `benign list ${plan.benignList}`
          : [...plan.sources, ...plan.families].join(', ');
    log(
      `fold ${plan.index + 1}/${plans.length} (${heldOut}): train ${train.length} (of ${fold.train.length} left in), validation ${validation.length}, held-out benign ${negativeList.length}`,
    );
    const validationBenign = validation.flatMap((e, i) => (e.label === 'benign' ? [i] : []));

    const scored = new Map<string, MemberScores>();
    if (options.cachedOnly && options.cacheDir) {
      const missing: string[] = [];
      for (const candidate of candidates) {
        const key = scoreCacheKey(cacheKeyParts(candidate, plan));
        if (!(await hasCachedScores(options.cacheDir, key))) missing.push(candidate.name);
      }
      if (missing.length > 0) {
        log(`  skipped: ${missing.join(', ')} not in the cache`);
        continue;
      }
    }
    for (const candidate of candidates) {
      const key = scoreCacheKey(cacheKeyParts(candidate, plan));
      const cached = options.cacheDir ? await readCachedScores(options.cacheDir, key) : null;
      if (cached) {
        scored.set(candidate.name, cached.scores);
        addCost(candidate.name, cached.cost);
        log(`  ${candidate.name}: scores from the cache (${key})`);
        continue;
      }
      const t0 = performance.now();
      const trained: TrainedCandidate = await candidate.train(train, validation, {
        seed: seed + plan.index,
        epochs,
        log,
      });
      const t1 = performance.now();
      const evalHeads = await trained.headLogits(evalHosts);
      const t2 = performance.now();
      const validationHeads = await trained.headLogits(validationHosts);
      const member: MemberScores = {
        eval: trained.decide(evalHeads),
        validation: trained.decide(validationHeads),
        categories: trained.categories,
        evalHeads,
        validationHeads,
      };
      scored.set(candidate.name, member);
      trained.dispose?.();
      const cost: CachedCost = {
        trainSeconds: (t1 - t0) / 1000,
        scoreSeconds: (t2 - t1) / 1000,
        scoredNames: evalHosts.length,
      };
      if (options.cacheDir) await writeCachedScores(options.cacheDir, key, member, cost);
      addCost(candidate.name, cost);
      log(
        `  ${candidate.name}: trained in ${((t1 - t0) / 1000).toFixed(1)} s, scored ${evalHosts.length} names in ${((t2 - t1) / 1000).toFixed(1)} s`,
      );
    }
    await options.onFold?.({
      plan,
      train,
      negatives: negativeList,
      probeLength: probe.length,
      probeHosts: probe,
      positives: rowKeys.map((key, k) => ({ key, examples: positives[k]! })),
      calibration,
      validation,
      members: scored,
    });
    for (const entry of entries) {
      let scores: Float32Array;
      let validationScores: Float32Array;
      if (entry.kind === 'candidate') {
        scores = scored.get(entry.name)!.eval;
        validationScores = scored.get(entry.name)!.validation;
      } else {
        const members = entry.members.map((m) => scored.get(m)!);
        scores = entry.combine(members, validationLabels);
        // The same combination applied to the validation names (their own heads in place of the held-out ones).
        validationScores = entry.combine(
          members.map((m) => ({ ...m, eval: m.validation, evalHeads: m.validationHeads })),
          validationLabels,
        );
      }
      const operating = operatingThresholds(validationBenign.map((i) => validationScores[i]!));
      const negatives = scores.subarray(0, negativeList.length);
      if (plan.kind !== 'benign-list') {
        const probeScores = scores.subarray(negativeList.length, negativeList.length + probe.length);
        probeRows.push({ model: entry.name, kind: plan.kind, flagged: probeFlagged(negatives, probeScores) });
      }
      let offset = negativeList.length + probe.length;
      rowKeys.forEach((key, k) => {
        const n = positives[k]!.length;
        const own = scores.subarray(offset, offset + n);
        const row = foldRow(
          kindOf(plan, key),
          key,
          plan.index,
          entry.name,
          own,
          negatives,
          bare[k],
          operating,
          plan.kind === 'benign-list' ? negatives : own,
        );
        rows.push(row);
        offset += n;
        log(
          `  ${entry.name.padEnd(18)} ${key.padEnd(40)} AUC ${row.auc.toFixed(4)}  recall@1e-3 ${row.recallAtFpr1e3.toFixed(4)}`,
        );
      });
      if (plan.kind === 'held-out')
        benignRows.push(
          ...benignSourceRows(
            entry.name,
            negatives,
            negativeList.map((e) => e.source),
          ),
        );
    }
  }

  const costs: ModelCost[] = candidates.map((c) => {
    const cost = costTotals.get(c.name) ?? { trainSeconds: 0, scoreSeconds: 0, scoredNames: 0 };
    return {
      model: c.name,
      trainSeconds: cost.trainSeconds,
      scoreMicrosPerName: (cost.scoreSeconds * 1e6) / Math.max(cost.scoredNames, 1),
    };
  });
  const notes = [
    `${runs} training runs per model: run i holds out malicious source i and DGA family group i together (both scored by a model that saw neither), plus ${(options.random ?? true) ? 'one random group split' : 'no random split'}.`,
    `Related DGA families are held out together (gameover, goz and murofet: one Zeus lineage); each family is still its own row.`,
    `A fixed ${Math.round(benignHoldoutShare * 100)} % of benign registrable domains (seeded hash) is held out of every run and serves as the negatives of every row; no registrable domain of a held-out name is trained on.`,
    `Training takes every benign name left in and at most ${maxTrainPerSource} names per malicious source or DGA family (seeded sample), ${Math.round(d.validationShare * 100)} % of groups for validation; ${epochs} epochs at most, early stopping on validation AUC.`,
    `At most ${maxEvalPerSource} held-out names are scored per source or family (seeded sample).`,
    ...(runBenignLists
      ? [
          `Leave-one-benign-list-out: one run per benign list (${benignLists.length}), trained without that list (nor any registrable domain in it) and scored on it (at most ${maxEvalPerSource} names) against the random split's held-out positives; "flagged" / "stopped" there is the list's share at or above the run's operating thresholds.`,
        ]
      : []),
    `Operating thresholds per run, as the trainer sets them: FPR 1e-3 (flagged, suspicious) and 1e-4 (stopped, dangerous) on the run's validation benign names.`,
    `Sub-domain probe: up to 20,000 held-out benign names per run get one of ${PROBE_PREFIXES.length} common service labels in front (${PROBE_PREFIXES.slice(0, 6).join('., ')}., …; none of them in the trainer's augmentation list); "benign sub-domains flagged" is the share crossing the FPR 1e-3 threshold set on the bare names (mean over held-out runs).`,
  ];
  return {
    createdAt: new Date().toISOString(),
    dataDir,
    models: [...modelNames],
    descriptions: Object.fromEntries(entries.map((e) => [e.name, e.description])),
    protocol: {
      benignHoldoutShare,
      familyGroups,
      sourceByFold: plans.filter((p) => p.kind === 'held-out').map((p) => p.sources[0] ?? null),
      maxTrainPerSource,
      maxEvalPerSource,
      epochs,
      seed,
      notes,
    },
    folds: rows,
    means: summarise(rows, modelNames).map((m) => ({
      ...m,
      subdomainFlagged: mean(
        probeRows.filter((r) => r.model === m.model && r.kind === 'held-out').map((r) => r.flagged),
      ),
    })),
    costs,
    benignBySource: averageBenignRows(benignRows),
    runSeconds: (performance.now() - started) / 1000,
  };
}
