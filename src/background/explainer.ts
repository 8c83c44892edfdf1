/**
 * Explanations in the background: the model's weights read once (lazily, on the first risky name)
 * from the packaged model files, then core/explain on demand — microseconds a name, so the link
 * tooltips, the popup and the warning page all get them without another model pass.
 */
import type { ScorableHost } from '../core/domain.js';
import { explainDisplay } from '../core/explain-display.js';
import { readExplainWeights, type ExplainWeights } from '../core/explain-weights.js';
import type { ExplanationSpan } from '../core/messages.js';
import { readModelBundle, type ModelFileReader } from '../core/model/files.js';
import type { Category } from '../core/verdict.js';

export interface Explainer {
  /** Spans of `parsed.displayHost` that drove the score of `category`'s head (the top head otherwise). */
  explain(parsed: ScorableHost, category: Category): Promise<readonly ExplanationSpan[]>;
  /** Reads the weights now (after start-up), so the first page with risky links does not wait for them. */
  preload(): void;
}

/** An explainer over the model files `read` returns; a model it cannot read yields no spans, never an error. */
export function createExplainer(read: ModelFileReader, onError: (error: unknown) => void): Explainer {
  let weights: Promise<{ weights: ExplainWeights; heads: readonly string[] } | null> | undefined;

  function load(): Promise<{ weights: ExplainWeights; heads: readonly string[] } | null> {
    weights ??= readModelBundle(read)
      .then((bundle) => ({ weights: readExplainWeights(bundle.artifacts, bundle.metadata), heads: bundle.metadata.architecture.heads }))
      .catch((error: unknown) => {
        onError(error);
        return null;
      });
    return weights;
  }

  return {
    preload() {
      void load();
    },
    async explain(parsed, category) {
      const loaded = await load();
      if (!loaded) return [];
      const head = loaded.heads.indexOf(category);
      try {
        return explainDisplay(loaded.weights, parsed, head >= 0 ? head : undefined).spans;
      } catch (error) {
        onError(error);
        return [];
      }
    },
  };
}
