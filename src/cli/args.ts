/** Flag parsing shared by the commands: node's parseArgs, with errors turned into exit code 2. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { errorText } from '../core/error-text.js';

/** A bad flag, a missing file or another input mistake: the CLI exits 2 with the message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** parseArgs in strict mode; any complaint becomes a UsageError. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError(errorText(error));
  }
}

/** Parses a positive integer flag value or throws a UsageError naming the flag. */
export function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${flag} takes a positive whole number, not "${value}"`);
  return n;
}
