/** Small figures every bench section reports the same way. */
import os from 'node:os';

/** The middle value (the upper one of an even count). */
export const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The machine's load average now, for a row's note: on a shared 2-core machine the numbers move with it. */
export const loadAverageNote = (): string =>
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`;
