import { describe, expect, it } from 'vitest';
import { cleanInput } from '../../src/cli/score/format.js';

describe('the TSV input column', () => {
  it('replaces every character a line-splitting reader treats as a line break, and tabs', () => {
    const breaks = ['\t', '\n', '\r', '\u000b', '\u000c', '\u001c', '\u0085', '\u2028', '\u2029'];
    for (const ch of breaks) expect(cleanInput(`a${ch}b.com`)).toBe('a b.com');
    expect(cleanInput('a\u0085b\u2028c\u2029d').split(/\r\n|[\n\v\f\r\u001c-\u001e\u0085\u2028\u2029]/)).toHaveLength(
      1,
    );
  });

  it('keeps ordinary Unicode names as they are', () => {
    expect(cleanInput('bücher.example')).toBe('bücher.example');
  });
});
