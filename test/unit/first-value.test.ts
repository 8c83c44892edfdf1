import { describe, expect, it } from 'vitest';
import { firstValue } from '../../src/core/first-value.js';

const after = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));
const failAfter = (ms: number): Promise<never> =>
  new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), ms));

describe('firstValue', () => {
  it('takes the quicker source even when it is not the first listed', async () => {
    expect(await firstValue([after(40, 'record'), after(1, 'answer')])).toBe('answer');
  });

  it('passes over a source that settles with nothing or fails', async () => {
    expect(await firstValue([after(1, null), failAfter(2), after(20, 'answer')])).toBe('answer');
  });

  it('is null when no source has anything', async () => {
    expect(await firstValue([after(1, null), failAfter(1)])).toBeNull();
  });
});
