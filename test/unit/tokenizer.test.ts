import { describe, expect, it } from 'vitest';
import {
  assertSameTokenizer,
  createTokenizer,
  DEFAULT_TOKENIZER,
  FIRST_CHAR_ID,
  PAD_ID,
  TokenizerMismatchError,
  UNKNOWN_ID,
  vocabularySize,
} from '../../src/core/tokenizer.js';

describe('tokenizer', () => {
  const tokenizer = createTokenizer(DEFAULT_TOKENIZER);
  const L = DEFAULT_TOKENIZER.maxLength;

  it('maps each vocabulary character to its own id and pads with zeros after the name', () => {
    const ids = tokenizer.encodeBatch(['ab.c']);
    const a = DEFAULT_TOKENIZER.vocabulary.indexOf('a') + FIRST_CHAR_ID;
    const dot = DEFAULT_TOKENIZER.vocabulary.indexOf('.') + FIRST_CHAR_ID;
    expect(Array.from(ids.slice(0, 5))).toEqual([a, a + 1, dot, a + 2, PAD_ID]);
    expect(ids.length).toBe(L);
    expect(ids.slice(4).every((id) => id === PAD_ID)).toBe(true);
  });

  it('gives unknown characters (uppercase, Unicode) the unknown id, never a vocabulary id', () => {
    const ids = tokenizer.encodeBatch(['A€ü']);
    expect(Array.from(ids.slice(0, 3))).toEqual([UNKNOWN_ID, UNKNOWN_ID, UNKNOWN_ID]);
  });

  it('keeps the last maxLength characters of a long name (the TLD side)', () => {
    const name = `${'x'.repeat(100)}.example.com`;
    const ids = tokenizer.encodeBatch([name]);
    const expected = tokenizer.encodeBatch([name.slice(name.length - L)]);
    expect(ids).toEqual(expected);
    expect(tokenizer.startOf(name)).toBe(name.length - L);
    expect(tokenizer.startOf('short.com')).toBe(0);
  });

  it('encodes batches row by row, independent of neighbours', () => {
    const batch = tokenizer.encodeBatch(['a.com', 'longer-name.org', '']);
    expect(batch.slice(L, 2 * L)).toEqual(tokenizer.encodeBatch(['longer-name.org']));
    expect(batch.slice(2 * L).every((id) => id === PAD_ID)).toBe(true);
  });

  it('sizes the embedding for padding, unknown and the vocabulary', () => {
    expect(vocabularySize(DEFAULT_TOKENIZER)).toBe(DEFAULT_TOKENIZER.vocabulary.length + 2);
  });

  it('refuses a model whose tokenizer differs, loudly', () => {
    expect(() => assertSameTokenizer({ ...DEFAULT_TOKENIZER, maxLength: 64 })).toThrow(TokenizerMismatchError);
    expect(() => assertSameTokenizer({ ...DEFAULT_TOKENIZER, vocabulary: 'abc' })).toThrow(/vocabulary/);
    expect(() => createTokenizer({ ...DEFAULT_TOKENIZER, version: 99 })).toThrow(/version/);
    expect(() => createTokenizer({ ...DEFAULT_TOKENIZER, vocabulary: 'aa' })).toThrow(TokenizerMismatchError);
    expect(() => assertSameTokenizer(DEFAULT_TOKENIZER)).not.toThrow();
  });
});
