/** Bytes as lowercase hexadecimal, two digits a byte (digests, random ids). */
export function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
