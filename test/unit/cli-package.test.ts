/**
 * The CLI as users install it: `npm pack` (prepack compiles dist/cli), `npm install -g` into a
 * temporary prefix, then `snowman score`, `eval`, `serve` and `train` run from another folder with
 * only the package's runtime dependencies — no tsx, no sources, no ../shared beside it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = path.join(ROOT, 'test/fixtures/eval');

let scratch: string;
let prefix: string;
let elsewhere: string;
let env: NodeJS.ProcessEnv;

function npm(args: string[], cwd: string) {
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 240_000 });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

function snowman(args: string[]) {
  const result = spawnSync('snowman', args, { cwd: elsewhere, env, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'snowman-pack-'));
  prefix = path.join(scratch, 'prefix');
  elsewhere = path.join(scratch, 'elsewhere');
  await mkdir(elsewhere);
  const tarball = npm(['pack', '--silent', '--pack-destination', scratch], ROOT).trim().split('\n').pop()!;
  npm(
    ['install', '-g', '--prefix', prefix, path.join(scratch, tarball), '--prefer-offline', '--no-audit', '--no-fund'],
    scratch,
  );
  const { NODE_OPTIONS: _loader, SNOWMAN_DATA: _data, ...rest } = process.env;
  env = { ...rest, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env['PATH'] ?? ''}` };
}, 300_000);

// The installed prefix holds the package's whole dependency tree (tens of thousands of files):
// removing it takes well over the default 10 s hook budget on a busy 2-core machine.
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
}, 180_000);

describe('the packed CLI, installed into a temporary prefix', () => {
  it('ships compiled JS, the model, README and LICENSE, and runs without tsx', async () => {
    const installed = path.join(prefix, 'lib', 'node_modules', 'snowman');
    const files = await readdir(installed);
    expect(files).toEqual(expect.arrayContaining(['dist', 'model', 'threats', 'README.md', 'LICENSE', 'package.json']));
    expect((await readdir(path.join(installed, 'threats'))).sort()).toEqual(['list.bin', 'provenance.json']);
    expect(files).not.toContain('src');
    expect(existsSync(path.join(installed, 'node_modules', 'tsx'))).toBe(false);
    const compiled = await readdir(path.join(installed, 'dist', 'cli'));
    expect(compiled).toEqual(expect.arrayContaining(['snowman.mjs', 'thread-worker-entry.mjs']));
    for (const file of compiled)
      expect(await readFile(path.join(installed, 'dist', 'cli', file), 'utf8')).not.toMatch(/\btsx\b|\.ts['"]/);
  });

  it('snowman score judges names from another folder', () => {
    const { code, stdout, stderr } = snowman(['score', 'example.com', 'w0vbfi386tnbdf9c0ptnfjbqm1.biz']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^example\.com\t0\.\d+\tsafe\t/m);
    expect(stdout).toMatch(/^w0vbfi386tnbdf9c0ptnfjbqm1\.biz\t[01]\.\d+\tdangerous\t/m);
  });

  it('snowman score checks the packaged threat list', () => {
    const listed = readFileSync(path.join(ROOT, 'threats/names.txt'), 'utf8').split('\n')[0]!;
    const { code, stdout } = snowman(['score', '--json', listed]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ verdict: 'dangerous', reasons: [{ kind: 'listed' }] });
  });

  it('snowman eval reads labelled lists given by path', () => {
    const { code, stdout } = snowman([
      'eval',
      '--benign',
      `${FIXTURES}/benign-fixture.txt`,
      '--malicious',
      `${FIXTURES}/malicious-fixture.txt`,
      '--dga',
      `${FIXTURES}/dga-fixture.txt`,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^malicious +\S+ +20 +34 +[01]\.\d{4} /m);
  });

  it('snowman train without data names --data instead of a source-layout path', () => {
    const { code, stderr } = snowman(['train']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot read the data directory .*--data DIR/);
  });

  it('snowman train writes a new folder where it runs, never the shipped model, with its worker threads compiled too', async () => {
    const shipped = path.join(prefix, 'lib', 'node_modules', 'snowman', 'model', 'metadata.json');
    const before = await readFile(shipped, 'utf8');
    const data = path.join(ROOT, 'test/fixtures/train-small');
    const { code, stderr } = snowman([
      'train',
      '--data',
      data,
      '--arch',
      'seed',
      '--epochs',
      '1',
      '--threads',
      '2',
      '--quiet',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [out, ...others] = (await readdir(elsewhere)).filter((name) => name.startsWith('snowman-model-'));
    expect(others).toEqual([]);
    expect(await readdir(path.join(elsewhere, out!))).toEqual(
      expect.arrayContaining(['model.json', 'weights.bin', 'metadata.json']),
    );
    expect(await readFile(shipped, 'utf8')).toBe(before);
  });

  it('snowman serve answers over HTTP and stops on SIGTERM sent to the process the user started', async () => {
    const child = spawn('snowman', ['serve', '--port', '0'], {
      cwd: elsewhere,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(stderr);
        if (match) resolve(match[1]!);
      });
      child.once('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const health = (await (await fetch(`${url}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', engine: 'fast+ngram' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('snowman serve: stopped');
  });

  it('npx snowman serve stops on SIGTERM sent to npx (npm passes it to sh, which drops it: serve follows its parent)', async () => {
    const child = spawn('npx', ['--no', 'snowman', 'serve', '--port', '0'], {
      cwd: elsewhere,
      env: { ...env, npm_config_prefix: prefix },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // The pipe closes once every process holding it (npx, sh, the server) has exited.
    const closed = new Promise<void>((resolve) => child.stderr.once('close', resolve));
    const listening = async (): Promise<void> => {
      for (let i = 0; i < 600 && !/listening on http/.test(stderr); i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
    };
    await listening();
    expect(stderr).toMatch(/listening on http/);
    // npx -> sh -> node: the server, to be stopped by hand if the test fails.
    const server = spawnSync('pgrep', [
      '-P',
      spawnSync('pgrep', ['-P', String(child.pid)])
        .stdout.toString()
        .trim(),
    ])
      .stdout.toString()
      .trim();
    child.kill('SIGTERM');
    const stopped = await Promise.race([
      closed.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 20_000)),
    ]);
    if (!stopped && /^\d+$/.test(server)) process.kill(Number(server), 'SIGTERM');
    expect(stopped).toBe(true);
    expect(stderr).toContain('snowman serve: npm exited: finishing in-flight requests');
    expect(stderr).toContain('snowman serve: stopped');
  });
});
