import { describe, expect, it } from 'vitest';
import { errorText } from '../../src/core/error-text.js';

// `(error as Error).message` read `undefined` for anything thrown that is not an Error.
describe('errorText', () => {
  it('gives an Error its message and anything else its text', () => {
    expect(errorText(new TypeError('bad input'))).toBe('bad input');
    expect(errorText('Extension context invalidated.')).toBe('Extension context invalidated.');
    expect(errorText(undefined)).toBe('undefined');
    expect(errorText({ code: 'E' })).toBe('[object Object]');
  });
});
