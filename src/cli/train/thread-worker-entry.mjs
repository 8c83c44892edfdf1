// Worker threads do not inherit the parent's TypeScript loader (tsx registered through its API in
// bin/snowman.mjs, or vitest's transform), so this plain-JS entry registers tsx for the worker.
// The compiled CLI has its own dist/cli/thread-worker-entry.mjs (thread-worker.ts, built by build.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./thread-worker.ts');
