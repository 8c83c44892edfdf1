/** `snowman score` at its limits, as a child process: an over-long line, and each documented exit code. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
let preload: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'snowman-limits-'));
  // Reports the child's peak resident memory on stderr as it exits.
  preload = path.join(dir, 'max-rss.cjs');
  writeFileSync(
    preload,
    "process.on('exit', () => require('fs').writeSync(2, `max-rss-kb=${process.resourceUsage().maxRSS}\\n`));\n",
  );
});

function snowman(args: string[], stdin = '') {
  const result = spawnSync(process.execPath, ['bin/snowman.mjs', ...args], {
    cwd: ROOT,
    input: stdin,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Pipes `head`, then `lineBytes` of 'a', then `tail` into `snowman score --input -`, a MiB at a time. */
function scoreHugeLine(head: string, lineBytes: number, tail: string) {
  const child = spawn(process.execPath, ['-r', preload, 'bin/snowman.mjs', 'score', '--input', '-'], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const done = new Promise<{ code: number | null; stdout: string; maxRssMB: number }>((resolve) =>
    child.on('close', (code) => {
      const kb = Number(/max-rss-kb=(\d+)/.exec(stderr)?.[1] ?? NaN);
      resolve({ code, stdout, maxRssMB: kb / 1024 });
    }),
  );
  const MiB = Buffer.alloc(1024 * 1024, 0x61);
  void (async () => {
    child.stdin.write(head);
    for (let sent = 0; sent < lineBytes; sent += MiB.length) {
      if (!child.stdin.write(MiB)) await new Promise((resolve) => child.stdin.once('drain', resolve));
    }
    child.stdin.end(tail);
  })();
  return done;
}

describe('snowman score limits', () => {
  it('a 100 MB line is one too-long row, the next line is scored, memory stays flat', async () => {
    const { code, stdout, maxRssMB } = await scoreHugeLine(
      'first.example.com\nhttp://evil.example.com/',
      100 * 1024 * 1024,
      '\nexample.com\n',
    );
    expect(code).toBe(0);
    const rows = stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(rows).toHaveLength(3);
    expect(rows[0]![0]).toBe('first.example.com');
    expect(rows[1]![0]).toBe(`http://evil.example.com/${'a'.repeat(76)}…`);
    expect(rows[1]!.slice(1)).toEqual(['-', 'unscorable', '-']);
    expect(rows[2]![0]).toBe('example.com');
    // Reading the line whole took 586 MB; the CLI with the model loaded takes ~130-170 MB.
    expect(maxRssMB).toBeLessThan(300);
  }, 60_000);

  it('--json names the reason too-long and the line length', () => {
    const { code, stdout } = snowman(['score', '--json', '--input', '-'], `${'b'.repeat(20_000)}\n`);
    expect(code).toBe(0);
    const record = JSON.parse(stdout) as Record<string, unknown>;
    expect(record).toMatchObject({ verdict: 'unscorable', reason: 'too-long', score: null });
    expect(JSON.stringify(record['reasons'])).toContain('20000 bytes');
  });

  it('exit 0: done, unscorable inputs included', () => {
    expect(snowman(['score', 'example.com', '10.0.0.1', '']).code).toBe(0);
  });

  it('exit 1: a failure (a corrupt model), one line on stderr, nothing on stdout', () => {
    const model = path.join(dir, 'corrupt-model');
    mkdirSync(model, { recursive: true });
    writeFileSync(path.join(model, 'model.json'), '{not json');
    writeFileSync(path.join(model, 'metadata.json'), '{}');
    const { code, stdout, stderr } = snowman(['score', '--model', model, 'example.com']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^snowman score: /);
  });

  it('exit 2: usage or input error (bad flag, missing file), one line on stderr, nothing on stdout', () => {
    for (const args of [['score', '--nope'], ['score', '--input', path.join(dir, 'missing.txt')], ['score']]) {
      const { code, stdout, stderr } = snowman(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});
