/**
 * The bad-input corpus (test/fixtures/bad-input/, written by scripts/bad-input-corpus.ts) against
 * every surface that takes outside input: `snowman score`, the REST server, the background's
 * message contract, the content script's command parser and the warning page's issued check.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIssuedCheck } from '../../src/background/warning-issued.js';
import { createWarningTokens } from '../../src/background/warning-tokens.js';
import { targetOfWarningUrl } from '../../src/background/warning-url.js';
import { parseContentCommand } from '../../src/core/messages.js';
import { MESSAGES, MessageError, serve, type Handlers, type SenderInfo } from '../../src/core/messages.js';
import { expand } from '../../scripts/lib/corpus-repeat.js';
import { memorySession } from './helpers/memory-session.js';
import { serverFixture, type Fixture } from './helpers/serve-fixture.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = path.join(ROOT, 'test/fixtures/bad-input');
const INPUTS = readFileSync(path.join(CORPUS, 'inputs.bin'));
/** Each input's bytes (the file is LF-ended lines). */
const LINES: Buffer[] = [];
for (let start = 0, end = INPUTS.indexOf(0x0a); end !== -1; start = end + 1, end = INPUTS.indexOf(0x0a, start))
  LINES.push(INPUTS.subarray(start, end));
const TEXT = LINES.map((line) => new TextDecoder().decode(line));

const VERDICTS = ['safe', 'suspicious', 'dangerous', 'unscorable'];
const CATEGORIES = ['benign', 'malicious', 'dga', '-'];
const REASONS = ['empty', 'invalid', 'scheme', 'ip', 'local', 'too-long'];

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('bad-input corpus', () => {
  it('holds a few thousand inputs, every one a row of snowman score', () => {
    expect(LINES.length).toBeGreaterThan(2500);
    expect(LINES.some((line) => line.length > 16_384)).toBe(true);
    expect(TEXT.some((text) => text.includes('\ufffd'))).toBe(true);
  });

  it('is what scripts/bad-input-corpus.ts writes', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'bad-input-'));
    const { code } = await run(['--import', 'tsx', 'scripts/bad-input-corpus.ts', out]);
    expect(code).toBe(0);
    for (const file of ['inputs.bin', 'messages.json', 'warning-urls.txt'])
      expect(readFileSync(path.join(out, file)).equals(readFileSync(path.join(CORPUS, file))), file).toBe(true);
  }, 60_000);
});

describe('bad-input corpus through snowman score', () => {
  it('TSV and --json: one well-formed row per input, in order, exit 0', async () => {
    const file = path.join(CORPUS, 'inputs.bin');
    const [tsv, json] = await Promise.all([
      run(['bin/snowman.mjs', 'score', '--input', file]),
      run(['bin/snowman.mjs', 'score', '--json', '--input', file]),
    ]);
    expect(tsv.stderr).toBe('');
    expect(tsv.code).toBe(0);
    const rows = tsv.stdout.split('\n');
    expect(rows.pop()).toBe('');
    expect(rows).toHaveLength(LINES.length);
    for (const row of rows) {
      const columns = row.split('\t');
      expect(columns, row.slice(0, 80)).toHaveLength(4);
      const [input, score, verdict, category] = columns as [string, string, string, string];
      expect(input).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
      expect(VERDICTS).toContain(verdict);
      expect(CATEGORIES).toContain(category);
      if (verdict === 'unscorable') expect([score, category]).toEqual(['-', '-']);
      else expect(score).toMatch(/^[01]\.\d{6}$/);
    }
    expect(json.code).toBe(0);
    const records = json.stdout.trimEnd().split('\n');
    expect(records).toHaveLength(LINES.length);
    records.forEach((line, i) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      expect(VERDICTS).toContain(record['verdict']);
      if (record['verdict'] === 'unscorable') expect(REASONS).toContain(record['reason']);
      if (LINES[i]!.length > 16_384) expect(record['reason']).toBe('too-long');
      else expect(record['input']).toBe(TEXT[i]!.trim());
    });
  }, 90_000);
});

