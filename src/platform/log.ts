/**
 * Logging (STYLE rule 11): loud in debug builds, quiet in production; each distinct error is
 * logged once; errors that only mean "the tab or extension went away" are ignored.
 */
import { isExpectedError } from './expected-error.js';

const seen = new Set<string>();

/** Logs an error once per distinct message (always in debug builds). */
export function logError(context: string, error: unknown): void {
  if (isExpectedError(error)) return;
  const text = `${context}: ${error instanceof Error ? error.message : String(error)}`;
  if (!__DEBUG__ && seen.has(text)) return;
  seen.add(text);
  console.error(`[snowman] ${text}`);
}

/** Logs a warning once per distinct message. */
export function logWarning(text: string): void {
  if (seen.has(text)) return;
  seen.add(text);
  console.warn(`[snowman] ${text}`);
}

/** Development-only assertion: throws in debug builds, logs in production. */
export function assert(condition: unknown, message: string): asserts condition {
  if (condition) return;
  if (__DEBUG__) throw new Error(`assertion failed: ${message}`);
  logError('assertion failed', message);
}
