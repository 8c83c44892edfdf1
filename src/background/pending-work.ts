/**
 * Work in flight that something else should not start ahead of: the guard's first decisions and
 * the model's start-up, whose long synchronous stretches would otherwise run before them.
 */
export interface PendingWork {
  /** Counts `work` as pending until it settles; returns it. */
  during<T>(work: Promise<T>): Promise<T>;
  /** Settles once nothing is pending (at once when nothing is). */
  idle(): Promise<void>;
  /** Something is pending now. */
  busy(): boolean;
}

export function createPendingWork(): PendingWork {
  let count = 0;
  const waiters: (() => void)[] = [];
  return {
    during(work) {
      count++;
      return work.finally(() => {
        count--;
        if (count === 0) for (const wake of waiters.splice(0)) wake();
      });
    },
    busy: () => count > 0,
    idle: () => (count === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
  };
}
