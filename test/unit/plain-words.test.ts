/** A verdict someone chose (the organisation, the user, an imported list) says who chose, on every surface. */
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/core/verdict.js';
import { plainReasons, riskHeadline } from '../../src/ui/plain-words.js';

const blockedBy = (kind: 'org-blocked' | 'user-blocked' | 'imported-blocked', message: string): Verdict => ({
  level: 'dangerous',
  category: 'malicious',
  score: 0.2,
  risk: null,
  reasons: [
    { kind: 'model', message: 'the name resembles the addresses of phishing sites' },
    { kind, message },
  ],
});

describe('plain words for chosen verdicts', () => {
  it('says the organisation blocked the site, never that the user chose to', () => {
    const verdict = blockedBy('org-blocked', 'blocked by your organisation');
    expect(plainReasons(verdict)[0]).toBe('Blocked by your organisation.');
    expect(riskHeadline(verdict)).toBe('Your organisation blocked this site, so Snowman keeps it closed.');
    expect([...plainReasons(verdict), riskHeadline(verdict)].join(' ')).not.toMatch(/you (chose|blocked)/i);
  });

  it("keeps the user's own and the imported list's words apart", () => {
    expect(riskHeadline(blockedBy('user-blocked', 'you chose to block this site'))).toBe(
      'You blocked this site, so Snowman keeps it closed.',
    );
    const imported = blockedBy('imported-blocked', 'on the block list you imported');
    expect(plainReasons(imported)[0]).toBe('On the block list you imported.');
    expect(riskHeadline(imported)).toMatch(/block list you imported/);
  });
});
