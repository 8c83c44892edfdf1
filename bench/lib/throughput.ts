/** Names per second of a batch scoring function, measured for at least a time budget. */

export interface Throughput {
  readonly batch: number;
  /** Names per wall-clock second. */
  readonly namesPerSecond: number;
  /** Names per second of this process's CPU time: what scoring costs, whatever else the machine runs. */
  readonly namesPerCpuSecond: number;
  /** Mean time of one call, in milliseconds. */
  readonly msPerCall: number;
  readonly calls: number;
}

/**
 * Calls `score` on consecutive slices of `names` (one warm-up call first) until `budgetMs` has
 * passed and at least `minCalls` calls were made.
 */
export async function measureThroughput(
  score: (batch: readonly string[]) => Promise<unknown>,
  names: readonly string[],
  batch: number,
  budgetMs = 1500,
  minCalls = 3,
): Promise<Throughput> {
  const slice = (i: number) => {
    const start = (i * batch) % Math.max(1, names.length - batch);
    return names.slice(start, start + batch);
  };
  await score(slice(0));
  let calls = 0;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs || calls < minCalls) {
    await score(slice(calls + 1));
    calls++;
    elapsed = performance.now() - started;
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    batch,
    namesPerSecond: (batch * calls * 1000) / elapsed,
    namesPerCpuSecond: (batch * calls * 1000) / Math.max(cpuMs, 1e-3),
    msPerCall: elapsed / calls,
    calls,
  };
}
