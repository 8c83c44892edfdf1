/**
 * Flags shared by `score` and `eval` that pick the model and engine. Checked here, apart from the
 * loader, so a mistake answers at once instead of after tfjs has loaded.
 */
import { stat } from 'node:fs/promises';
import { UsageError } from '../args.js';

/** `fast`: the lookup-table engine (default, same scores); `layers`: the plain tfjs model, the reference. */
export type EngineName = 'fast' | 'layers';

/** Parses an --engine value. */
export function engineName(value: string | undefined): EngineName {
  if (value === undefined || value === 'fast' || value === 'layers') return value ?? 'fast';
  throw new UsageError(`--engine takes fast or layers, not "${value}"`);
}

/** Throws a UsageError unless --model (when given) names a directory. */
export async function checkModelDir(dir: string | undefined): Promise<void> {
  if (dir === undefined) return;
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(`--model ${dir}: no such directory`);
}
