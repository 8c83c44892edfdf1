import { describe, expect, it } from 'vitest';
import { createPendingWork } from '../../src/background/pending-work.js';

describe('pending work', () => {
  it('is idle at once when nothing is pending, and once the last pending work settles', async () => {
    const pending = createPendingWork();
    await pending.idle();
    let finishFirst!: () => void;
    let failSecond!: (error: Error) => void;
    const first = pending.during(new Promise<void>((resolve) => (finishFirst = resolve)));
    const second = pending.during(new Promise<void>((_, reject) => (failSecond = reject)));
    second.catch(() => undefined);
    expect(pending.busy()).toBe(true);
    let idle = false;
    const waiting = pending.idle().then(() => (idle = true));
    finishFirst();
    await first;
    expect(idle).toBe(false);
    failSecond(new Error('a failed decision still counts as done'));
    await waiting;
    expect(idle).toBe(true);
    expect(pending.busy()).toBe(false);
  });
});
