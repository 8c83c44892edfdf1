/**
 * Run-time checks shared by the message contracts' validators. Kept apart from messages.ts so the
 * contract files that messages.ts imports can use them without an import cycle.
 */

/** Throws `message` as a validation failure. */
export function fail(message: string): never {
  throw new Error(message);
}

/** The payload as a plain object, or a validation failure. */
export function record(payload: unknown): Record<string, unknown> {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
    ? (payload as Record<string, unknown>)
    : fail('payload must be an object');
}
