/**
 * The managed-policy suites write a system-wide policy file (Chromium reads
 * /etc/chromium/policies/managed/, Firefox /etc/firefox/policies/policies.json). So that no other
 * browser run on the machine sees it, the suites load a copy of the build under an extension id of
 * their own and name only that id in the policy. Chrome: a fresh manifest `key` (a new RSA key, so
 * a new id); Firefox: another gecko id. Nothing in the extension depends on its id at run time.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, type Target } from './extension.js';
import { freshExtensionKey } from './extension-key.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The Firefox add-on id of the policy suites' copy. */
export const POLICY_TEST_GECKO_ID = 'snowman-policy-e2e@snowman-extension.org';

export interface PolicyExtension {
  readonly dir: string;
  /** The id the policy is keyed by (Chrome extension id or Firefox add-on id). */
  readonly id: string;
  dispose(): Promise<void>;
}

/** A copy of dist/<target> under an id no other suite uses. */
export async function policyTestExtension(target: Target): Promise<PolicyExtension> {
  await ensureBuilt();
  const dir = await mkdtemp(path.join(os.tmpdir(), `snowman-policy-${target}-`));
  await cp(path.join(ROOT, 'dist', target), dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown> & {
    browser_specific_settings?: { gecko: { id: string } };
  };
  let id: string;
  if (target === 'chrome') {
    const fresh = freshExtensionKey();
    manifest['key'] = fresh.key;
    id = fresh.id;
  } else {
    manifest.browser_specific_settings!.gecko.id = POLICY_TEST_GECKO_ID;
    id = POLICY_TEST_GECKO_ID;
  }
  await writeFile(file, JSON.stringify(manifest, null, 2));
  return { dir, id, dispose: () => rm(dir, { recursive: true, force: true }) };
}
