/**
 * Why something a page asked for failed, as a stable code: the pages word it in the user's language
 * (ui/failure-words.ts); the English text beside it is for logs and a "technical details" line.
 */
import { errorText } from './error-text.js';

export const FAILURE_CODES = [
  /** The background did not answer (not running, restarting, or gone). */
  'no-background',
  /** The model could not load, so nothing is scored. */
  'model-not-loaded',
  /** The browser's storage quota for the extension is used up. */
  'storage-full',
  /** Imported settings the background would not take. */
  'settings-refused',
  /** Only http and https addresses are opened, trusted or checked. */
  'not-web-address',
  /** A way past a warning Snowman did not issue. */
  'not-issued',
  /** The request itself was refused (sender, shape, size). */
  'refused',
  /** Anything else: a bug. */
  'internal',
] as const;

export type FailureCode = (typeof FAILURE_CODES)[number];

export function isFailureCode(value: unknown): value is FailureCode {
  return typeof value === 'string' && (FAILURE_CODES as readonly string[]).includes(value);
}

/** An error that carries its failure code across the message boundary. */
export class CodedError extends Error {
  override readonly name: string = 'CodedError';
  constructor(
    message: string,
    readonly code: FailureCode,
  ) {
    super(message);
  }
}

/**
 * The code of any caught value: a CodedError's own; a full storage quota by the browsers' wording
 * (Chrome: "QUOTA_BYTES quota exceeded", Firefox: QuotaExceededError); anything else is internal.
 */
export function failureCode(error: unknown): FailureCode {
  if (error instanceof CodedError) return error.code;
  if (error instanceof Error && error.name === 'QuotaExceededError') return 'storage-full';
  return /quota/i.test(errorText(error)) ? 'storage-full' : 'internal';
}
