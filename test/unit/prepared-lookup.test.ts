import { describe, expect, it } from 'vitest';
import { findKey, layoutSlots } from '../../src/core/prepared-lookup.js';

describe('prepared lookup (hash slots laid out at build time)', () => {
  const keys = Array.from({ length: 1000 }, (_, i) => `name-${i}.example`);
  const slots = layoutSlots(keys);
  const keyAt = (i: number): string | undefined => keys[i];

  it('finds every key at its index and misses the rest', () => {
    expect(slots.length & (slots.length - 1)).toBe(0);
    keys.forEach((key, i) => expect(findKey(slots, key, keyAt)).toBe(i));
    for (const missing of ['', 'name-1000.example', 'name-1.exampl', 'NAME-1.example'])
      expect(findKey(slots, missing, keyAt)).toBe(-1);
  });

  it('keeps the same table in 16-bit entries', () => {
    const narrow = Uint16Array.from(slots);
    keys.forEach((key, i) => expect(findKey(narrow, key, keyAt)).toBe(i));
  });

  it('refuses a key listed twice', () => {
    expect(() => layoutSlots(['a.com', 'b.com', 'a.com'])).toThrow(/"a.com" is listed twice/);
  });

  it('a damaged table with no empty slot still answers (a miss), never loops', () => {
    const full = new Uint32Array(4).fill(1);
    expect(findKey(full, 'other', () => 'a.com')).toBe(-1);
  });
});