describe('bad-input corpus through the server', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await serverFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('PUT / with each input as raw bytes: a JSON answer, never a 5xx', async () => {
    const statuses = new Map<number, number>();
    for (const line of LINES) {
      const response = await f.app.inject({ method: 'PUT', url: '/', payload: line });
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      expect([200, 400, 413, 422], line.toString('latin1').slice(0, 80)).toContain(response.statusCode);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      JSON.parse(response.body);
    }
    // The corpus reaches every branch: scored, unscorable, invalid UTF-8 and over-long bodies.
    expect([...statuses.keys()].sort()).toEqual([200, 400, 413, 422]);
  }, 60_000);

  it('POST /v1/score with the inputs as strings: every one answered, in order', async () => {
    for (let start = 0; start < TEXT.length; start += 1000) {
      const domains = TEXT.slice(start, start + 1000);
      const response = await f.app.inject({ method: 'POST', url: '/v1/score', payload: { domains } });
      expect(response.statusCode).toBe(200);
      const results = (JSON.parse(response.body) as { results: { input: string; verdict: string }[] }).results;
      expect(results.map((r) => r.input)).toEqual(domains);
      for (const r of results) expect(VERDICTS).toContain(r.verdict);
    }
  });

  it('POST /v1/score with the raw inputs as bodies: a JSON 4xx, never a 5xx', async () => {
    for (const line of LINES.filter((_, i) => i % 4 === 0)) {
      const response = await f.app.inject({
        method: 'POST',
        url: '/v1/score',
        payload: line,
        headers: { 'content-type': 'application/json' },
      });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(JSON.parse(response.body)).toHaveProperty('error');
    }
  });
});

describe('bad-input corpus through the extension', () => {
  const corpus = JSON.parse(readFileSync(path.join(CORPUS, 'messages.json'), 'utf8')) as {
    messages: { message: unknown; sender: SenderInfo }[];
    commands: unknown[];
  };

  it('every forged message is refused in the envelope, no handler runs, nothing throws', async () => {
    const calls: string[] = [];
    const handlers = new Proxy({} as Handlers, {
      get: (_target, type: string) => () => {
        calls.push(type);
        return {};
      },
    });
    const dispatch = serve(handlers, { extensionId: 'EXTID', extensionOrigin: 'chrome-extension://EXTID/' });
    expect(corpus.messages.length).toBeGreaterThan(400);
    for (const { message, sender } of corpus.messages) {
      const reply = await dispatch(expand(message), sender);
      expect(reply.ok, JSON.stringify(message).slice(0, 120)).toBe(false);
      expect(typeof (reply as { error: unknown }).error).toBe('string');
    }
    expect(calls).toEqual([]);
  });

  it('every forged content-script command is ignored', () => {
    for (const command of corpus.commands) expect(parseContentCommand(expand(command))).toBeNull();
  });

  it('no crafted warning-page address counts as a warning the extension issued', async () => {
    const page = 'chrome-extension://EXTID/warning/index.html';
    const tokens = createWarningTokens(memorySession(), () => 'REAL-TOKEN');
    // The real token was issued for another site in the same tab: reusing it must not help.
    await tokens.issue(1, 'real-danger.example');
    const issued = createIssuedCheck({ tokens, blockList: null, isListed: () => false });
    const urls = readFileSync(path.join(CORPUS, 'warning-urls.txt'), 'utf8').trimEnd().split('\n');
    let targets = 0;
    for (const url of urls) {
      const target = targetOfWarningUrl(page, url);
      if (target === null) continue;
      targets++;
      const token = new URL(url).searchParams.get('t') ?? undefined;
      expect(await issued(target, token, 1), url.slice(0, 120)).toBe(false);
      try {
        MESSAGES['get-site'].validate({ url: target, ...(token === undefined ? {} : { token }) });
      } catch (error) {
        expect(error).toBeInstanceOf(MessageError);
      }
    }
    expect(targets).toBeGreaterThan(50);
  });
});
