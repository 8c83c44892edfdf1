/**
 * Micro-batching in front of the scorer. Requests that arrive while the model is busy (or in the
 * same event-loop turn) are scored together in one predict call: one tfjs call for 200 names costs
 * about what a few single-name calls do. Big requests are cut into chunks and the loop yields
 * between chunks, so no request holds the event loop for more than one chunk's time. Each model
 * call goes to the requests with the fewest names left, and while big requests wait every other
 * call carries the small ones alone, so a one-name request waits for the call in progress and one
 * tiny call, however many big batches arrived before it.
 */
import { toHostScores, type HostScore, type Scorer } from '../../core/model/scorer.js';
import { yieldToIo } from './yield-to-io.js';

export interface BatcherOptions {
  /** Names per predict call (upper bound on event-loop blocking per call). */
  readonly maxBatch: number;
  /** Names waiting at most; beyond it score() fails fast with BusyError (the server answers 503). */
  readonly maxPending: number;
}

export const DEFAULT_BATCHER_OPTIONS: BatcherOptions = { maxBatch: 256, maxPending: 100_000 };

/**
 * Share of the queue that requests bigger than one model call may fill: the rest stays open to
 * small requests, so a crowd of big batches cannot lock a one-name request out with 503s.
 */
const BIG_REQUEST_SHARE = 0.9;

/** The queue is full: the caller should retry later. */
export class BusyError extends Error {
  override readonly name = 'BusyError';
}

export interface Batcher {
  /** Scores normalised hosts; results in input order. */
  score(hosts: readonly string[]): Promise<HostScore[]>;
  /**
   * Holds room for up to `count` names of a request whose body is not read yet; false when the
   * queue has no such room (answer 503 without parsing). score() does not use the hold: release it first.
   */
  reserve(count: number): boolean;
  /** Gives back room taken by reserve(). */
  release(count: number): void;
  /** Names queued or being scored. */
  readonly pending: number;
  /** Names held by reserve() and not yet released. */
  readonly reserved: number;
  /** predict calls made so far (the bench reads it to show how well requests coalesce). */
  readonly calls: number;
  /** Resolves once everything queued has been scored; new work is refused from now on. */
  close(): Promise<void>;
}

interface Job {
  readonly hosts: readonly string[];
  readonly scores: HostScore[];
  /** Next host to hand to the model, and hosts scored so far. */
  next: number;
  done: number;
  readonly resolve: (scores: HostScore[]) => void;
  readonly reject: (error: unknown) => void;
}

interface Part {
  readonly job: Job;
  readonly from: number;
  readonly to: number;
}

const left = (job: Job): number => job.hosts.length - job.next;

/** Requests of at most this share of a model call (1/16, 16 names of 256) count as small. */
const smallJob = (maxBatch: number): number => Math.max(1, Math.floor(maxBatch / 16));

/**
 * The next model call's names, fewest-names-left first (big requests finish one after another
 * instead of all at the end), the oldest request always getting a quarter of the call so a
 * stream of small ones cannot starve it. With `smallOnly`, only small requests ride: a call of a
 * few names takes a millisecond where a full one takes ten or more, so a one-name request waits
 * for the call in progress and then hardly at all.
 */
function pickParts(queue: readonly Job[], maxBatch: number, smallOnly: boolean): Part[] {
  const small = smallJob(maxBatch);
  const active = queue.filter((job) => left(job) > 0 && (!smallOnly || left(job) <= small));
  const taken = new Map<Job, number>();
  let room = maxBatch;
  const take = (job: Job, most: number): void => {
    const already = taken.get(job) ?? 0;
    const count = Math.min(most, left(job) - already, room);
    if (count <= 0) return;
    taken.set(job, already + count);
    room -= count;
  };
  if (active[0] && !smallOnly) take(active[0], Math.ceil(maxBatch / 4));
  // Array.prototype.sort is stable: equal sizes keep their arrival order.
  for (const job of [...active].sort((x, y) => left(x) - left(y))) take(job, room);
  return [...taken].map(([job, count]) => ({ job, from: job.next, to: job.next + count }));
}

/** Creates a batcher over `scorer`. */
export function createBatcher(scorer: Scorer, options: BatcherOptions = DEFAULT_BATCHER_OPTIONS): Batcher {
  const queue: Job[] = [];
  let pending = 0;
  let calls = 0;
  let draining: Promise<void> | null = null;
  let closed = false;
  let reserved = 0;
  /** The last call carried small requests only: the next one serves the big ones too. */
  let lastSmallOnly = false;

  const fits = (count: number): boolean =>
    pending + reserved + count <=
    (count > options.maxBatch ? Math.floor(options.maxPending * BIG_REQUEST_SHARE) : options.maxPending);

  async function drain(): Promise<void> {
    // Let the requests that arrived in this I/O phase join the first batch.
    await yieldToIo();
    while (queue.length > 0) {
      const small = smallJob(options.maxBatch);
      const smallOnly =
        !lastSmallOnly &&
        queue.some((job) => left(job) > small) &&
        queue.some((job) => left(job) > 0 && left(job) <= small);
      lastSmallOnly = smallOnly;
      const parts = pickParts(queue, options.maxBatch, smallOnly);
      const hosts: string[] = [];
      for (const { job, from, to } of parts) {
        for (let i = from; i < to; i++) hosts.push(job.hosts[i]!);
        job.next = to;
      }
      try {
        calls++;
        const scores = toHostScores(scorer.metadata, await scorer.predict(hosts), hosts.length);
        let offset = 0;
        for (const { job, from, to } of parts) {
          for (let i = from; i < to; i++) job.scores[i] = scores[offset++]!;
          job.done += to - from;
        }
      } catch (error) {
        for (const { job } of parts) job.done = -1;
        for (const { job } of parts) job.reject(error);
      }
      pending -= hosts.length;
      for (let i = queue.length - 1; i >= 0; i--) {
        const job = queue[i]!;
        if (job.done === -1) {
          pending -= job.hosts.length - job.next;
          queue.splice(i, 1);
        } else if (job.done === job.hosts.length) {
          queue.splice(i, 1);
          job.resolve(job.scores);
        }
      }
      if (queue.length > 0) await yieldToIo();
    }
    draining = null;
  }

  return {
    score(hosts) {
      if (closed) return Promise.reject(new BusyError('the server is shutting down'));
      if (hosts.length === 0) return Promise.resolve([]);
      if (!fits(hosts.length))
        return Promise.reject(new BusyError(`more than ${options.maxPending} names are waiting to be scored`));
      pending += hosts.length;
      const promise = new Promise<HostScore[]>((resolve, reject) => {
        queue.push({ hosts, scores: new Array<HostScore>(hosts.length), next: 0, done: 0, resolve, reject });
      });
      draining ??= drain();
      return promise;
    },
    reserve(count) {
      if (closed || !fits(count)) return false;
      reserved += count;
      return true;
    },
    release(count) {
      reserved = Math.max(0, reserved - count);
    },
    get pending() {
      return pending;
    },
    get reserved() {
      return reserved;
    },
    get calls() {
      return calls;
    },
    async close() {
      closed = true;
      while (draining) await draining;
    },
  };
}
