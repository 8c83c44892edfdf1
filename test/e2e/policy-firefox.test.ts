/**
 * The organisation's policy in Firefox ESR, from policies.json (`3rdparty.Extensions.<add-on id>`).
 * Debian's firefox-esr reads /etc/firefox/policies/policies.json first and, when that is absent,
 * /usr/lib/firefox-esr/distribution/policies.json (both tried here, the first is used: it shadows
 * the other). Firefox reads the file once, at start-up. The file names only this suite's add-on id
 * (harness/policy-extension.ts), and the suite refuses to overwrite a policies.json it did not write.
 */
import { mkdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { firefoxUnderTest } from './harness/firefox.js';
import { definePolicyScenarios, type PolicyFile } from './harness/policy-scenarios.js';

const POLICY_DIR = '/etc/firefox/policies';
const POLICY_FILE = `${POLICY_DIR}/policies.json`;
let createdDir = false;

const file: PolicyFile = {
  async write(id, policy) {
    if (
      await stat(POLICY_FILE).then(
        () => true,
        () => false,
      )
    )
      throw new Error(`${POLICY_FILE} exists: this suite does not overwrite a machine's Firefox policy`);
    createdDir = !(await stat(POLICY_DIR).then(
      () => true,
      () => false,
    ));
    await mkdir(POLICY_DIR, { recursive: true });
    await writeFile(POLICY_FILE, JSON.stringify({ policies: { '3rdparty': { Extensions: { [id]: policy } } } }));
  },
  async remove() {
    await rm(POLICY_FILE, { force: true });
    if (createdDir)
      await rmdir(POLICY_DIR)
        .then(
          () => rmdir('/etc/firefox'),
          () => undefined,
        )
        .catch(() => undefined);
  },
};

definePolicyScenarios('firefox', file, (dir, hosts, server) =>
  firefoxUnderTest(dir, {
    hosts: [...hosts, 'plain-start-page.example.org'],
    httpPage: server.url('plain-start-page.example.org', '/'),
  }),
);
