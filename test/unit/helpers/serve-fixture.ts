/** A server over a random seed-architecture model, for fastify.inject tests. */
import { initBackend } from '../../../src/core/model/backend.js';
import { createFastScorer, type FastScorer } from '../../../src/core/model/fast-scorer.js';
import type { DecisionContext } from '../../../src/core/verdict.js';
import { buildServer, type ServerOptions, type SnowmanServer } from '../../../src/cli/serve/app.js';
import { randomBundle } from './random-model.js';

export interface Fixture extends SnowmanServer {
  readonly scorer: FastScorer;
  readonly context: DecisionContext;
  close(): Promise<void>;
}

/** Builds a server; `popular.com` is the only popular site, no lookalike detectors. */
export async function serverFixture(overrides: Partial<Pick<ServerOptions, 'limits' | 'batcher'>> = {}): Promise<Fixture> {
  await initBackend();
  const scorer = await createFastScorer(await randomBundle());
  const context: DecisionContext = { metadata: scorer.metadata, isPopular: (d) => d === 'popular.com' };
  const server = await buildServer({ scorer, context, ...overrides });
  return {
    ...server,
    scorer,
    context,
    async close() {
      await server.app.close();
      scorer.dispose();
    },
  };
}
