/** A server over a random seed-architecture model, for fastify.inject tests. */
import { initBackend } from '../../../src/core/model/backend.js';
import { createFastScorer, type FastScorer } from '../../../src/core/model/fast-scorer.js';
import type { Calibration } from '../../../src/core/model/calibration.js';
import type { DecisionContext } from '../../../src/core/verdict.js';
import { buildServer, type ServerOptions, type SnowmanServer } from '../../../src/cli/serve/app.js';
import { randomBundle } from './random-model.js';

export interface Fixture extends SnowmanServer {
  readonly scorer: FastScorer;
  readonly context: DecisionContext;
  close(): Promise<void>;
}

/** A small calibration: a tenth of the reference names per point, suspicious from 0.5, dangerous from 0.9. */
const CALIBRATION: Calibration = {
  reference: 'test',
  count: 100,
  heads: { malicious: { scores: [0.1, 0.3, 0.5, 0.7, 0.9], atOrBelow: [10, 30, 50, 70, 90] } },
  levels: { suspicious: 0.5, dangerous: 0.9 },
};

/** Builds a server; `popular.com` is the only popular site, no lookalike detectors; verdicts carry a calibrated risk. */
export async function serverFixture(
  overrides: Partial<Pick<ServerOptions, 'limits' | 'batcher'>> = {},
): Promise<Fixture> {
  await initBackend();
  const scorer = await createFastScorer(await randomBundle());
  const context: DecisionContext = {
    metadata: { ...scorer.metadata, calibration: CALIBRATION },
    isPopular: (d) => d === 'popular.com',
  };
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
