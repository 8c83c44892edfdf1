/**
 * A second extension for the Chromium suites that need what a person does with the browser's own
 * session history: reopening the last closed tab (Ctrl+Shift+T) through `chrome.sessions.restore`,
 * which Snowman itself has no permission for. It has one empty page and no background, so the
 * harness still finds Snowman's worker as the browser's only one; a key of its own gives it a known id.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freshExtensionKey } from './extension-key.js';

export interface SessionsExtension {
  readonly dir: string;
  /** Its page, where `chrome.sessions` and `chrome.tabs` can be called. */
  readonly page: string;
  dispose(): Promise<void>;
}

export async function sessionsExtension(): Promise<SessionsExtension> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'snowman-sessions-ext-'));
  const { key, id } = freshExtensionKey();
  await writeFile(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'sessions helper',
      version: '1.0',
      key,
      permissions: ['sessions', 'tabs'],
    }),
  );
  await writeFile(path.join(dir, 'page.html'), '<!doctype html><title>sessions helper</title>');
  return {
    dir,
    page: `chrome-extension://${id}/page.html`,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
