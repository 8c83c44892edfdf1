/**
 * The Firefox build passes Mozilla's own linter (web-ext lint: manifest, permissions, CSP, unsafe
 * DOM sinks such as innerHTML, remote scripts) with no errors and no warnings. It runs on dist/,
 * so a change that only shows up in the bundle (a dependency pulling in eval, a new file type in
 * the package) fails here.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from './harness/extension.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface LintReport {
  readonly count: number;
  readonly summary: { readonly errors: number; readonly notices: number; readonly warnings: number };
  readonly errors: readonly { readonly code: string; readonly message: string }[];
  readonly warnings: readonly { readonly code: string; readonly message: string; readonly file?: string }[];
}

describe('web-ext lint on dist/firefox', () => {
  it('finds no errors and no warnings', async () => {
    await ensureBuilt();
    const bin = path.join(ROOT, 'node_modules', '.bin', 'web-ext');
    // web-ext exits non-zero on errors; the JSON report is on stdout either way.
    const { stdout } = await promisify(execFile)(
      bin,
      ['lint', '--source-dir', path.join(ROOT, 'dist/firefox'), '--output', 'json', '--boring'],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as LintReport;
    const findings = [...report.errors, ...report.warnings].map((f) => `${f.code}: ${f.message}`);
    expect(findings).toEqual([]);
    expect(report.summary.errors).toBe(0);
    expect(report.summary.warnings).toBe(0);
  });
});
