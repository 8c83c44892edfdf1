/**
 * Explanations in the background: the weights come from the model the engine already decoded
 * (taken lazily, on the first risky name), then core/explain on demand, so the link tooltips, the popup and
 * the warning page all get them without another model pass. A name costs about half a millisecond
 * to explain, and a page's link batches ask about the same risky names again (count updates, a
 * reload, the popup): answers are kept per name and head, so each is worked out once.
 */
import type { ScorableHost } from '../core/domain.js';
import { explainDisplay } from '../core/explain-display.js';
import { readExplainWeights, type ExplainWeights } from '../core/explain-weights.js';
import type { ExplanationSpan } from '../core/messages.js';
import type { Category } from '../core/verdict.js';
import { LruCache } from '../core/cache.js';
import type { BlendExplainer } from '../core/ngram/blend-explain.js';
import type { LoadedModelFiles } from '../core/model/model-files.js';

/** Explanations kept: a page's risky names are a few hundred at most; this covers many pages. */
const MEMO_SIZE = 4000;

export interface Explainer {
  /** Spans of `parsed.displayHost` that drove the score of `category`'s head (the top head otherwise). */
  explain(parsed: ScorableHost, category: Category): Promise<readonly ExplanationSpan[]>;
  /**
   * Reads the weights now (after start-up), so the first page with risky links does not wait for
   * them; explains `warmUp` (invented names, not kept) so the code is optimised before it counts.
   */
  preload(warmUp?: readonly ScorableHost[]): Promise<void>;
}

/**
 * An explainer over the model `files` gives (in the background: the ones the engine decoded, so
 * nothing is read twice); a model it cannot get yields no spans, never an error.
 */
export function createExplainer(files: () => Promise<LoadedModelFiles>, onError: (error: unknown) => void): Explainer {
  let weights: Promise<{ weights: ExplainWeights; heads: readonly string[]; blend: BlendExplainer } | null> | undefined;
  // Keyed by head and the name as the browser gave it (the model's name and the displayed one both follow from it).
  const memo = new LruCache<string, readonly ExplanationSpan[]>(MEMO_SIZE);

  function load(): Promise<{ weights: ExplainWeights; heads: readonly string[]; blend: BlendExplainer } | null> {
    weights ??= files()
      .then(({ bundle, members }) => {
        // A blended model's n-gram members carry most of its score: their evidence is shown too.
        const heads = bundle.metadata.architecture.heads;
        return { weights: readExplainWeights(bundle.artifacts, bundle.metadata), heads, blend: { heads, members } };
      })
      .catch((error: unknown) => {
        onError(error);
        return null;
      });
    return weights;
  }

  return {
    async preload(warmUp = []) {
      const loaded = await load();
      if (!loaded) return;
      for (const parsed of warmUp) {
        try {
          explainDisplay(loaded.weights, parsed, undefined, loaded.blend);
        } catch {
          // A warm-up name the explainer refuses is no reason to log anything.
        }
      }
    },
    async explain(parsed, category) {
      const loaded = await load();
      if (!loaded) return [];
      const head = loaded.heads.indexOf(category);
      const key = `${head} ${parsed.fullHost}`;
      const known = memo.get(key);
      if (known) return known;
      try {
        const spans = explainDisplay(loaded.weights, parsed, head >= 0 ? head : undefined, loaded.blend).spans;
        memo.set(key, spans);
        return spans;
      } catch (error) {
        onError(error);
        return [];
      }
    },
  };
}
