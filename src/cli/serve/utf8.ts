/** Request bodies must be UTF-8: invalid bytes are refused rather than silently replaced. */
import { ApiError } from './errors.js';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a body or throws a 400 `invalid-utf8` ApiError. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw new ApiError(400, 'invalid-utf8', 'the body is not valid UTF-8');
  }
}
