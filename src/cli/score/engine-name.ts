/** The --engine flag of `score` and `eval` (kept apart from the loader so parsing needs no tfjs). */
import { UsageError } from '../args.js';

/** `fast`: the lookup-table engine (default, same scores); `layers`: the plain tfjs model, the reference. */
export type EngineName = 'fast' | 'layers';

/** Parses an --engine value. */
export function engineName(value: string | undefined): EngineName {
  if (value === undefined || value === 'fast' || value === 'layers') return value ?? 'fast';
  throw new UsageError(`--engine takes fast or layers, not "${value}"`);
}
