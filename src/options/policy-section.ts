/**
 * Options page section: the organisation's policy, shown read-only as "set by your organisation"
 * (storage.managed cannot be changed by the user). Nothing is shown when no policy is set.
 */
import { toDisplayHost } from '../core/display-host.js';
import type { ManagedPolicy } from '../core/managed-policy.js';
import { t } from '../platform/i18n.js';

function text(doc: Document, tag: string, value: string, className?: string): HTMLElement {
  const node = doc.createElement(tag);
  if (className !== undefined) node.className = className;
  node.append(doc.createTextNode(value));
  return node;
}

function siteList(doc: Document, heading: string, sites: readonly string[], kind: string): HTMLElement[] {
  if (sites.length === 0) return [];
  const list = doc.createElement('ul');
  list.className = `policy-${kind}`;
  list.append(...sites.map((site) => text(doc, 'li', toDisplayHost(site), 'site')));
  return [text(doc, 'h3', heading), list];
}

/** Builds the section for `policy`, or null when the policy sets nothing. */
export function renderPolicySection(doc: Document, policy: ManagedPolicy): HTMLElement | null {
  if (policy.blockedDomains.length === 0 && policy.trustedDomains.length === 0) return null;
  const section = doc.createElement('section');
  section.className = 'policy';
  section.setAttribute('aria-labelledby', 'policy-heading');
  const heading = text(doc, 'h2', t('options_policy_heading'));
  heading.id = 'policy-heading';
  section.append(
    heading,
    text(doc, 'p', t('options_policy_hint'), 'hint'),
    ...siteList(doc, t('options_policy_blocked'), policy.blockedDomains, 'blocked'),
    ...siteList(doc, t('options_policy_trusted'), policy.trustedDomains, 'trusted'),
  );
  return section;
}
