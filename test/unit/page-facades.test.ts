/**
 * The page-side facades over a stand-in `chrome` object: the content script hears only this
 * extension's validated commands, and the popup trusts only a well-formed reply from it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { contentPlatform } from '../../src/platform/content-api.js';
import { popupPlatform } from '../../src/platform/popup-api.js';

type Listener = (message: unknown, sender: { id?: string }, reply: (value: unknown) => void) => boolean;

function standIn(sendMessageReply: unknown = undefined) {
  const listeners: Listener[] = [];
  const sent: [number, unknown][] = [];
  (globalThis as { chrome?: unknown }).chrome = {
    runtime: {
      id: 'snowman-id',
      getURL: (path: string) => `chrome-extension://snowman-id/${path}`,
      getManifest: () => ({ version: '9.9.9' }),
      onMessage: { addListener: (listener: Listener) => listeners.push(listener) },
      sendMessage: async () => ({ ok: true, value: {} }),
    },
    tabs: {
      sendMessage: async (tabId: number, message: unknown) => (sent.push([tabId, message]), sendMessageReply),
    },
  };
  /** Delivers `message` as the browser would; resolves with what the listener replied (undefined: nothing). */
  const deliver = (message: unknown, senderId = 'snowman-id') => {
    let replied: unknown;
    for (const listener of listeners) listener(message, { id: senderId }, (value) => (replied = value));
    return replied;
  };
  return { listeners, sent, deliver };
}

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('content script facade', () => {
  it('passes on only validated commands from this extension, and sends the handler reply', () => {
    const browser = standIn();
    const heard: unknown[] = [];
    contentPlatform().onCommand((command) => {
      heard.push(command);
      return command.type === 'reveal-host' ? { revealed: true } : undefined;
    });
    expect(browser.deliver({ type: 'reveal-host', host: 'a.com' })).toEqual({ revealed: true });
    expect(browser.deliver({ type: 'rescan' })).toBeUndefined();
    expect(browser.deliver({ type: 'reveal-host', host: 'a.com' }, 'another-extension')).toBeUndefined();
    expect(browser.deliver({ type: 'reveal-host', host: 42 })).toBeUndefined();
    expect(browser.deliver({ type: 'run', code: 'alert(1)' })).toBeUndefined();
    expect(heard).toEqual([{ type: 'reveal-host', host: 'a.com' }, { type: 'rescan' }]);
  });
});

describe('popup facade', () => {
  it("checks the content script's reveal reply: anything but {revealed: true} is not revealed", async () => {
    standIn({ revealed: true });
    expect(await popupPlatform().tellContent(4, { type: 'reveal-host', host: 'a.com' })).toEqual({ revealed: true });
    for (const reply of [undefined, 'yes', { revealed: 'true' }]) {
      const browser = standIn(reply);
      expect(await popupPlatform().tellContent(4, { type: 'reveal-host', host: 'a.com' })).toEqual({ revealed: false });
      expect(browser.sent).toEqual([[4, { type: 'reveal-host', host: 'a.com' }]]);
    }
  });

  it('knows the warning page and the extension version', () => {
    standIn();
    const popup = popupPlatform();
    expect(popup.warningPage).toBe('chrome-extension://snowman-id/warning/index.html');
    expect(popup.extensionVersion()).toBe('9.9.9');
  });
});
