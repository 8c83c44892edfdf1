/** Starts the real background (createBackground) on the in-memory platform, and waits for what it does. */
import { expect, vi } from 'vitest';
import { createBackground } from '../../src/background/create-background.js';
import type { Runtime } from '../../src/background/runtime.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings.js';
import { fakePlatform, type FakeOptions, type FakePlatform } from './fake-platform.js';

export interface BackgroundUnderTest extends FakePlatform {
  readonly runtime: Runtime;
}

/** Settings as stored by an earlier session: the defaults with `change` applied. */
export function storedSettings(change: Partial<Settings>): Settings {
  return { ...DEFAULT_SETTINGS, ...change };
}

/** The background on a fresh fake browser, once its model has loaded (or failed to). */
export async function startBackground(options: FakeOptions = {}): Promise<BackgroundUnderTest> {
  const fake = fakePlatform(options);
  const { ready } = createBackground(fake.api);
  return { ...fake, runtime: await ready };
}

/**
 * The background on a fresh fake browser, not waited for (its start-up is what is under test), with
 * the warnings it logs captured; the test restores the console spy (vi.restoreAllMocks).
 */
export function startLoggingBackground(options: FakeOptions = {}) {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const fake = fakePlatform(options);
  const { ready } = createBackground(fake.api);
  const warnings = (): string[] => warn.mock.calls.map((call) => String(call[0]));
  return { ...fake, ready, warnings };
}

/** A promise held until `release()`: a package read the fake browser answers only then. */
export function heldBack(): { promise: Promise<void>; release: () => void } {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

/** Retries `assertion` until it passes (or fails with its last error after `timeoutMs`). */
export async function eventually(assertion: () => void | Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/** Lets the background's pending work run (for checking that something did not happen). */
export const settle = (ms = 100): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The value of a successful reply envelope (the test fails on an error reply). */
export function valueOf<T>(reply: unknown): T {
  expect(reply).toMatchObject({ ok: true });
  return (reply as { value: T }).value;
}
