/**
 * Threshold and blend-weight screen on the generalisation folds (docs/generalisation.md,
 * "Thresholds and blend weights chosen on held-out benign lists"). Reuses the harness's score
 * cache, so after one `runGeneralisation` with the same cache it only recombines scores.
 *
 *   npx tsx scripts/threshold-screen.ts CACHE_DIR OUT.json [cnn,ngram-a,ngram-b,…[/cnn2,ngram-c,…]]
 *
 * Several member lists (separated by `/`) are screened in the same run, on the same names: the
 * shipped members beside a candidate's, so the shipped row is reproduced where the candidate is measured.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { runGeneralisation } from '../src/cli/generalisation/index.js';
import { DICTIONARY_FAMILIES, mean } from '../src/cli/generalisation/summary.js';
import { THRESHOLD_RECIPES } from '../src/cli/generalisation/threshold-recipes.js';
import {
  screenFold,
  settingName,
  type Reference,
  type ScreenRow,
  type ScreenSetting,
} from '../src/cli/generalisation/threshold-screen.js';
import { SHIPPED_NGRAM_MEMBERS } from '../src/cli/ngram/shipped-members.js';
import { lureVocabulary } from '../src/cli/train/brand-lures.js';
import { MIN_TYPO_BRAND_LENGTH, typosquatOf, typosquatProbe } from '../src/cli/generalisation/typosquat-probe.js';
import { mineBrands } from '../src/cli/ngram/structure-lexicon.js';
import { ENGLISH_WORDS } from '../src/cli/ngram/english-words.js';
import type { FoldScores } from '../src/cli/generalisation/types.js';

/** One flag per held-out score of the fold: the registrable label is a two-edit typosquat of a training brand. */
function typoFlags(fold: FoldScores, brands = lureVocabulary(fold.train).brands): Uint8Array {
  const probe = typosquatProbe(brands);
  const hosts = [
    ...fold.negatives.map((e) => e.host),
    ...fold.probeHosts,
    ...fold.positives.flatMap((p) => p.examples.map((e) => e.host)),
    ...fold.calibration.map((e) => e.host),
  ];
  return Uint8Array.from(hosts, (h) => (typosquatOf(h, probe) === null ? 0 : 1));
}

const [cacheDir = '/tmp/snowman-gen-cache', out = 'threshold-screen.json', memberList] = process.argv.slice(2);
const memberLists = memberList?.split('/').map((list) => list.split(',')) ?? [
  ['compact', ...SHIPPED_NGRAM_MEMBERS.map((m) => m.name)],
];
const members = memberLists[0]!;
const labelOf = (s: ScreenSetting) =>
  memberLists.length > 1 ? `${s.members.join('+')}: ${settingName(s)}` : settingName(s);
const CNN_WEIGHTS = [0, 0.1, 0.2, 0.3, 0.4];
const REFERENCES: Reference[] = ['validation', 'held-out-share'];
const weightsAt = (w: number, list = members) => [w, ...list.slice(1).map(() => (1 - w) / (list.length - 1))];
// SCREEN_MODE=holdout: the calibration hold-out against the shipped thresholds, every setting on the same names.
const holdoutMode = process.env['SCREEN_MODE'] === 'holdout';
// SCREEN_MODE=typo-short: the two-edit typosquat finding with only the fold's most impersonated brands.
const typoShortMode = process.env['SCREEN_MODE'] === 'typo-short';
const SHORT_BRAND_LISTS = [20, 40];
const shortTypoSetting = (n: number) => `shipped + edit-distance-2 typosquat finding, ${n} most impersonated brands`;
const settings: ScreenSetting[] = holdoutMode
  ? memberLists.flatMap((list) =>
      (['validation', 'holdout'] as const).flatMap((reference) =>
        THRESHOLD_RECIPES.map((recipe) => ({
          members: list,
          weights: weightsAt(0.2, list),
          recipe,
          reference,
          splitNegatives: true,
        })),
      ),
    )
  : typoShortMode
    ? [{ members, weights: weightsAt(0.2), recipe: 'pooled', reference: 'validation' }]
    : CNN_WEIGHTS.flatMap((w) =>
        THRESHOLD_RECIPES.flatMap((recipe) =>
          REFERENCES.map((reference) => ({ members, weights: weightsAt(w), recipe, reference })),
        ),
      );
const rows: ScreenRow[] = [];
// SCREEN_MERGE=a.json,b.json: rows of earlier partial screens (SCREEN_FOLDS=0,1,…) join this one's summary.
for (const file of process.env['SCREEN_MERGE']?.split(',') ?? [])
  rows.push(...(JSON.parse(await readFile(file, 'utf8')) as { rows: ScreenRow[] }).rows);
