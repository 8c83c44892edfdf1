/**
 * Micro-batching in front of the scorer. Requests that arrive while the model is busy (or in the
 * same event-loop turn) are scored together in one predict call: one tfjs call for 200 names costs
 * about what a few single-name calls do. Big requests are cut into chunks and the loop yields
 * between chunks, so no request holds the event loop for more than one chunk's time.
 */
import { toHostScores, type HostScore, type Scorer } from '../../core/model/scorer.js';

export interface BatcherOptions {
  /** Names per predict call (upper bound on event-loop blocking per call). */
  readonly maxBatch: number;
  /** Names waiting at most; beyond it score() fails fast with BusyError (the server answers 503). */
  readonly maxPending: number;
}

export const DEFAULT_BATCHER_OPTIONS: BatcherOptions = { maxBatch: 256, maxPending: 100_000 };

/** The queue is full: the caller should retry later. */
export class BusyError extends Error {
  override readonly name = 'BusyError';
}

export interface Batcher {
  /** Scores normalised hosts; results in input order. */
  score(hosts: readonly string[]): Promise<HostScore[]>;
  /** Names queued or being scored. */
  readonly pending: number;
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

const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Creates a batcher over `scorer`. */
export function createBatcher(scorer: Scorer, options: BatcherOptions = DEFAULT_BATCHER_OPTIONS): Batcher {
  const queue: Job[] = [];
  let pending = 0;
  let calls = 0;
  let draining: Promise<void> | null = null;
  let closed = false;

  async function drain(): Promise<void> {
    // Let the requests that arrived in this I/O phase join the first batch.
    await yieldToIo();
    while (queue.length > 0) {
      const parts: { job: Job; from: number; to: number }[] = [];
      const hosts: string[] = [];
      for (const job of queue) {
        if (hosts.length >= options.maxBatch) break;
        const take = Math.min(options.maxBatch - hosts.length, job.hosts.length - job.next);
        if (take === 0) continue;
        parts.push({ job, from: job.next, to: job.next + take });
        for (let i = job.next; i < job.next + take; i++) hosts.push(job.hosts[i]!);
        job.next += take;
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
      if (pending + hosts.length > options.maxPending)
        return Promise.reject(new BusyError(`more than ${options.maxPending} names are waiting to be scored`));
      pending += hosts.length;
      const promise = new Promise<HostScore[]>((resolve, reject) => {
        queue.push({ hosts, scores: new Array<HostScore>(hosts.length), next: 0, done: 0, resolve, reject });
      });
      draining ??= drain();
      return promise;
    },
    get pending() {
      return pending;
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
