import { describe, expect, it } from 'vitest';
import { osaDistance, typosquatOf, typosquatProbe } from '../../src/cli/generalisation/typosquat-probe.js';

describe('edit-distance-2 typosquat probe', () => {
  const probe = typosquatProbe(['paypal', 'microsoft', 'ebay', 'netflix', 'paypay']);

  it('finds labels one or two edits from a long brand', () => {
    expect(typosquatOf('paypall.com', probe)).toBe('paypal');
    expect(typosquatOf('login.micorsfot.xyz', probe)).toBe('microsoft'); // two swaps
    expect(typosquatOf('netfilx-billing.top', probe)).toBeNull(); // the hyphenated label is far from the brand
    expect(typosquatOf('netfilx.top', probe)).toBe('netflix');
  });

  it('ignores the brand itself, other brands, short brands and far labels', () => {
    expect(typosquatOf('paypal.com', probe)).toBeNull();
    expect(typosquatOf('paypay.jp', probe)).toBeNull(); // itself a brand, one edit from paypal
    expect(typosquatOf('ebya.com', probe)).toBeNull(); // ebay has 4 letters
    expect(typosquatOf('microphone.com', probe)).toBeNull();
  });

  it('computes the optimal string alignment distance, capped', () => {
    expect(osaDistance('paypal', 'paypal', 2)).toBe(0);
    expect(osaDistance('paypal', 'papyal', 2)).toBe(1);
    expect(osaDistance('microsoft', 'micorsfot', 2)).toBe(2);
    expect(osaDistance('microsoft', 'macrosaft', 1)).toBe(2); // capped at max + 1
    expect(osaDistance('abc', 'abcdef', 2)).toBe(3);
  });
});
