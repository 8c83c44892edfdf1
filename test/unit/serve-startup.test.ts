/**
 * `snowman serve` as a user runs it: a real process, a real port, a real HTTP request, a signal
 * to stop; and a clear message with exit code 1 when the model cannot be loaded.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { randomModelDir } from './helpers/random-model.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = path.join(ROOT, 'bin/snowman.mjs');

interface Child {
  readonly exited: Promise<{ code: number | null; stderr: string }>;
  readonly listening: Promise<string>;
  kill(signal: NodeJS.Signals): void;
}

function serve(args: string[]): Child {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let onListening: (url: string) => void = () => {};
  const listening = new Promise<string>((resolve) => (onListening = resolve));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(stderr);
    if (match) onListening(match[1]!);
  });
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr })),
  );
  return { exited, listening, kill: (signal) => child.kill(signal) };
}

let modelDir: string;
const scratch: string[] = [];
beforeAll(async () => {
  modelDir = await randomModelDir();
  scratch.push(modelDir);
});
afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

describe('snowman serve process', () => {
  it('listens, answers a real HTTP request, and stops cleanly on SIGTERM', async () => {
    const child = serve(['--model', modelDir]);
    const url = await Promise.race([
      child.listening,
      child.exited.then((r) => Promise.reject(new Error(`exited early: ${r.stderr}`))),
    ]);
    const response = await fetch(`${url}/`, { method: 'PUT', body: 'example.com' });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^\{"input query": "example\.com", "score": "\d\.\d{5}"\}$/);
    const health = (await (await fetch(`${url}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', model: 'test-model', engine: 'fast' });
    child.kill('SIGTERM');
    const { code, stderr } = await child.exited;
    expect(code).toBe(0);
    expect(stderr).toContain('snowman serve: stopped');
  });
});

/** Runs the CLI in this process (no server starts when the model fails to load); returns exit code and stderr. */
async function mainFails(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main(['serve', '--port', '0', ...args]), stderr };
  } finally {
    spy.mockRestore();
  }
}

describe('snowman serve start-up failures: exit 1 and say what is wrong', () => {
  it('model files missing', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'snowman-empty-'));
    scratch.push(empty);
    const { code, stderr } = await mainFails(['--model', empty]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^snowman serve: cannot load the model from .*snowman-empty-.*: cannot read model file (model\.json|weights\.bin|metadata\.json)/,
    );
  });

  it('weights corrupt (truncated)', async () => {
    const corrupt = await randomModelDir();
    scratch.push(corrupt);
    await truncate(path.join(corrupt, 'weights.bin'), 100);
    const { code, stderr } = await mainFails(['--model', corrupt]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot load the model from .*: weights\.bin holds 100 bytes/);
  });

  it('metadata not valid JSON', async () => {
    const broken = await randomModelDir();
    scratch.push(broken);
    const metadata = await readFile(path.join(broken, 'metadata.json'), 'utf8');
    await writeFile(path.join(broken, 'metadata.json'), metadata.slice(0, 40));
    const { code, stderr } = await mainFails(['--model', broken]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot load the model from .*: metadata\.json is not valid JSON/);
  });

  it('bad flags are usage errors (exit 2)', async () => {
    expect((await mainFails(['--port', 'http'])).code).toBe(2);
    expect((await mainFails(['--engine', 'turbo'])).code).toBe(2);
  });
});
