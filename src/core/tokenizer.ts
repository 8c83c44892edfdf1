/**
 * Characters → integer ids. One tokenizer serves training and inference; its spec is stored in
 * the model's metadata and checked at load time, so a model never scores with the wrong mapping.
 */

export interface TokenizerSpec {
  /** Bumped whenever the mapping below changes meaning. */
  readonly version: number;
  /** Character i of this string has id i + FIRST_CHAR_ID. */
  readonly vocabulary: string;
  /** Names are cut or padded to this many characters. */
  readonly maxLength: number;
  /** `post`: characters start at position 0, padding (id 0) follows. */
  readonly padding: 'post';
  /** `keep-end`: a longer name keeps its last maxLength characters (TLD and registrable domain). */
  readonly truncation: 'keep-end';
}

export const PAD_ID = 0;
export const UNKNOWN_ID = 1;
export const FIRST_CHAR_ID = 2;
export const TOKENIZER_VERSION = 1;
export const DEFAULT_VOCABULARY = 'abcdefghijklmnopqrstuvwxyz0123456789-._';
export const DEFAULT_MAX_LENGTH = 75;

export const DEFAULT_TOKENIZER: TokenizerSpec = {
  version: TOKENIZER_VERSION,
  vocabulary: DEFAULT_VOCABULARY,
  maxLength: DEFAULT_MAX_LENGTH,
  padding: 'post',
  truncation: 'keep-end',
};

/** Number of ids the embedding must hold (padding, unknown, vocabulary). */
export function vocabularySize(spec: TokenizerSpec): number {
  return spec.vocabulary.length + FIRST_CHAR_ID;
}

/** A compiled tokenizer: a char-code lookup table built once per spec. */
export interface Tokenizer {
  readonly spec: TokenizerSpec;
  readonly size: number;
  /** Writes the ids of `name` into `out` at `offset` (maxLength slots, zero-padded); returns the number of characters used. */
  encodeInto(name: string, out: Int32Array, offset: number): number;
  /** Ids of a batch of names, row-major [names.length, maxLength]. */
  encodeBatch(names: readonly string[]): Int32Array;
  /** Offset in `name` of the first character encoded (non-zero only for truncated names). */
  startOf(name: string): number;
}

export class TokenizerMismatchError extends Error {
  override readonly name = 'TokenizerMismatchError';
}

/** Compiles a spec; throws on a spec this code cannot honour. */
export function createTokenizer(spec: TokenizerSpec): Tokenizer {
  if (spec.version !== TOKENIZER_VERSION) {
    throw new TokenizerMismatchError(
      `model tokenizer version ${spec.version}, this build understands ${TOKENIZER_VERSION}`,
    );
  }
  if (spec.padding !== 'post' || spec.truncation !== 'keep-end') {
    throw new TokenizerMismatchError(`unsupported tokenizer padding/truncation ${spec.padding}/${spec.truncation}`);
  }
  if (!Number.isInteger(spec.maxLength) || spec.maxLength < 8 || spec.maxLength > 512) {
    throw new TokenizerMismatchError(`unsupported tokenizer maxLength ${spec.maxLength}`);
  }
  const table = new Int32Array(128).fill(UNKNOWN_ID);
  for (let i = 0; i < spec.vocabulary.length; i++) {
    const code = spec.vocabulary.charCodeAt(i);
    if (code >= 128 || table[code] !== UNKNOWN_ID)
      throw new TokenizerMismatchError('vocabulary must be distinct ASCII characters');
    table[code] = i + FIRST_CHAR_ID;
  }
  const maxLength = spec.maxLength;

  function startOf(name: string): number {
    return name.length > maxLength ? name.length - maxLength : 0;
  }

  function encodeInto(name: string, out: Int32Array, offset: number): number {
    const start = startOf(name);
    const used = name.length - start;
    for (let i = 0; i < used; i++) {
      const code = name.charCodeAt(start + i);
      out[offset + i] = code < 128 ? table[code]! : UNKNOWN_ID;
    }
    out.fill(PAD_ID, offset + used, offset + maxLength);
    return used;
  }

  function encodeBatch(names: readonly string[]): Int32Array {
    const out = new Int32Array(names.length * maxLength);
    for (let i = 0; i < names.length; i++) encodeInto(names[i]!, out, i * maxLength);
    return out;
  }

  return { spec, size: vocabularySize(spec), encodeInto, encodeBatch, startOf };
}

/** Throws unless the model's recorded spec is exactly the one this build would train with. */
export function assertSameTokenizer(recorded: TokenizerSpec, expected: TokenizerSpec = DEFAULT_TOKENIZER): void {
  const keys: (keyof TokenizerSpec)[] = ['version', 'vocabulary', 'maxLength', 'padding', 'truncation'];
  for (const key of keys) {
    if (recorded[key] !== expected[key]) {
      throw new TokenizerMismatchError(
        `model tokenizer ${key} is ${JSON.stringify(recorded[key])}, expected ${JSON.stringify(expected[key])}`,
      );
    }
  }
}