const mergedRows = rows.length;
const TYPO_SETTING = 'shipped + edit-distance-2 typosquat finding';
const result = await runGeneralisation({
  dataDir: '/work/shared/data',
  // SCREEN_MODELS=a,b: registered blends scored in the same pass (their harness means land in OUT.json).
  models: [...new Set(['shipped', ...(process.env['SCREEN_MODELS']?.split(',') ?? []), ...memberLists.flat()])],
  random: false,
  cacheDir,
  // SCREEN_CACHED_ONLY=1: only the folds already in the cache (a partial screen while runs go on).
  cachedOnly: process.env['SCREEN_CACHED_ONLY'] === '1',
  ...(process.env['SCREEN_FOLDS'] ? { onlyFolds: process.env['SCREEN_FOLDS'].split(',').map(Number) } : {}),
  log: (line) => console.error(new Date().toISOString().slice(11, 19), line),
  onFold: (fold) => {
    for (const s of settings) rows.push(...screenFold(fold, s, undefined, labelOf(s)));
    if (holdoutMode) return;
    if (typoShortMode) {
      const mined = mineBrands(fold.train, new Set(ENGLISH_WORDS)).filter((b) => b.length >= MIN_TYPO_BRAND_LENGTH);
      for (const n of SHORT_BRAND_LISTS) {
        console.error(`fold ${fold.plan.index}: ${n} brands: ${mined.slice(0, n).join(' ')}`);
        rows.push(...screenFold(fold, settings[0]!, typoFlags(fold, mined.slice(0, n)), shortTypoSetting(n)));
      }
      return;
    }
    const shippedSetting = settings.find(
      (s) => s.weights[0] === 0.2 && s.recipe === 'pooled' && s.reference === 'validation',
    )!;
    rows.push(...screenFold(fold, shippedSetting, typoFlags(fold), TYPO_SETTING));
  },
});
const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const lines: string[] = [];
const extraRows = holdoutMode ? [] : typoShortMode ? SHORT_BRAND_LISTS.map(shortTypoSetting) : [TYPO_SETTING];
for (const name of [...settings.map(labelOf), ...extraRows]) {
  const mine = rows.filter((r) => r.setting === name);
  const src = mine.filter((r) => r.kind === 'source');
  const fam = mine.filter((r) => r.kind === 'family');
  const dict = fam.filter((r) => DICTIONARY_FAMILIES.includes(r.key));
  const lists = mine.filter((r) => r.kind === 'benign-list');
  const perFold = [...new Map(src.concat(fam).map((r) => [r.fold, r])).values()];
  const m = (rs: ScreenRow[], f: (r: ScreenRow) => number | undefined) => mean(rs.map((r) => f(r) ?? Number.NaN));
  lines.push(
    [
      name,
      m(src, (r) => r.auc).toFixed(4),
      pct(m(src, (r) => r.recallAtFpr1e3)),
      pct(m(src, (r) => r.recallAtFpr1e4)),
      pct(m(src, (r) => r.flagged)),
      m(fam, (r) => r.auc).toFixed(4),
      pct(m(fam, (r) => r.recallAtFpr1e3)),
      pct(m(fam, (r) => r.recallAtFpr1e4)),
      pct(m(fam, (r) => r.flagged)),
      m(dict, (r) => r.auc).toFixed(4),
      pct(m(dict, (r) => r.recallAtFpr1e3)),
      pct(m(perFold, (r) => r.probeFlagged)),
      pct(m(perFold, (r) => r.benignFlagged)),
      lists.length ? pct(m(lists, (r) => r.flagged)) : '–',
      lists.map((r) => `${r.key.replace('benign-', '')} ${pct(r.flagged)}`).join(' / '),
      lists.length ? pct(m(lists, (r) => r.positivesFlagged)) : '–',
      lists.length ? pct(m(lists, (r) => r.recallAtFpr1e3)) : '–',
    ].join(' | '),
  );
}
const header =
  'setting | src AUC | R@1e-3 | R@1e-4 | flagged | fam AUC | R@1e-3 | R@1e-4 | flagged | dict AUC | R@1e-3 | probe@susp | held-out benign@susp | lists flagged | per list | lists: positives flagged | lists R@1e-3';
console.log([header, ...lines].join('\n'));
await writeFile(out, JSON.stringify({ rows: rows.slice(mergedRows), means: result.means }, null, 1));
