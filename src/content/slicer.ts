/**
 * Runs the content script's work in short slices so the page never sees a long task (target:
 * no main-thread task over 50 ms on a 5,000-link page). Work is queued as lists of items with a
 * function per item; each slice processes items until its time budget is spent, then yields to
 * the page (a macrotask) and continues. One queue for all work keeps the budget shared.
 */

export interface SlicerOptions {
  /** Milliseconds of work per slice; well under the 50 ms long-task threshold. */
  readonly budgetMs: number;
  /**
   * Budget of a slice that starts with urgent work (badges). Every frame in which badges appear
   * re-lays out the page (tens of ms on a long page, in the browser's own rendering task), so
   * inserting more of them per task means fewer of those layouts; defaults to `budgetMs`.
   */
  readonly urgentBudgetMs?: number;
  readonly now: () => number;
  /** Schedules the next slice as a new task (setTimeout 0 in pages). */
  readonly defer: (run: () => void) => void;
}

export interface Slicer {
  /**
   * Queues `fn` for each item, after everything queued before at the same priority. Urgent work
   * (badges for verdicts that just arrived) goes before the rest (scanning the remaining links).
   */
  queue<T>(items: ArrayLike<T>, fn: (item: T) => void, urgent?: boolean): void;
  /** Calls `fn` once the queue has drained (at the end of the slice that empties it). */
  whenIdle(fn: () => void): void;
  /**
   * Runs one slice now, in the caller's task, instead of waiting for the next one (the first slice
   * of a page runs inside DOMContentLoaded, before the browser's first layout of the page), with
   * its own budget if given.
   */
  runNow(budgetMs?: number): void;
  readonly busy: boolean;
  /** Non-urgent work (the scan) is queued. */
  readonly scanning: boolean;
}

interface Run {
  /** An array or a static NodeList (querySelectorAll's: copying 5,000 nodes into an array is a cost of its own). */
  readonly items: ArrayLike<unknown>;
  readonly fn: (item: unknown) => void;
  index: number;
}

/** Checking the clock every item would cost more than some items; every 4 keeps overshoot small. */
const CLOCK_EVERY = 4;

export function createSlicer(options: SlicerOptions): Slicer {
  const urgentRuns: Run[] = [];
  const runs: Run[] = [];
  const idle: (() => void)[] = [];
  let scheduled = false;
  let running = false;

  function slice(budgetMs?: number): void {
    scheduled = false;
    running = true;
    try {
      work(budgetMs);
    } finally {
      running = false;
    }
  }

  function work(budgetMs?: number): void {
    const end =
      options.now() +
      (budgetMs ?? (urgentRuns.length > 0 ? (options.urgentBudgetMs ?? options.budgetMs) : options.budgetMs));
    let sinceCheck = 0;
    for (;;) {
      const list = urgentRuns.length > 0 ? urgentRuns : runs;
      const run = list[0];
      if (!run) break;
      while (run.index < run.items.length) {
        const item = run.items[run.index++];
        try {
          run.fn(item);
        } catch {
          // One odd element (a detached node, a hostile getter) must not stop the scan of the rest.
        }
        if (++sinceCheck >= CLOCK_EVERY) {
          sinceCheck = 0;
          if (options.now() >= end) return schedule();
        }
      }
      list.shift();
    }
    for (const fn of idle.splice(0)) fn();
    // Idle callbacks may queue more work (e.g. badges for a verdict already known).
    if (runs.length > 0 || urgentRuns.length > 0) schedule();
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    options.defer(() => slice());
  }

  return {
    queue(items, fn, urgent = false) {
      if (items.length === 0) return;
      (urgent ? urgentRuns : runs).push({ items, fn: fn as (item: unknown) => void, index: 0 });
      schedule();
    },
    whenIdle(fn) {
      idle.push(fn);
      schedule();
    },
    runNow(budgetMs) {
      // A deferred slice may still be scheduled: it finds less to do, or nothing.
      if (!running) slice(budgetMs);
    },
    get busy() {
      return runs.length > 0 || urgentRuns.length > 0;
    },
    get scanning() {
      return runs.length > 0;
    },
  };
}
