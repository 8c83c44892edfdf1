/** What the lookalike detectors report: a verdict Finding plus which detector said it. */
import type { Finding } from '../verdict.js';

export type LookalikeKind = 'brand' | 'typosquat' | 'homograph';

/** A Finding (assignable to verdict.ts's) that also names its detector, for metrics and UIs. */
export interface LookalikeFinding extends Finding {
  readonly kind: LookalikeKind;
}
