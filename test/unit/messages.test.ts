import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  MESSAGES,
  MessageError,
  parseContentCommand,
  parseRevealReply,
  request,
  serve,
  stringArray,
  type Handlers,
  type Message,
  type SenderInfo,
} from '../../src/core/messages.js';

const OPTIONS = { extensionId: 'ext-id', extensionOrigin: 'chrome-extension://ext-id/' };
const PAGE: SenderInfo = { id: 'ext-id', url: 'chrome-extension://ext-id/warning/index.html#http://a.com/' };
const CONTENT: SenderInfo = { id: 'ext-id', url: 'https://example.com/', tabId: 3, frameId: 0 };

function handlers(calls: string[]): Handlers {
  return new Proxy({} as Handlers, {
    get: (_t, type: string) => (payload: unknown) => {
      calls.push(`${type} ${JSON.stringify(payload)}`);
      if (type === 'list-trusted') return { trustedSites: ['a.com'] };
      if (type === 'untrust-site') throw new Error('storage is gone');
      return {};
    },
  });
}

describe('message contract', () => {
  it('answers an extension page in the ok envelope', async () => {
    const calls: string[] = [];
    const dispatch = serve(handlers(calls), OPTIONS);
    expect(await dispatch({ type: 'list-trusted', payload: {} }, PAGE)).toEqual({
      ok: true,
      value: { trustedSites: ['a.com'] },
    });
    expect(calls).toEqual(['list-trusted {}']);
  });

  it('refuses other extensions, unknown types and malformed messages', async () => {
    const dispatch = serve(handlers([]), OPTIONS);
    expect(await dispatch({ type: 'list-trusted', payload: {} }, { ...PAGE, id: 'other' })).toMatchObject({
      ok: false,
      error: 'sender is not this extension',
    });
    expect(await dispatch({ type: 'drop-tables', payload: {} }, PAGE)).toMatchObject({ ok: false });
    expect(await dispatch({ type: 'toString', payload: {} }, PAGE)).toMatchObject({ ok: false });
    expect(await dispatch('list-trusted', PAGE)).toMatchObject({ ok: false });
    expect(await dispatch(null, PAGE)).toMatchObject({ ok: false });
  });

  it('accepts privileged messages only from extension pages, never from content scripts', async () => {
    const calls: string[] = [];
    const dispatch = serve(handlers(calls), OPTIONS);
    for (const [type, spec] of Object.entries(MESSAGES)) {
      if (spec.access !== 'extension-page') continue;
      const reply = await dispatch({ type, payload: {} }, CONTENT);
      expect(reply, type).toEqual({
        ok: false,
        error: `${type} is accepted only from extension pages`,
        code: 'refused',
      });
    }
    // A page of another extension origin pretending with our id is not an extension page either.
    expect(
      await dispatch(
        { type: 'trust-site', payload: { url: 'http://a.com/' } },
        { ...PAGE, url: 'https://evil.com/chrome-extension://ext-id/' },
      ),
    ).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it("accepts the warning page's target at the length of the address the browser opened", async () => {
    const calls: string[] = [];
    const dispatch = serve(handlers(calls), OPTIONS);
    for (const length of [4097, 8192, 100_000]) {
      expect(
        await dispatch({ type: 'get-site', payload: { url: `http://a.com/${'x'.repeat(length)}` } }, PAGE),
      ).toMatchObject({ ok: true });
    }
    expect(calls).toHaveLength(3);
  });

  it('validates payloads before any handler runs', async () => {
    const calls: string[] = [];
    const dispatch = serve(handlers(calls), OPTIONS);
    expect(await dispatch({ type: 'trust-site', payload: { url: 42 } }, PAGE)).toEqual({
      ok: false,
      error: 'url must be a string',
      code: 'refused',
    });
    expect(
      await dispatch({ type: 'trust-site', payload: { url: 'x'.repeat(LIMITS.pageUrl + 1) } }, PAGE),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/longer than/) });
    expect(
      await dispatch({ type: 'trust-site', payload: { url: 'http://a.com/', token: 'x'.repeat(65) } }, PAGE),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/token is longer than/) });
    expect(await dispatch({ type: 'get-tab-state', payload: { tabId: -1 } }, PAGE)).toMatchObject({ ok: false });
    expect(await dispatch({ type: 'get-tab-state', payload: [] }, PAGE)).toMatchObject({ ok: false });
    // Extra fields do not reach the handler.
    await dispatch({ type: 'trust-site', payload: { url: 'http://a.com/', evil: true } }, PAGE);
    expect(calls).toEqual(['trust-site {"url":"http://a.com/"}']);
  });

  it('turns handler failures into an error envelope', async () => {
    const errors: string[] = [];
    const dispatch = serve(handlers([]), { ...OPTIONS, onError: (type) => errors.push(type) });
    expect(await dispatch({ type: 'untrust-site', payload: { site: 'a.com' } }, PAGE)).toEqual({
      ok: false,
      error: 'storage is gone',
      code: 'internal',
    });
    expect(errors).toEqual(['untrust-site']);
  });

  it('gives every failure a code a page can word: its own, a full quota, or internal', async () => {
    const failing = (error: unknown) =>
      serve({ ...handlers([]), 'untrust-site': () => Promise.reject(error) }, OPTIONS)(
        { type: 'untrust-site', payload: { site: 'a.com' } },
        PAGE,
      );
    expect(await failing(new Error('QUOTA_BYTES quota exceeded'))).toMatchObject({ ok: false, code: 'storage-full' });
    expect(await failing(new MessageError('no', 'not-issued'))).toMatchObject({ ok: false, code: 'not-issued' });
    expect(await failing('a thrown string')).toMatchObject({ ok: false, code: 'internal' });
    const dispatch = serve(handlers([]), OPTIONS);
    expect(await dispatch({ type: 'nope' }, PAGE)).toMatchObject({ ok: false, code: 'refused' });
  });

  it('request() unwraps the envelope or throws the background error', async () => {
    const dispatch = serve(handlers([]), OPTIONS);
    const transport = (message: Message) => dispatch(message, PAGE);
    expect(await request(transport, 'list-trusted', {})).toEqual({ trustedSites: ['a.com'] });
    await expect(request(transport, 'untrust-site', { site: 'a.com' })).rejects.toMatchObject({
      message: 'storage is gone',
      code: 'internal',
    });
    await expect(request(async () => undefined, 'list-trusted', {})).rejects.toMatchObject({
      message: expect.stringMatching(/no reply/),
      code: 'no-background',
    });
    // The browser's own failure to deliver (no background listening) is the same to the page.
    const unreachable = () =>
      Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    await expect(request(unreachable, 'list-trusted', {})).rejects.toMatchObject({ code: 'no-background' });
    // A code the page does not know reads as internal.
    await expect(
      request(async () => ({ ok: false, error: 'x', code: 'made-up' }), 'list-trusted', {}),
    ).rejects.toMatchObject({ code: 'internal' });
  });

  it('stringArray caps items and lengths', () => {
    expect(stringArray(['a', 'b'], 'hosts', 2, 3)).toEqual(['a', 'b']);
    expect(() => stringArray(['a', 'b', 'c'], 'hosts', 2, 3)).toThrow(/more than 2/);
    expect(() => stringArray(['abcd'], 'hosts', 2, 3)).toThrow(/longer than 3/);
    expect(() => stringArray([1], 'hosts', 2, 3)).toThrow(/must be a string/);
  });

  it('one site message serves the popup and the warning page: token optional, content scripts refused', async () => {
    const calls: string[] = [];
    const dispatch = serve(handlers(calls), OPTIONS);
    expect((await dispatch({ type: 'get-site', payload: { url: 'http://a.com/' } }, PAGE)).ok).toBe(true);
    expect((await dispatch({ type: 'get-site', payload: { url: 'http://a.com/', token: 't-1' } }, PAGE)).ok).toBe(true);
    expect(await dispatch({ type: 'get-site', payload: { url: 'http://a.com/' } }, CONTENT)).toMatchObject({
      ok: false,
    });
    expect(await dispatch({ type: 'get-site', payload: { url: 'http://a.com/', token: 7 } }, PAGE)).toMatchObject({
      ok: false,
      error: 'token must be a string',
    });
    expect(await dispatch({ type: 'get-warning', payload: { url: 'http://a.com/' } }, PAGE)).toMatchObject({
      ok: false,
    });
    expect(calls).toEqual(['get-site {"url":"http://a.com/"}', 'get-site {"url":"http://a.com/","token":"t-1"}']);
  });

  it('the popup -> content script commands and the reveal reply are checked on arrival', () => {
    expect(parseContentCommand({ type: 'reveal-host', host: 'a.com' })).toEqual({ type: 'reveal-host', host: 'a.com' });
    expect(parseContentCommand({ type: 'reveal-host', host: 'a'.repeat(300) })).toBeNull();
    expect(parseContentCommand({ type: 'rescan', extra: 1 })).toEqual({ type: 'rescan' });
    expect(parseContentCommand('rescan')).toBeNull();
    expect(parseRevealReply({ revealed: true })).toEqual({ revealed: true });
    for (const reply of [undefined, null, 'yes', { revealed: 'true' }, { revealed: 1 }])
      expect(parseRevealReply(reply)).toEqual({ revealed: false });
  });
});
