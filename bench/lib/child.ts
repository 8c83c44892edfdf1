/**
 * Runs a TypeScript probe in a fresh Node process and returns the JSON it prints last. tfjs picks
 * its backend once per process, so comparing backends (or measuring a cold start) needs a child.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `node --import tsx <script> ...args` from the repository root; rejects with stderr on failure. */
export function runProbe<T>(script: string, args: readonly string[] = [], timeoutMs = 300_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0)
        return reject(
          new Error(
            `${script} ${args.join(' ')} exited ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
          ),
        );
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON result: ${last.slice(0, 200)}`));
      }
    });
  });
}
