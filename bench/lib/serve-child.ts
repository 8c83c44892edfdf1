/**
 * The bench's server child: bench/probes/serve-probe.ts on loopback, started and stopped from the
 * load-generating process, reporting the model calls and CPU time it spent serving.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ProbeServer {
  readonly url: string;
  /** Stops the server; resolves with the model calls it made and the CPU time it used serving. */
  stop(): Promise<{ calls: number; cpuMicros: number }>;
}

/** Starts the probe server on `engine` with micro-batches of `maxBatch` names; resolves once it listens. */
export function startServer(engine: 'fast' | 'layers', maxBatch: number): Promise<ProbeServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/probes/serve-probe.ts', engine, String(maxBatch)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
        const line = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        if (typeof line['port'] === 'number') {
          resolve({
            url: `http://127.0.0.1:${line['port']}`,
            async stop() {
              child.kill('SIGTERM');
              await exited;
              const last = lines.find((l) => typeof l['calls'] === 'number');
              return { calls: Number(last?.['calls'] ?? NaN), cpuMicros: Number(last?.['cpuMicros'] ?? NaN) };
            },
          });
        }
      }
    });
    void exited.then(() =>
      reject(new Error(`server probe exited before listening: ${stderr.trim().split('\n').slice(-2).join(' | ')}`)),
    );
  });
}
