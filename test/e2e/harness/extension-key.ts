/**
 * A new manifest `key` for a test copy or helper extension, and the Chrome extension id it gives:
 * an id no other suite's extension has.
 */
import { generateKeyPairSync } from 'node:crypto';
import { extensionIdOfKey } from '../../../scripts/threat-rules.mjs';

export function freshExtensionKey(): { key: string; id: string } {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return { key, id: extensionIdOfKey(key) };
}
