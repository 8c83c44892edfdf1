/** `snowman score` end to end, as a child process: the format other tools parse. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function snowman(args: string[], stdin?: string) {
  const result = spawnSync(process.execPath, ['bin/snowman.mjs', ...args], {
    cwd: ROOT,
    input: stdin ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SCORE = /^(?:0|1)\.\d{6}$/;
const VERDICTS = ['safe', 'suspicious', 'dangerous'];
const CATEGORIES = ['benign', 'malicious', 'dga'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'snowman-score-'));
});

describe('snowman score', () => {
  it('scores a file with a bad line: the bad line is unscorable, the others scored, exit 0', () => {
    const file = path.join(dir, 'mixed.txt');
    writeFileSync(
      file,
      'example.com\nhttp://10.0.0.1/admin\n\n# a comment\nbad..name\nhttps://Login.PayPal.com.verify-account.xyz/x\r\nlocalhost\n',
    );
    const { code, stdout, stderr } = snowman(['score', '--input', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const rows = stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(rows.map((r) => r[0])).toEqual([
      'example.com',
      'http://10.0.0.1/admin',
      'bad..name',
      'https://Login.PayPal.com.verify-account.xyz/x',
      'localhost',
    ]);
    for (const row of rows) expect(row).toHaveLength(4);
    for (const i of [0, 3]) {
      const [, score, verdict, category] = rows[i]!;
      expect(score).toMatch(SCORE);
      expect(VERDICTS).toContain(verdict);
      expect(CATEGORIES).toContain(category);
    }
    for (const i of [1, 2, 4]) expect(rows[i]!.slice(1)).toEqual(['-', 'unscorable', '-']);
  });

  it('scores arguments in order, one line each', () => {
    const { code, stdout } = snowman(['score', 'example.com', 'not a name', 'bücher.de']);
    expect(code).toBe(0);
    const rows = stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(rows.map((r) => r[0])).toEqual(['example.com', 'not a name', 'bücher.de']);
    expect(rows[1]!.slice(1)).toEqual(['-', 'unscorable', '-']);
    expect(rows[2]![1]).toMatch(SCORE);
  });

  it('exits 2 with a message on a missing file, before any output', () => {
    const { code, stdout, stderr } = snowman(['score', 'example.com', '--input', path.join(dir, 'nope.txt')]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/cannot read --input .*nope\.txt: no such file/);
  });

  it('exits 2 on a bad flag and on a bad flag value', () => {
    const bad = snowman(['score', '--frobnicate', 'example.com']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/snowman score: .*--frobnicate/);
    const batch = snowman(['score', '--batch', 'zero', 'example.com']);
    expect(batch.code).toBe(2);
    expect(batch.stderr).toMatch(/--batch/);
    const none = snowman(['score']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/nothing to score/);
  });

  it('exits 2 when --model names no directory', () => {
    const { code, stderr } = snowman(['score', '--model', path.join(dir, 'no-model'), 'example.com']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--model .*no such directory/);
  });

  it('prints the calibrated risk in the TSV score column; --json carries it beside the raw score', () => {
    const names = ['example.com', 'paypal.com.account-verify.xyz', 'xjw9qk2mz8vfh3lp.com', 'qwe-rty-uio.biz'];
    const tsv = snowman(['score', ...names])
      .stdout.trimEnd()
      .split('\n')
      .map((line) => line.split('\t'));
    const json = snowman(['score', '--json', ...names])
      .stdout.trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { score: number; risk: number; verdict: string });
    json.forEach((row, i) => {
      expect(typeof row.risk).toBe('number');
      expect(tsv[i]![1]).toBe(row.risk.toFixed(6));
    });
    // A risk is a share, not the head probability: an ordinary name is far below 1, a raw score need not be.
    expect(json[0]!.risk).toBeLessThan(0.99);
    expect(json.map((r) => r.risk)).not.toEqual(json.map((r) => r.score));
  });

  it('--json adds host, registrable domain, reasons and the unscorable reason', () => {
    const { code, stdout } = snowman(['score', '--json', 'https://www.Sub.Example.co.uk:8443/path', '192.168.1.1']);
    expect(code).toBe(0);
    const [scored, unscorable] = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(scored).toMatchObject({
      input: 'https://www.Sub.Example.co.uk:8443/path',
      host: 'sub.example.co.uk',
      registrableDomain: 'example.co.uk',
    });
    expect(typeof scored!['score']).toBe('number');
    expect(String(scored!['score'])).toMatch(/^(?:0|1)(?:\.\d{1,6})?$/);
    expect(VERDICTS).toContain(scored!['verdict']);
    expect(CATEGORIES).toContain(scored!['category']);
    expect(Array.isArray(scored!['reasons'])).toBe(true);
    expect(scored).not.toHaveProperty('reason');
    expect(unscorable).toMatchObject({
      input: '192.168.1.1',
      score: null,
      risk: null,
      verdict: 'unscorable',
      category: '-',
      reason: 'ip',
      registrableDomain: null,
    });
    expect((unscorable!['reasons'] as { kind: string }[])[0]!.kind).toBe('unscorable');
  });

  it('reads stdin with --input -', () => {
    const { code, stdout } = snowman(['score', '--input', '-'], 'example.org\n\tgarbage\twith tabs\nwikipedia.org\n');
    expect(code).toBe(0);
    const rows = stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(rows).toHaveLength(3);
    // Tabs inside an input become spaces: the line keeps exactly four columns.
    expect(rows[1]).toEqual(['garbage with tabs', '-', 'unscorable', '-']);
    expect(rows[0]![0]).toBe('example.org');
    expect(rows[2]![0]).toBe('wikipedia.org');
  });

  it('keeps the order across batches', () => {
    const names = Array.from({ length: 50 }, (_, i) => (i % 7 === 3 ? `bad name ${i}` : `name${i}.example.net`));
    const { code, stdout } = snowman(['score', '--batch', '8', '--input', '-'], `${names.join('\n')}\n`);
    expect(code).toBe(0);
    expect(
      stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split('\t')[0]),
    ).toEqual(names);
  });
});
