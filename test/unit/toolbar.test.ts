import { describe, expect, it } from 'vitest';
import { toolbarViewFor } from '../../src/background/toolbar.js';
import type { FrameRecord } from '../../src/core/messages.js';

const frame = (over: Partial<FrameRecord>): FrameRecord => ({ url: 'http://a.com/', host: 'a.com', level: 'safe', category: 'benign', score: 0.01, ...over });

describe('toolbar view', () => {
  it('gives every state its icon, badge and a tooltip that says why', () => {
    expect(toolbarViewFor(frame({ level: 'dangerous', category: 'dga', score: 0.999 }))).toMatchObject({ state: 'dangerous', badge: '!', title: expect.stringMatching(/a\.com looks dangerous, algorithmically generated \(score 0\.999\)/) });
    expect(toolbarViewFor(frame({ level: 'suspicious', category: 'malicious', score: 0.95 }))).toMatchObject({ state: 'suspicious', badge: '?', title: expect.stringMatching(/suspicious, phishing-like/) });
    expect(toolbarViewFor(frame({}))).toMatchObject({ state: 'safe', badge: '', title: expect.stringMatching(/looks safe/) });
    expect(toolbarViewFor(frame({ level: 'unscorable', host: 'localhost', score: null }))).toMatchObject({ state: 'unscored', title: expect.stringMatching(/not scored/) });
    expect(toolbarViewFor(null)).toMatchObject({ state: 'unscored' });
    expect(toolbarViewFor(frame({ level: 'error', score: null }))).toMatchObject({ state: 'error', title: expect.stringMatching(/could not score/) });
  });

  it('a model that failed to load shows the error state with the reason', () => {
    expect(toolbarViewFor(frame({}), 'weights.bin: HTTP 404')).toMatchObject({ state: 'error', badge: 'off', title: expect.stringMatching(/weights\.bin: HTTP 404\. Pages load normally/) });
  });
});
