/**
 * The organisation's policy in real Chromium, from a managed policy file in
 * /etc/chromium/policies/managed/ (written here, removed after) naming only this suite's own
 * extension id (harness/policy-extension.ts), so no other Chromium on the machine sees it.
 * Chromium watches the folder, so a changed file is a changed policy: applied without a restart.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { chromiumUnderTest } from './harness/chromium.js';
import { definePolicyScenarios, POLICY, type PolicyFile } from './harness/policy-scenarios.js';

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = `${POLICY_DIR}/snowman-e2e-policy.json`;

const file: PolicyFile = {
  async write(id, policy) {
    await mkdir(POLICY_DIR, { recursive: true });
    await writeFile(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [id]: policy } } }));
  },
  remove: () => rm(POLICY_FILE, { force: true }),
};

definePolicyScenarios(
  'chrome',
  file,
  (dir) => chromiumUnderTest(dir),
  (world) => {
    it('applies a changed policy without a restart: Balanced lets the suspicious name open, badges unlocked', async () => {
      const { browser, server, extension, suspicious } = world();
      await file.write(extension.id, { ...POLICY, sensitivity: 'balanced', disableLinkBadges: undefined });
      // Chromium re-reads the folder after a few seconds; the options page shows the policy it now holds.
      const options = await browser.openExtensionPage('options/index.html');
      await expect
        .poll(
          async () => {
            await options.goto(`${browser.origin}options/index.html`);
            return options.text('#sensitivity-balanced:checked + label');
          },
          { timeout: 30_000, interval: 1000 },
        )
        .toBe('Balanced (recommended)');
      expect(await options.text('#link-badges:disabled')).toBeNull();
      await options.close();
      server.reset();
      const tab = await browser.newTab();
      await tab.goto(server.url(suspicious, '/balanced'));
      await expect.poll(() => tab.text('#site'), { timeout: 10_000 }).toBe(suspicious);
      await tab.close();
    });
  },
);
